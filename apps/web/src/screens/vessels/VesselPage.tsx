import type { Vessel, VesselVisit } from '@harbor/shared';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { trpc, trpcCode } from '../../trpc.ts';
import { formatDateTime, formatNumber } from '../../ui/format.ts';
import { QueryState } from '../../ui/states.tsx';
import { REFRESH_MS } from './InPortSummary.tsx';
import { VesselTrackMap } from './VesselTrackMap.tsx';
import { etaDifferenceMin, type ParticularRow, particularRows } from './vessel-page.ts';
import { shipCategory, statusTone } from './visit-view.ts';

const DAY_MS = 86_400_000;

/** One vessel, as a ship-tracking site shows it: identity, AIS beside the register, track, calls. */
export function VesselPage() {
  const { t } = useTranslation('vessels');
  const { vesselId = '' } = useParams();
  const vessel = useQuery(
    trpc.vessels.get.queryOptions(
      { id: vesselId },
      {
        retry: (count, error) =>
          count < 2 && !['BAD_REQUEST', 'NOT_FOUND'].includes(trpcCode(error) ?? ''),
      },
    ),
  );
  return (
    <div className="vessel-page" data-testid="vessel-page">
      <div className="toolbar">
        <Link to="/vessels">← {t('page.back')}</Link>
      </div>
      <QueryState query={vessel}>{(data) => <VesselBody vessel={data} />}</QueryState>
    </div>
  );
}

function VesselBody({ vessel }: { vessel: Vessel }) {
  const { t, i18n } = useTranslation('vessels');
  const [now] = useState(() => new Date());
  const trackInput = useMemo(
    () => ({
      assetKind: 'VESSEL' as const,
      assetKey: String(vessel.mmsi),
      from: new Date(now.getTime() - DAY_MS).toISOString(),
      to: now.toISOString(),
      maxPoints: 2_000,
    }),
    [vessel.mmsi, now],
  );
  const track = useQuery(trpc.positions.track.queryOptions(trackInput));
  const calls = useQuery(
    trpc.visits.list.queryOptions(
      { vesselId: vessel.id, limit: 50 },
      { refetchInterval: REFRESH_MS },
    ),
  );
  const metres = (value: number | null) =>
    value === null
      ? '—'
      : t('discrepancy.metres', { value: formatNumber(value, i18n.language, 1) });
  const category = shipCategory(vessel.shipType);
  const position = track.data?.at(-1);
  return (
    <>
      <h1>{vessel.name ?? t('unnamed')}</h1>
      <div className="vessel-page-grid">
        <section className="panel" aria-labelledby="vessel-identity">
          <h2 id="vessel-identity">{t('page.identity')}</h2>
          <dl className="vessels-facts" data-testid="vessel-identity">
            <dt>{t('col.mmsi')}</dt>
            <dd>{vessel.mmsi}</dd>
            <dt>{t('col.imo')}</dt>
            <dd>{vessel.imo ?? '—'}</dd>
            <dt>{t('detail.callSign')}</dt>
            <dd>{vessel.callSign ?? '—'}</dd>
            <dt>{t('page.flag')}</dt>
            <dd>{flagName(vessel.flag, i18n.language)}</dd>
            <dt>{t('col.type')}</dt>
            <dd data-ship-type={vessel.shipType ?? ''}>
              {t(`shipType.${category}`)}
              {vessel.shipType ? <span className="hint"> ({vessel.shipType})</span> : null}
            </dd>
            <dt>{t('page.dimensions')}</dt>
            <dd>
              {t('page.dimensionsValue', {
                length: metres(vessel.lengthM),
                beam: metres(vessel.beamM),
                draught: metres(vessel.draughtM),
              })}
            </dd>
          </dl>
        </section>
        <ParticularsTable
          rows={particularRows(vessel)}
          reportedAt={vessel.ais?.reportedAt ?? null}
        />
        <section className="panel" aria-labelledby="vessel-position">
          <h2 id="vessel-position">{t('page.position')}</h2>
          <QueryState
            query={track}
            isEmpty={(fixes) => fixes.length === 0}
            empty={t('page.noTrack')}
          >
            {(fixes) => (
              <>
                <p data-testid="vessel-position">
                  {position
                    ? t('page.positionValue', {
                        at: formatDateTime(position.fixAt, i18n.language),
                        lat: position.lat.toFixed(4),
                        lon: position.lon.toFixed(4),
                        speed:
                          position.speedKnots === null
                            ? '—'
                            : formatNumber(position.speedKnots, i18n.language, 1),
                      })
                    : null}
                </p>
                <VesselTrackMap track={fixes} />
                <p className="hint">{t('page.trackNote', { count: fixes.length })}</p>
              </>
            )}
          </QueryState>
        </section>
        <section className="panel" aria-labelledby="vessel-eta">
          <h2 id="vessel-eta">{t('page.aisVoyage')}</h2>
          <AisVoyage vessel={vessel} calls={calls.data?.items ?? []} />
        </section>
      </div>
      <section className="panel" aria-labelledby="vessel-calls">
        <h2 id="vessel-calls">{t('page.calls')}</h2>
        <QueryState
          query={calls}
          isEmpty={(page) => page.items.length === 0}
          empty={t('page.noCalls')}
        >
          {(page) => <CallHistory calls={page.items} />}
        </QueryState>
      </section>
    </>
  );
}

/** A country from its ISO 3166-1 alpha-2 code, in the user's language. */
function flagName(code: string | null, language: string): string {
  if (!code) return '—';
  try {
    return `${new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code} (${code})`;
  } catch {
    // An old code Intl does not know: the code says it.
    return code;
  }
}

function ParticularsTable({
  rows,
  reportedAt,
}: {
  rows: ParticularRow[];
  reportedAt: string | null;
}) {
  const { t, i18n } = useTranslation('vessels');
  const show = (row: ParticularRow, value: string | number | null) => {
    if (value === null) return '—';
    if (row.field === 'shipType' && typeof value === 'number')
      return `${t(`shipType.${shipCategory(value)}`)} (${value})`;
    if (typeof value === 'number' && row.field.endsWith('M'))
      return t('discrepancy.metres', { value: formatNumber(value, i18n.language, 1) });
    return String(value);
  };
  return (
    <section className="panel" aria-labelledby="vessel-particulars">
      <h2 id="vessel-particulars">{t('page.particulars')}</h2>
      <table className="data-table" data-testid="vessel-particulars">
        <thead>
          <tr>
            <th scope="col">{t('discrepancy.field')}</th>
            <th scope="col">{t('discrepancy.curated')}</th>
            <th scope="col">{t('discrepancy.ais')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.field}
              data-field={row.field}
              data-different={row.isDifferent}
              className={row.isDifferent ? 'vessel-different' : undefined}
            >
              <th scope="row">{t(`page.fields.${row.field}`)}</th>
              <td>{show(row, row.curated)}</td>
              <td>
                {show(row, row.ais)}
                {row.isDifferent ? <span className="badge warn"> {t('page.differs')}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        {reportedAt
          ? t('page.aisReported', { at: formatDateTime(reportedAt, i18n.language) })
          : t('page.noAis')}
      </p>
    </section>
  );
}

function AisVoyage({ vessel, calls }: { vessel: Vessel; calls: VesselVisit[] }) {
  const { t, i18n } = useTranslation('vessels');
  // The call the AIS ETA speaks of: the open one still to berth, else the latest open one.
  const open = calls.filter((call) => call.status !== 'DEPARTED' && call.status !== 'CANCELLED');
  const next = open.find((call) => call.ata === null) ?? open[0] ?? null;
  const aisEta = vessel.ais?.eta ?? null;
  const difference = etaDifferenceMin(aisEta, next?.eta ?? null);
  return (
    <dl className="vessels-facts" data-testid="vessel-ais-voyage">
      <dt>{t('page.destination')}</dt>
      <dd>{vessel.ais?.destination ?? '—'}</dd>
      <dt>{t('col.aisEta')}</dt>
      <dd>{formatDateTime(aisEta, i18n.language)}</dd>
      <dt>{t('page.scheduledEta')}</dt>
      <dd>
        {next
          ? `${formatDateTime(next.eta, i18n.language)} · ${next.terminalCode ?? '—'} ${next.plannedBerthCode ?? ''}`
          : t('page.noOpenCall')}
      </dd>
      <dt>{t('page.etaDifference')}</dt>
      <dd data-testid="eta-difference">
        {difference === null
          ? '—'
          : difference === 0
            ? t('page.onSchedule')
            : t(difference > 0 ? 'page.later' : 'page.earlier', {
                duration: formatMinutes(Math.abs(difference), t),
              })}
      </dd>
      <dt>{t('col.predictedEta')}</dt>
      <dd>{formatDateTime(next?.predictedEta ?? null, i18n.language)}</dd>
    </dl>
  );
}

function formatMinutes(minutes: number, t: TFunction<'vessels'>): string {
  const hours = Math.floor(minutes / 60);
  return hours > 0
    ? t('page.hoursMinutes', { hours, minutes: minutes % 60 })
    : t('page.minutes', { minutes });
}

function CallHistory({ calls }: { calls: VesselVisit[] }) {
  const { t, i18n } = useTranslation('vessels');
  const time = (iso: string | null) => formatDateTime(iso, i18n.language, false);
  return (
    <div className="vessels-table-wrap">
      <table className="data-table" data-testid="vessel-calls">
        <thead>
          <tr>
            <th scope="col">{t('detail.voyage')}</th>
            <th scope="col">{t('col.terminal')}</th>
            <th scope="col">{t('col.berth')}</th>
            <th scope="col">{t('col.status')}</th>
            <th scope="col">{t('col.eta')}</th>
            <th scope="col">{t('col.arrivedAt')}</th>
            <th scope="col">{t('col.ata')}</th>
            <th scope="col">{t('col.atd')}</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((call) => (
            <tr key={call.id} data-visit-id={call.id}>
              <td>
                <Link to={`/vessels?visit=${call.id}`}>{call.voyageNumber ?? t('page.call')}</Link>
              </td>
              <td>{call.terminalCode ?? '—'}</td>
              <td>
                {call.plannedBerthCode ?? '—'}
                {call.actualBerthCode && call.actualBerthCode !== call.plannedBerthCode
                  ? ` → ${call.actualBerthCode}`
                  : ''}
              </td>
              <td>
                <span className={`badge ${statusTone(call.status)}`}>
                  {t(`status.${call.status}`)}
                </span>
              </td>
              <td>{time(call.eta)}</td>
              <td>{time(call.arrivedAt)}</td>
              <td>{time(call.ata)}</td>
              <td>{time(call.atd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
