import type { VesselVisitStatus } from '@harbor/shared';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useSearchParams } from 'react-router';
import { trpc } from '../../trpc.ts';
import { localZoneName } from '../../ui/format.ts';
import { QueryState } from '../../ui/states.tsx';
import { InPortSummary, REFRESH_MS } from './InPortSummary.tsx';
import { VesselPage } from './VesselPage.tsx';
import { VisitDetail } from './VisitDetail.tsx';
import { VisitsTable } from './VisitsTable.tsx';
import { IN_PORT_STATUSES, parseStatusFilter, statusesToList } from './visit-view.ts';
import './vessels.css';

const FILTER_STATUSES: readonly VesselVisitStatus[] = [...IN_PORT_STATUSES, 'DEPARTED'];

/** `/vessels`: the vessels in port; `/vessels/:vesselId`: one vessel's page. */
export function VesselsScreen() {
  return (
    <Routes>
      <Route index element={<VesselsInPort />} />
      <Route path=":vesselId" element={<VesselPage />} />
    </Routes>
  );
}

/** Vessels in port: counts by status, berth occupancy, the visits and one visit's timeline. */
function VesselsInPort() {
  const { t, i18n } = useTranslation('vessels');
  const [params, setParams] = useSearchParams();
  const status = parseStatusFilter(params.get('status'));
  const openId = params.get('visit');
  const input = useMemo(() => ({ statuses: statusesToList(status), limit: 500 }), [status]);
  const visits = useQuery(trpc.visits.list.queryOptions(input, { refetchInterval: REFRESH_MS }));
  // The visit carries no ship type: the vessels register has it.
  const vessels = useQuery(
    trpc.vessels.list.queryOptions({ limit: 500 }, { staleTime: 5 * 60_000 }),
  );
  const shipTypes = useMemo(
    () => new Map((vessels.data?.items ?? []).map((vessel) => [vessel.id, vessel.shipType])),
    [vessels.data],
  );
  const setParam = (name: string, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: name === 'visit' },
    );

  return (
    <div className="vessels">
      <div className="toolbar">
        <h1>{t('title')}</h1>
        <label>
          {t('filter.status')}{' '}
          <select
            value={status ?? ''}
            onChange={(event) => setParam('status', event.target.value || null)}
          >
            <option value="">{t('filter.allOpen')}</option>
            {FILTER_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`status.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <span className="hint">
          {t('zoneNote', { zone: localZoneName(i18n.language) })} · {t('refreshNote')}
        </span>
      </div>
      <InPortSummary selected={status} onSelect={(value) => setParam('status', value)} />
      <div className={openId ? 'vessels-body vessels-body-detail' : 'vessels-body'}>
        <QueryState query={visits} isEmpty={(page) => page.items.length === 0} empty={t('empty')}>
          {(page) => (
            <VisitsTable
              visits={page.items}
              shipTypes={shipTypes}
              selectedId={openId}
              onOpen={(id) => setParam('visit', id)}
            />
          )}
        </QueryState>
        {openId ? <VisitDetail id={openId} onClose={() => setParam('visit', null)} /> : null}
      </div>
    </div>
  );
}
