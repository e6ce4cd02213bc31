import type { Alert } from '@harbor/shared';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format.ts';
import { alertText } from './alert-text.ts';

const SEVERITY_TONE = { INFO: '', WARNING: 'warn', CRITICAL: 'bad' } as const;

/** One alert: severity, kind, message, asset, when; acknowledge for those allowed. */
export function AlertItem({
  alert,
  isFresh,
  canAcknowledge,
  isAcknowledging,
  onAcknowledge,
}: {
  alert: Alert;
  isFresh: boolean;
  canAcknowledge: boolean;
  isAcknowledging: boolean;
  onAcknowledge: (id: string) => void;
}) {
  const { t, i18n } = useTranslation('alerts');
  const isAcknowledged = alert.acknowledgedAt !== null;
  const classes = ['alerts-item', `alerts-${alert.severity.toLowerCase()}`];
  if (isFresh) classes.push('alerts-fresh');
  if (isAcknowledged) classes.push('alerts-done');
  return (
    <li
      className={classes.join(' ')}
      data-alert-id={alert.id}
      data-acknowledged={isAcknowledged}
      data-severity={alert.severity}
      data-kind={alert.kind}
      data-new={isFresh || undefined}
    >
      <span className={`badge ${SEVERITY_TONE[alert.severity]}`}>
        {t(`severity.${alert.severity}`)}
      </span>
      <div className="alerts-body">
        <div>
          <strong>{t(`kind.${alert.kind}`)}</strong>
          {alert.assetKey ? (
            <span className="alerts-asset">
              {alert.assetKind ? t(`asset.${alert.assetKind}`) : ''} {alert.assetKey}
            </span>
          ) : null}
          {isFresh ? <span className="badge ok alerts-new-badge">{t('new')}</span> : null}
        </div>
        <div className="alerts-message">{alertText(alert, t, i18n.language)}</div>
        <div className="hint">
          <time dateTime={alert.raisedAt}>{formatDateTime(alert.raisedAt, i18n.language)}</time>
          {isAcknowledged
            ? ` · ${t('acknowledgedAt', { time: formatDateTime(alert.acknowledgedAt, i18n.language) })}`
            : null}
        </div>
      </div>
      {canAcknowledge && !isAcknowledged ? (
        <button
          type="button"
          disabled={isAcknowledging}
          onClick={() => onAcknowledge(alert.id)}
          aria-label={t('acknowledgeLabel', { message: alertText(alert, t, i18n.language) })}
        >
          {t('acknowledge')}
        </button>
      ) : null}
    </li>
  );
}
