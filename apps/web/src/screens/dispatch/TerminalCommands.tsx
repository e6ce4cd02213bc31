import type { TerminalCommand, TerminalCommandRequest, TerminalParameters } from '@harbor/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../auth/session.tsx';
import { trpc } from '../../trpc.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { formatLocalTime } from './format.ts';

const STATUS_TONE = { SENT: 'warn', ANSWERED: 'ok', FAILED: 'bad' } as const;
const PARAMETERS = ['reportIntervalS', 'heartbeatIntervalS', 'maxSpeedKmh'] as const;

/**
 * Commands to the truck's JT/T 808 terminal, answered while the dialog is open: its position
 * now, a photo, its reporting parameters read or changed, and (admins) a restart.
 */
export function TerminalCommands({
  vehicle,
  jobId,
}: {
  vehicle: { id: string; plate: string };
  /** The job the dialog is about: photos taken from here prove it. */
  jobId?: string;
}) {
  const { t } = useTranslation('dispatch');
  const { user } = useSession();
  const queryClient = useQueryClient();
  const input = { vehicleId: vehicle.id, limit: 10 };
  const commands = useQuery(
    trpc.vehicles.commands.queryOptions(input, {
      // Answers come from the terminal within seconds.
      refetchInterval: 3_000,
    }),
  );
  const send = useMutation(
    trpc.vehicles.sendCommand.mutationOptions({
      onSuccess: () =>
        void queryClient.invalidateQueries(trpc.vehicles.commands.queryFilter(input)),
    }),
  );
  const [parameters, setParameters] = useState<Record<string, string>>({});
  const command = (request: TerminalCommandRequest) =>
    send.mutate({ vehicleId: vehicle.id, command: request });
  const setAll = (event: FormEvent) => {
    event.preventDefault();
    const chosen: TerminalParameters = {};
    for (const name of PARAMETERS) {
      const value = parameters[name]?.trim();
      if (value) chosen[name] = Number(value);
    }
    command({ kind: 'SET_PARAMETERS', parameters: chosen });
  };
  const hasParameters = PARAMETERS.some((name) => parameters[name]?.trim());
  return (
    <section className="terminal-commands" data-testid="terminal-commands">
      <h3>{t('command.title')}</h3>
      <div className="dispatch-form-actions">
        <button type="button" disabled={send.isPending} onClick={() => command({ kind: 'LOCATE' })}>
          {t('command.kind.LOCATE')}
        </button>
        <button
          type="button"
          disabled={send.isPending}
          onClick={() =>
            send.mutate({
              vehicleId: vehicle.id,
              command: { kind: 'TAKE_PHOTO', channelId: 1 },
              ...(jobId ? { jobId } : {}),
            })
          }
        >
          {t('command.kind.TAKE_PHOTO')}
        </button>
        <button
          type="button"
          disabled={send.isPending}
          onClick={() => command({ kind: 'QUERY_PARAMETERS' })}
        >
          {t('command.kind.QUERY_PARAMETERS')}
        </button>
        {user?.role === 'ADMIN' ? (
          <button
            type="button"
            disabled={send.isPending}
            onClick={() => command({ kind: 'RESET' })}
          >
            {t('command.kind.RESET')}
          </button>
        ) : null}
      </div>
      <form className="dispatch-form terminal-parameters" onSubmit={setAll}>
        {PARAMETERS.map((name) => (
          <label key={name}>
            {t(`command.parameter.${name}`)}
            <input
              type="number"
              inputMode="numeric"
              min={1}
              value={parameters[name] ?? ''}
              onChange={(event) => setParameters({ ...parameters, [name]: event.target.value })}
            />
          </label>
        ))}
        <button type="submit" disabled={!hasParameters || send.isPending}>
          {t('command.kind.SET_PARAMETERS')}
        </button>
      </form>
      {send.error ? (
        <p className="form-error" role="alert">
          <ErrorText error={send.error} />
        </p>
      ) : null}
      {commands.isPending ? <Loading /> : null}
      {commands.error ? (
        <ErrorState error={commands.error} onRetry={() => void commands.refetch()} />
      ) : null}
      <ul className="dispatch-messages" data-testid="commands">
        {(commands.data?.items ?? []).map((item) => (
          <CommandRow key={item.id} command={item} />
        ))}
      </ul>
    </section>
  );
}

function CommandRow({ command }: { command: TerminalCommand }) {
  const { t, i18n } = useTranslation('dispatch');
  return (
    <li data-command-id={command.id}>
      <span
        className={`badge ${STATUS_TONE[command.status]}`}
        data-testid="command-status"
        data-status={command.status}
      >
        {t(`command.status.${command.status}`)}
      </span>{' '}
      <strong>{t(`command.kind.${command.request.kind}`)}</strong>{' '}
      <span className="hint">{formatLocalTime(command.createdAt, i18n.language)}</span>
      <p data-testid="command-answer">{answerText(command, t, i18n.language)}</p>
    </li>
  );
}

type Translate = ReturnType<typeof useTranslation>['t'];

/** What the answer says, in words: the position, the parameters, the photos coming. */
function answerText(command: TerminalCommand, t: Translate, language: string): string {
  const { answer, status, result } = command;
  if (status === 'FAILED')
    return result === null
      ? t('command.unanswered')
      : t(`command.result.${result}`, { defaultValue: t('command.result.1') });
  if (status === 'SENT') return t('command.waiting');
  if (answer?.position)
    return answer.position.isPositioned
      ? t('command.position', {
          lat: answer.position.lat.toFixed(5),
          lon: answer.position.lon.toFixed(5),
          speed: answer.position.speedKmh,
          time: formatLocalTime(answer.position.fixAt, language),
        })
      : t('command.noFix');
  if (answer?.parameters)
    return (
      PARAMETERS.filter((name) => answer.parameters?.[name] !== undefined)
        .map((name) => `${t(`command.parameter.${name}`)} ${answer.parameters?.[name]}`)
        .join(' · ') || t('command.noParameters')
    );
  if (answer?.mediaIds) return t('command.photos', { count: answer.mediaIds.length });
  return t('command.done');
}
