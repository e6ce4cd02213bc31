import { knotsToKmh, type Position } from '@harbor/shared';
import { useTranslation } from 'react-i18next';
import { formatDegrees, formatTime } from './format.ts';

/** The asset's current position, speed and last report: these update live while the panel is open. */
export function LivePosition({ position }: { position: Position | null }) {
  const { t, i18n } = useTranslation('map');
  if (!position) return <p className="map-muted">{t('panel.noPosition')}</p>;
  const speed =
    position.speedKnots === null
      ? t('panel.none')
      : position.assetKind === 'VEHICLE'
        ? t('panel.kmh', { value: knotsToKmh(position.speedKnots).toFixed(1) })
        : t('panel.knots', { value: position.speedKnots.toFixed(1) });
  const degrees = (value: number | null) =>
    value === null ? t('panel.none') : t('panel.degrees', { value: value.toFixed(0) });
  return (
    <dl className="map-facts">
      <dt>{t('panel.lat')}</dt>
      <dd className="num" data-testid="asset-lat">
        {formatDegrees(position.lat)}
      </dd>
      <dt>{t('panel.lon')}</dt>
      <dd className="num" data-testid="asset-lon">
        {formatDegrees(position.lon)}
      </dd>
      <dt>{t('panel.fixAt')}</dt>
      <dd>
        <time data-testid="asset-fix-at" dateTime={position.fixAt}>
          {formatTime(position.fixAt, i18n.language)}
        </time>
      </dd>
      <dt>{t('panel.speed')}</dt>
      <dd className="num">{speed}</dd>
      <dt>{t('panel.course')}</dt>
      <dd className="num">{degrees(position.courseDeg)}</dd>
      {position.assetKind === 'VESSEL' ? (
        <>
          <dt>{t('panel.heading')}</dt>
          <dd className="num">{degrees(position.headingDeg)}</dd>
        </>
      ) : null}
      {position.status ? (
        <>
          <dt>{t('panel.navStatus')}</dt>
          <dd>{t(`reportStatus.${position.status}`, { defaultValue: position.status })}</dd>
        </>
      ) : null}
    </dl>
  );
}
