import { GateMoveKindSchema } from '@harbor/shared';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { formatDateTime } from '../../ui/format.ts';
import { QueryState } from '../../ui/states.tsx';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** How often the gate queue is asked again: trucks join and leave it by the minute. */
const QUEUE_REFRESH_MS = 10_000;

/** Minutes of a wait, rounded. */
const minutes = (seconds: number) => Math.round(seconds / 60);

/**
 * The trucks on the road up to the terminal's gate now, asked again every few seconds: how
 * many, how long the longest has waited, and those the user sees with their slots.
 */
function GateQueuePanel({ terminalId }: { terminalId: string }) {
  const { t, i18n } = useTranslation('portKpis');
  const queue = useQuery(
    trpc.gates.queue.queryOptions({ terminalId }, { refetchInterval: QUEUE_REFRESH_MS }),
  );
  return (
    <div className="gate-queue" data-testid="gate-queue">
      <h2>{t('gate.queueTitle')}</h2>
      <QueryState query={queue}>
        {(data) => (
          <>
            <p data-testid="gate-queue-summary" data-count={data.count}>
              {data.count === 0
                ? t('gate.queueEmpty')
                : t('gate.queueSummary', {
                    count: data.count,
                    longest: minutes(data.longestWaitS),
                    average: minutes(data.averageWaitS),
                    booked: data.booked,
                  })}
            </p>
            {data.trucks.length > 0 ? (
              <table className="port-kpis-table" data-testid="gate-queue-trucks">
                <thead>
                  <tr>
                    <th>{t('gate.plate')}</th>
                    <th>{t('gate.waiting')}</th>
                    <th>{t('gate.slot')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.trucks.map((truck) => (
                    <tr key={truck.vehicleId}>
                      <td>{truck.plate}</td>
                      <td>
                        {t('gate.minutes', {
                          count: minutes((Date.parse(data.at) - Date.parse(truck.since)) / 1000),
                        })}
                      </td>
                      <td>
                        {truck.slotStart
                          ? formatDateTime(truck.slotStart, i18n.language, 'short')
                          : t('gate.noSlot')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </>
        )}
      </QueryState>
    </div>
  );
}

/**
 * A terminal's gate: the queue on its approach now, its truck appointments over its gates'
 * last and next twelve hours (booked against
 * capacity, and the booked trucks that came), and how each company's trucks kept their
 * slots over the last week.
 */
export function GateAppointmentsPanel({ terminalId }: { terminalId: string }) {
  const { t, i18n } = useTranslation('portKpis');
  const range = useMemo(() => {
    const hour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
    return {
      load: {
        from: new Date(hour - 12 * HOUR_MS).toISOString(),
        to: new Date(hour + 12 * HOUR_MS).toISOString(),
      },
      week: {
        from: new Date(hour - 7 * DAY_MS + HOUR_MS).toISOString(),
        to: new Date(hour + HOUR_MS).toISOString(),
      },
    };
  }, []);
  const load = useQuery(trpc.gates.load.queryOptions({ terminalId, ...range.load }));
  const punctuality = useQuery(trpc.gates.punctuality.queryOptions({ terminalId, ...range.week }));
  const kinds = GateMoveKindSchema.options;
  return (
    <section className="gate-appointments" data-testid="gate-appointments">
      <GateQueuePanel terminalId={terminalId} />
      <h2>{t('gate.title')}</h2>
      <QueryState query={load} isEmpty={(data) => data.length === 0} empty={t('gate.noCapacity')}>
        {(data) => {
          const hours = [...new Set(data.map((row) => row.hourStart))];
          const cell = (hourStart: string, kind: string) =>
            data.find((row) => row.hourStart === hourStart && row.moveKind === kind);
          return (
            <table className="port-kpis-table" data-testid="gate-load">
              <thead>
                <tr>
                  <th>{t('gate.hour')}</th>
                  {kinds.map((kind) => (
                    <th key={kind}>{t(`gate.kind.${kind}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {hours.map((hourStart) => (
                  <tr key={hourStart}>
                    <td>{formatDateTime(hourStart, i18n.language, 'short')}</td>
                    {kinds.map((kind) => {
                      const row = cell(hourStart, kind);
                      return (
                        <td key={kind}>
                          {row
                            ? t('gate.cell', {
                                booked: row.booked,
                                capacity: row.capacity,
                                arrived: row.arrived,
                              })
                            : '—'}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </QueryState>
      <h2>{t('gate.punctualityTitle')}</h2>
      <QueryState
        query={punctuality}
        isEmpty={(data) => data.length === 0}
        empty={t('gate.noBookings')}
      >
        {(data) => (
          <table className="port-kpis-table" data-testid="gate-punctuality">
            <thead>
              <tr>
                <th>{t('gate.company')}</th>
                <th>{t('gate.booked')}</th>
                <th>{t('gate.onTime')}</th>
                <th>{t('gate.early')}</th>
                <th>{t('gate.late')}</th>
                <th>{t('gate.noShow')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((row) => (
                <tr key={row.organizationId}>
                  <td>
                    {i18n.language === 'zh-CN'
                      ? (row.organizationNameZh ?? row.organizationName)
                      : row.organizationName}
                  </td>
                  <td>{row.booked}</td>
                  <td>{row.onTime}</td>
                  <td>{row.early}</td>
                  <td>{row.late}</td>
                  <td>{row.noShow}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </section>
  );
}
