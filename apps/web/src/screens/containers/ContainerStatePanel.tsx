import type { Container } from '@harbor/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type PortLookups, visitLabel } from './lookups.ts';
import { dwellParts, formatLocalTime } from './timeline.ts';

/** Where the container is now and in what state. */
export function ContainerStatePanel({
  container,
  lookups,
}: {
  container: Container;
  lookups: PortLookups;
}) {
  const { t, i18n } = useTranslation('containers');
  const { state } = container;
  const none = t('none');
  const facility =
    state.place === 'FACILITY' && state.zoneId ? lookups.zoneById.get(state.zoneId) : null;
  const dwell = state.dwellHours === null ? null : dwellParts(state.dwellHours);
  const inYard = state.yardBlockCode !== null && state.bay !== null;
  return (
    <section
      className="panel containers-state"
      data-testid="container-state"
      data-place={state.place}
      aria-label={t('stateHeading')}
    >
      <h2>
        {container.number} <span className="badge">{t(`place.${state.place}`)}</span>
      </h2>
      <dl className="containers-facts">
        <dt>{t('sizeType')}</dt>
        <dd>{container.isoSizeType}</dd>
        <dt>{t('placeLabel')}</dt>
        <dd>{t(`place.${state.place}`)}</dd>
        <dt>{state.place === 'FACILITY' ? t('facility') : t('terminal')}</dt>
        <dd>
          {facility
            ? `${facility.code} · ${facility.name}`
            : (state.terminalCode ?? state.zoneCode ?? none)}
        </dd>
        <dt>{t('slot')}</dt>
        <dd>
          {inYard ? (
            <>
              {t('slotValue', {
                block: state.yardBlockCode,
                bay: state.bay,
                row: state.row,
                tier: state.tier,
              })}{' '}
              <Link
                to={`/yard?terminal=${state.terminalCode ?? ''}&block=${state.yardBlockCode ?? ''}&container=${container.number}`}
              >
                {t('showInYard')}
              </Link>
            </>
          ) : (
            none
          )}
        </dd>
        <dt>{t('vesselVisit')}</dt>
        <dd>
          {state.vesselVisitId
            ? visitLabel(lookups.visitById.get(state.vesselVisitId), state.vesselVisitId)
            : none}
        </dd>
        <dt>{t('emptyLaden')}</dt>
        <dd>{state.emptyIndicator ? t(state.emptyIndicator) : none}</dd>
        <dt>{t('dwell')}</dt>
        <dd className="num-inline">{dwell ? t('dwellValue', dwell) : none}</dd>
        <dt>{t('arrived')}</dt>
        <dd>{state.arrivedAt ? formatLocalTime(state.arrivedAt, i18n.language) : none}</dd>
        <dt>{t('lastEvent')}</dt>
        <dd>
          {state.lastEventType && state.lastEventAt
            ? `${t(`event.${state.lastEventType}`)} · ${formatLocalTime(state.lastEventAt, i18n.language)}`
            : none}
        </dd>
      </dl>
    </section>
  );
}
