import type { DispatchJob, GateMoveKind } from '@harbor/shared';
import { GateMoveKindSchema } from '@harbor/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { formatLocalTime } from './format.ts';

const HOUR_MS = 3_600_000;
/** The hours offered: from this one, half a day ahead. */
const HOURS_AHEAD = 12;
const PUNCTUALITY_TONE = {
  PENDING: '',
  EARLY: 'warn',
  ON_TIME: 'ok',
  LATE: 'warn',
  NO_SHOW: 'bad',
} as const;

/**
 * A gate slot for the job's truck at a terminal (truck appointment): the terminal's hours
 * ahead with the places each has left for the kind of move, a booking per hour, and the
 * job's bookings with how the truck kept them.
 */
export function GateSlots({
  job,
  vehicle,
  now,
}: {
  job: DispatchJob;
  vehicle: { id: string; plate: string };
  /** The hours offered start at this one (the dialog's opening, by default). */
  now?: Date;
}) {
  const [openedAt] = useState(() => now ?? new Date());
  const { t, i18n } = useTranslation('dispatch');
  const queryClient = useQueryClient();
  const terminals = useQuery(trpc.port.terminals.queryOptions());
  const [terminalId, setTerminalId] = useState('');
  const [moveKind, setMoveKind] = useState<GateMoveKind>('EXPORT_DROP_OFF');
  const chosen = terminalId || terminals.data?.[0]?.id || '';
  const range = useMemo(() => {
    const from = Math.floor(openedAt.getTime() / HOUR_MS) * HOUR_MS;
    return {
      from: new Date(from).toISOString(),
      to: new Date(from + HOURS_AHEAD * HOUR_MS).toISOString(),
    };
  }, [openedAt]);
  const load = useQuery({
    ...trpc.gates.load.queryOptions({ terminalId: chosen, ...range }),
    enabled: chosen !== '',
  });
  const booked = useQuery(
    trpc.gates.appointments.queryOptions({
      from: new Date(Date.parse(range.from) - 24 * HOUR_MS).toISOString(),
      to: range.to,
    }),
  );
  const refresh = () => {
    void queryClient.invalidateQueries(trpc.gates.load.queryFilter());
    void queryClient.invalidateQueries(trpc.gates.appointments.queryFilter());
  };
  const book = useMutation(trpc.gates.book.mutationOptions({ onSuccess: refresh }));
  const cancel = useMutation(trpc.gates.cancel.mutationOptions({ onSuccess: refresh }));
  const hours = (load.data ?? []).filter((hour) => hour.moveKind === moveKind);
  const mine = (booked.data ?? []).filter(
    (appointment) => appointment.dispatchJobId === job.id && appointment.status === 'BOOKED',
  );
  const terminalName = (id: string) => {
    const terminal = terminals.data?.find((row) => row.id === id);
    return terminal
      ? i18n.language === 'zh-CN'
        ? (terminal.nameZh ?? terminal.name)
        : terminal.name
      : id;
  };
  return (
    <section className="gate-slots" data-testid="gate-slots">
      <h3>{t('gate.title')}</h3>
      <div className="dispatch-form-actions">
        <label>
          {t('gate.terminal')}{' '}
          <select value={chosen} onChange={(event) => setTerminalId(event.target.value)}>
            {(terminals.data ?? []).map((terminal) => (
              <option key={terminal.id} value={terminal.id}>
                {terminalName(terminal.id)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('gate.moveKind')}{' '}
          <select
            value={moveKind}
            onChange={(event) => setMoveKind(event.target.value as GateMoveKind)}
          >
            {GateMoveKindSchema.options.map((kind) => (
              <option key={kind} value={kind}>
                {t(`gate.kind.${kind}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {load.isPending && chosen ? <Loading /> : null}
      {load.error ? <ErrorState error={load.error} onRetry={() => void load.refetch()} /> : null}
      {load.data && hours.length === 0 ? <p className="hint">{t('gate.noCapacity')}</p> : null}
      {hours.length > 0 ? (
        <table className="gate-hours" data-testid="gate-hours">
          <thead>
            <tr>
              <th>{t('gate.hour')}</th>
              <th>{t('gate.capacity')}</th>
              <th>{t('gate.booked')}</th>
              <th>{t('gate.free')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {hours.map((hour) => {
              const free = Math.max(0, hour.capacity - hour.booked);
              return (
                <tr key={hour.hourStart} data-hour={hour.hourStart}>
                  <td>{formatLocalTime(hour.hourStart, i18n.language)}</td>
                  <td>{hour.capacity}</td>
                  <td>{hour.booked}</td>
                  <td>{free}</td>
                  <td>
                    <button
                      type="button"
                      disabled={free === 0 || book.isPending}
                      aria-label={t('gate.bookAt', {
                        time: formatLocalTime(hour.hourStart, i18n.language),
                      })}
                      onClick={() =>
                        book.mutate({
                          vehicleId: vehicle.id,
                          terminalId: chosen,
                          moveKind,
                          slotStart: hour.hourStart,
                          jobId: job.id,
                        })
                      }
                    >
                      {t('gate.book')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {book.error || cancel.error ? (
        <p className="form-error" role="alert">
          <ErrorText error={book.error ?? cancel.error} />
        </p>
      ) : null}
      <ul className="dispatch-messages" data-testid="gate-bookings">
        {mine.map((appointment) => (
          <li key={appointment.id} data-appointment-id={appointment.id}>
            <span
              className={`badge ${PUNCTUALITY_TONE[appointment.punctuality]}`}
              data-punctuality={appointment.punctuality}
            >
              {t(`gate.punctuality.${appointment.punctuality}`)}
            </span>{' '}
            {terminalName(appointment.terminalId)} · {t(`gate.kind.${appointment.moveKind}`)} ·{' '}
            {formatLocalTime(appointment.slotStart, i18n.language)}{' '}
            <button
              type="button"
              disabled={cancel.isPending}
              onClick={() => cancel.mutate({ id: appointment.id })}
            >
              {t('gate.cancel')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
