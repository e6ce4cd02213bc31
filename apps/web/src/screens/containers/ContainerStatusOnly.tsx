import type { ContainerStatusOnly as StatusOnlyView } from '@harbor/shared';
import { useTranslation } from 'react-i18next';
import { type PortLookups, visitLabel } from './lookups.ts';
import { formatLocalTime } from './timeline.ts';

/**
 * Another organization's container, looked up by its exact number: where it is now, as the
 * api shares it (containers.get answers `access: 'STATUS'`), and why there is no more.
 */
export function ContainerStatusOnly({
  container,
  lookups,
}: {
  container: StatusOnlyView;
  lookups: PortLookups;
}) {
  const { t, i18n } = useTranslation('containers');
  const { status } = container;
  const none = t('none');
  const facility =
    status.place === 'FACILITY' && status.zoneId ? lookups.zoneById.get(status.zoneId) : null;
  return (
    <section
      className="panel containers-state containers-status-only"
      data-testid="container-status-only"
      data-place={status.place}
      aria-label={t('statusOnly.heading')}
    >
      <h2>
        {container.number} <span className="badge">{t(`place.${status.place}`)}</span>
      </h2>
      <p className="hint containers-status-note" role="note" data-testid="status-only-note">
        {t('statusOnly.note')}
      </p>
      <dl className="containers-facts">
        <dt>{t('sizeType')}</dt>
        <dd>{container.isoSizeType}</dd>
        <dt>{t('placeLabel')}</dt>
        <dd>{t(`place.${status.place}`)}</dd>
        <dt>{status.place === 'FACILITY' ? t('facility') : t('terminal')}</dt>
        <dd>
          {facility
            ? `${facility.code} · ${facility.name}`
            : (status.terminalCode ?? status.zoneCode ?? none)}
        </dd>
        <dt>{t('vesselVisit')}</dt>
        <dd>
          {status.vesselVisitId
            ? visitLabel(lookups.visitById.get(status.vesselVisitId), status.vesselVisitId)
            : none}
        </dd>
        <dt>{t('lastEvent')}</dt>
        <dd>
          {status.lastEventType && status.lastEventAt
            ? `${t(`event.${status.lastEventType}`)} · ${formatLocalTime(status.lastEventAt, i18n.language)}`
            : none}
        </dd>
      </dl>
    </section>
  );
}
