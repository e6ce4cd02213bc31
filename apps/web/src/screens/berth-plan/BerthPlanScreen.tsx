import { skipToken, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { canEdit } from '../../auth/screens.ts';
import { useSession } from '../../auth/session.tsx';
import { trpc } from '../../trpc.ts';
import { localZoneName } from '../../ui/format.ts';
import { localName } from '../../ui/local-name.ts';
import { Empty, ErrorState, Loading, QueryState } from '../../ui/states.tsx';
import { BerthTimeline } from './BerthTimeline.tsx';
import { PERIOD_DAYS, periodOf, shiftPeriod, toDateParam } from './layout.ts';
import type { MoveDraft } from './move.ts';
import { ScheduleImport } from './ScheduleImport.tsx';
import { VisitPanel } from './VisitPanel.tsx';
import './berth-plan.css';

const REFRESH_MS = 60_000;

/** The berth plan of a terminal over 1, 3 or 7 days, and the schedule import for planners. */
export function BerthPlanScreen() {
  const { t, i18n } = useTranslation('berthPlan');
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const [now, setNow] = useState(() => new Date());
  const [isImporting, setImporting] = useState(false);
  const [draft, setDraft] = useState<MoveDraft | null>(null);
  const openId = params.get('visit');
  const canMove = canEdit(user, 'berthPlan');
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const fromParam = params.get('from');
  const daysParam = params.get('days');
  // The window moves only with the URL, not with the clock (today's date is read once).
  const period = useMemo(() => periodOf(fromParam, daysParam, new Date()), [fromParam, daysParam]);
  const window = useMemo(() => ({ from: period.from, to: period.to }), [period]);
  const terminals = useQuery(
    trpc.port.terminals.queryOptions(undefined, { staleTime: 10 * 60_000 }),
  );
  const sortedTerminals = useMemo(
    () => [...(terminals.data ?? [])].sort((a, b) => a.code.localeCompare(b.code)),
    [terminals.data],
  );
  const code = params.get('terminal');
  const terminal =
    sortedTerminals.find((item) => item.code === code) ??
    sortedTerminals.find((item) => item.code === 'YSP4') ??
    sortedTerminals[0];
  const input = terminal
    ? { terminalId: terminal.id, from: period.from.toISOString(), to: period.to.toISOString() }
    : null;
  const plan = useQuery(
    trpc.visits.berthPlan.queryOptions(input ?? skipToken, { refetchInterval: REFRESH_MS }),
  );
  const set = (changes: Record<string, string | null>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [name, value] of Object.entries(changes))
        if (value === null) next.delete(name);
        else next.set(name, value);
      return next;
    });
  const open = (visitId: string | null) => {
    setDraft(null);
    set({ visit: visitId });
  };

  if (terminals.isPending) return <Loading />;
  if (terminals.error)
    return <ErrorState error={terminals.error} onRetry={() => void terminals.refetch()} />;
  if (!terminal) return <Empty>{t('noTerminals')}</Empty>;
  return (
    <div className="berth-plan-screen">
      <div className="toolbar">
        <h1>{t('title')}</h1>
        <label>
          {t('terminal')}{' '}
          <select value={terminal.code} onChange={(event) => set({ terminal: event.target.value })}>
            {sortedTerminals.map((item) => (
              <option key={item.id} value={item.code}>
                {item.code} · {localName(item, i18n.language)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          aria-label={t('earlier')}
          onClick={() => set({ from: toDateParam(shiftPeriod(period, -1)) })}
        >
          ‹
        </button>
        <label>
          {t('from')}{' '}
          <input
            type="date"
            value={toDateParam(period.from)}
            onChange={(event) => event.target.value && set({ from: event.target.value })}
          />
        </label>
        <button
          type="button"
          aria-label={t('later')}
          onClick={() => set({ from: toDateParam(shiftPeriod(period, 1)) })}
        >
          ›
        </button>
        <button type="button" onClick={() => set({ from: toDateParam(new Date()) })}>
          {t('today')}
        </button>
        <fieldset className="berth-plan-days" aria-label={t('period')}>
          {PERIOD_DAYS.map((days) => (
            <button
              key={days}
              type="button"
              aria-pressed={period.days === days}
              onClick={() => set({ days: String(days) })}
            >
              {t('days', { count: days })}
            </button>
          ))}
        </fieldset>
        {canMove ? (
          <button type="button" onClick={() => setImporting((open) => !open)}>
            {t('import.open')}
          </button>
        ) : null}
        <span className="hint">{t('zoneNote', { zone: localZoneName(i18n.language) })}</span>
      </div>
      {isImporting ? <ScheduleImport onClose={() => setImporting(false)} /> : null}
      <QueryState query={plan} isEmpty={(data) => data.berths.length === 0} empty={t('noBerths')}>
        {(data) => (
          <>
            <p className="berth-plan-legend">
              <span className="berth-plan-key berth-plan-planned" /> {t('planned')}
              <span className="berth-plan-key berth-plan-actual" /> {t('actual')}
              <span className="berth-plan-key berth-plan-conflict" /> {t('conflict')}
              {data.conflictCount > 0 ? (
                <strong className="badge bad" data-testid="conflict-count">
                  {t('conflictCount', { count: data.conflictCount })}
                </strong>
              ) : null}
            </p>
            {canMove ? <p className="hint">{t('move.dragHint')}</p> : null}
            <div className={openId ? 'berth-plan-body berth-plan-body-panel' : 'berth-plan-body'}>
              <BerthTimeline
                plan={data}
                window={window}
                days={period.days}
                now={now}
                actions={{
                  selectedId: openId,
                  onOpen: open,
                  canMove,
                  draft,
                  onDrag: setDraft,
                  onDrop: (dropped) => {
                    setDraft(dropped);
                    set({ visit: dropped.visitId });
                  },
                }}
              />
              {openId ? (
                <VisitPanel
                  plan={data}
                  visitId={openId}
                  canMove={canMove}
                  draft={draft}
                  onDraft={setDraft}
                  onClose={() => open(null)}
                />
              ) : null}
            </div>
          </>
        )}
      </QueryState>
    </div>
  );
}
