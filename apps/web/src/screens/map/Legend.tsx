import { useTranslation } from 'react-i18next';
import {
  SHIP_CLASS_COLOURS,
  SHIP_CLASSES,
  TRUCK_STATUS_COLOURS,
  TRUCK_STATUSES,
} from './asset-style.ts';
import { OCCUPANCY_BANDS, ZONE_KINDS, ZONE_PAINT } from './zone-style.ts';

const Swatch = ({ colour, round }: { colour: string; round?: boolean }) => (
  <span
    className={round ? 'map-swatch map-swatch-dot' : 'map-swatch'}
    style={{ background: colour }}
  />
);

/** What the colours mean: vessel classes, truck statuses, zone kinds and yard occupancy. */
export function Legend({ hasOccupancy }: { hasOccupancy: boolean }) {
  const { t } = useTranslation('map');
  return (
    <details className="map-legend panel" open>
      <summary>{t('legend.title')}</summary>
      <h4>{t('legend.vessels')}</h4>
      <ul>
        {SHIP_CLASSES.map((c) => (
          <li key={c}>
            <Swatch colour={SHIP_CLASS_COLOURS[c]} />
            {t(`shipClass.${c}`)}
          </li>
        ))}
      </ul>
      <h4>{t('legend.trucks')}</h4>
      <ul>
        {TRUCK_STATUSES.map((s) => (
          <li key={s}>
            <Swatch colour={TRUCK_STATUS_COLOURS[s]} round />
            {t(`truckStatus.${s}`)}
          </li>
        ))}
      </ul>
      <h4>{t('legend.zones')}</h4>
      <ul>
        {ZONE_KINDS.map((k) => (
          <li key={k}>
            <Swatch colour={ZONE_PAINT[k].fillColor} />
            {t(`zoneKind.${k}`)}
          </li>
        ))}
      </ul>
      <h4>{t('legend.occupancy')}</h4>
      {hasOccupancy ? (
        <ul>
          {OCCUPANCY_BANDS.map((band) => (
            <li key={band.id}>
              <Swatch colour={band.color} />
              {t(`legend.band.${band.id}`)}
            </li>
          ))}
        </ul>
      ) : (
        <p className="map-muted">{t('legend.noOccupancy')}</p>
      )}
    </details>
  );
}
