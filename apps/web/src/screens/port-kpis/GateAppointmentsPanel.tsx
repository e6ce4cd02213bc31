import { GateMoveKindSchema } from '@harbor/shared';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { formatDateTime } from '../../ui/format.ts';
import { QueryState } from '../../ui/states.tsx';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * A terminal's truck appointments: its gates' last and next twelve hours (booked against
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
