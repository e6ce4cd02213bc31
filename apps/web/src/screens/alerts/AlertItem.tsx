import type { Alert } from '@harbor/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../ui/format.ts';
import { localName } from '../../ui/local-name.ts';
import { alertText, assetName, mapLinkOf } from './alert-text.ts';

const SEVERITY_TONE = { INFO: '', WARNING: 'warn', CRITICAL: 'bad' } as const;

/**
 * One alert: severity, kind, the asset by the name people know it, what happened, when, a
 * link to the asset on the map at that moment; who acknowledged it and what they said. Those
 * allowed select it (to acknowledge several) or acknowledge it alone.
 */
export function AlertItem({
  alert,
  isFresh,
  canAcknowledge,
  isSelected,
  isAcknowledging,
  onSelect,
  onAcknowledge,
}: {
  alert: Alert;
  isFresh: boolean;
  canAcknowledge: boolean;
  isSelected: boolean;
  isAcknowledging: boolean;
  onSelect: (id: string, isSelected: boolean) => void;
  onAcknowledge: (id: string) => void;
}) {
  const { t, i18n } = useTranslation('alerts');
  const language = i18n.language;
  const isAcknowledged = alert.acknowledgedAt !== null;
  const text = alertText(alert, t, language);
  const asset = assetName(alert, t);
  const mapLink = mapLinkOf(alert);
  const classes = ['alerts-item', `alerts-${alert.severity.toLowerCase()}`];
  if (isFresh) classes.push('alerts-fresh');
  if (isAcknowledged) classes.push('alerts-done');
  const mayAcknowledge = canAcknowledge && !isAcknowledged;
  return (
    <li
      className={classes.join(' ')}
      data-alert-id={alert.id}
      data-acknowledged={isAcknowledged}
      data-severity={alert.severity}
      data-kind={alert.kind}
      data-new={isFresh || undefined}
    >
      <span className="alerts-select">
        {mayAcknowledge ? (
          <input
            type="checkbox"
            checked={isSelected}
            onChange={(event) => onSelect(alert.id, event.target.checked)}
            aria-label={t('select', { message: text })}
          />
        ) : null}
      </span>
      <span className={`badge ${SEVERITY_TONE[alert.severity]}`}>
        {t(`severity.${alert.severity}`)}
      </span>
      <div className="alerts-body">
        <div>
          <strong>{t(`kind.${alert.kind}`)}</strong>
          {asset ? <span className="alerts-asset">{asset}</span> : null}
          {isFresh ? <span className="badge ok alerts-new-badge">{t('new')}</span> : null}
        </div>
        <div className="alerts-message">{text}</div>
        <div className="hint">
          <time dateTime={alert.raisedAt}>{formatDateTime(alert.raisedAt, language)}</time>
          {alert.rule ? ` · ${t('rule', { name: localName(alert.rule, language) })}` : null}
          {mapLink ? (
            <>
              {' · '}
              <Link
                to={mapLink}
                className="alerts-map-link"
                aria-label={t('onMapLabel', { message: text })}
              >
                {t('onMap')}
              </Link>
            </>
          ) : null}
        </div>
        {isAcknowledged ? (
          <div className="hint alerts-acknowledged">
            {alert.acknowledgedBy
              ? t('acknowledgedBy', {
                  name: alert.acknowledgedBy.name,
                  time: formatDateTime(alert.acknowledgedAt, language),
                })
              : t('acknowledgedAt', { time: formatDateTime(alert.acknowledgedAt, language) })}
            {alert.acknowledgeComment ? (
              <q className="alerts-comment">{alert.acknowledgeComment}</q>
            ) : null}
          </div>
        ) : null}
      </div>
      {mayAcknowledge ? (
        <button
          type="button"
          disabled={isAcknowledging}
          onClick={() => onAcknowledge(alert.id)}
          aria-label={t('acknowledgeLabel', { message: text })}
        >
          {t('acknowledge')}
        </button>
      ) : null}
    </li>
  );
}
