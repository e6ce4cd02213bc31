import type { SupervisionLink, SupervisionLinkStatus } from '@harbor/shared';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber } from '../../ui/format.ts';

type Counter = Extract<
  keyof SupervisionLinkStatus,
  | 'messagesSent'
  | 'messagesReceived'
  | 'positionsSent'
  | 'backlogSent'
  | 'backlogPending'
  | 'backlogDropped'
  | 'registrationsSent'
  | 'decodeErrors'
  | 'loginsRefused'
  | 'connects'
  | 'requestsReceived'
  | 'requestsAnswered'
>;

/** The counters in the order shown, each with its test id. */
const COUNTERS: readonly { key: Counter; testId: string; bad?: boolean }[] = [
  { key: 'messagesSent', testId: 'supervision-messages-sent' },
  { key: 'messagesReceived', testId: 'supervision-messages-received' },
  { key: 'positionsSent', testId: 'supervision-positions-sent' },
  { key: 'backlogSent', testId: 'supervision-backlog-sent' },
  { key: 'backlogPending', testId: 'supervision-backlog-pending' },
  { key: 'backlogDropped', testId: 'supervision-backlog-dropped', bad: true },
  { key: 'registrationsSent', testId: 'supervision-registrations-sent' },
  { key: 'decodeErrors', testId: 'supervision-decode-errors', bad: true },
  { key: 'loginsRefused', testId: 'supervision-logins-refused', bad: true },
  { key: 'connects', testId: 'supervision-connects' },
  { key: 'requestsReceived', testId: 'supervision-requests-received' },
  { key: 'requestsAnswered', testId: 'supervision-requests-answered' },
];

const MAIN_TONE: Record<SupervisionLinkStatus['main'], string> = {
  down: 'bad',
  connecting: 'warn',
  'logging-in': 'warn',
  up: 'ok',
};

/** Why the figures may not be the link's now: it is off, nobody holds it, or nobody ever did. */
function noteOf(link: SupervisionLink): 'disabled' | 'never' | 'stale' | null {
  if (!link.enabled) return 'disabled';
  if (!link.status) return 'never';
  return link.held ? null : 'stale';
}

/**
 * What the process holding the link last reported: the two links' states, its counters and
 * its last error. When no process holds the link now (its lease, as the api judges it, has run
 * out), the figures are the last report's.
 */
export function StatusPanel({ link }: { link: SupervisionLink }) {
  const { t, i18n } = useTranslation('supervision');
  const language = i18n.language;
  const { status } = link;
  const note = noteOf(link);
  return (
    <section
      className="panel admin-section supervision-status"
      aria-labelledby="supervision-status-title"
      data-testid="supervision-status"
      data-note={note ?? 'current'}
    >
      <div className="supervision-status-head">
        <h2 id="supervision-status-title">{t('status.title')}</h2>
        {status ? (
          <span className="hint" data-testid="supervision-status-at">
            {t('status.asOf', { at: formatDateTime(status.at, language, 'seconds') })}
          </span>
        ) : null}
      </div>
      {note ? (
        <p className="supervision-note" role="status" data-testid="supervision-status-note">
          {note === 'stale'
            ? t('status.stale', { at: formatDateTime(status?.at, language, 'seconds') })
            : t(`status.${note}`)}
        </p>
      ) : null}
      {status ? (
        <dl className={`supervision-stats${note ? ' is-stale' : ''}`}>
          <div>
            <dt>{t('status.main')}</dt>
            <dd>
              <span
                className={`badge ${MAIN_TONE[status.main]}`}
                data-testid="supervision-status-main"
                data-state={status.main}
              >
                {t(`status.state.${status.main}`)}
              </span>
            </dd>
          </div>
          <div>
            <dt>{t('status.sub')}</dt>
            <dd>
              <span
                className={`badge ${status.sub === 'up' ? 'ok' : ''}`}
                data-testid="supervision-status-sub"
                data-state={status.sub}
              >
                {t(`status.state.${status.sub}`)}
              </span>
            </dd>
          </div>
          <div>
            <dt>{t('status.lastLogin')}</dt>
            <dd data-testid="supervision-last-login">
              {formatDateTime(status.lastLoginAt, language, 'seconds', t('forms:never'))}
            </dd>
          </div>
          <div>
            <dt>{t('status.forwardedUntil')}</dt>
            <dd data-testid="supervision-forwarded-until">
              {formatDateTime(link.forwardedUntil, language, 'seconds')}
            </dd>
          </div>
          {COUNTERS.map(({ key, testId, bad }) => (
            <div key={key}>
              <dt>{t(`status.${key}`)}</dt>
              <dd
                className={`num${bad && status[key] > 0 ? ' supervision-bad' : ''}`}
                data-testid={testId}
                data-value={status[key]}
              >
                {formatNumber(status[key], language)}
              </dd>
            </div>
          ))}
          <div className="supervision-wide">
            <dt>{t('status.lastError')}</dt>
            <dd data-testid="supervision-last-error" data-error={status.lastError ? 'yes' : 'no'}>
              {status.lastError ? (
                <>
                  <time dateTime={status.lastError.at}>
                    {formatDateTime(status.lastError.at, language, 'seconds')}
                  </time>{' '}
                  {/* The code in the user's words; the detail (a socket's or a frame's message,
                      in English) only on hover, except a refused login's reason, translated. */}
                  <span
                    data-testid="supervision-last-error-code"
                    data-code={status.lastError.code}
                    title={status.lastError.detail}
                  >
                    {t(`errorCodes.${status.lastError.code}`)}
                    {status.lastError.code === 'login-refused'
                      ? t(`loginResults.${status.lastError.detail}`, {
                          defaultValue: t('loginResults.other'),
                        })
                      : null}
                  </span>
                </>
              ) : (
                t('status.noError')
              )}
            </dd>
          </div>
        </dl>
      ) : null}
    </section>
  );
}
