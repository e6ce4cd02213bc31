import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SHIP_CLASS_COLOURS,
  SHIP_CLASSES,
  TRUCK_STATUS_COLOURS,
  TRUCK_STATUSES,
} from './asset-style.ts';
import type { LayerKey } from './layers.ts';
import { OCCUPANCY_BANDS, ZONE_KINDS, ZONE_PAINT } from './zone-style.ts';

/** Up to this width (a 1280 laptop) the legend starts folded, so it covers none of the port. */
const FOLDED_UP_TO_PX = 1280;

const Swatch = ({ colour, round }: { colour: string; round?: boolean }) => (
  <span
    className={round ? 'map-swatch map-swatch-dot' : 'map-swatch'}
    style={{ background: colour }}
  />
);

/** A layer's switch: a checkbox labelled with what it shows. */
function LayerSwitch({
  layer,
  label,
  hidden,
  onToggle,
}: {
  layer: LayerKey;
  label: string;
  hidden: ReadonlySet<LayerKey>;
  onToggle: (layer: LayerKey) => void;
}) {
  return (
    <label className="map-layer-switch">
      <input
        type="checkbox"
        data-layer={layer}
        checked={!hidden.has(layer)}
        onChange={() => onToggle(layer)}
      />
      {label}
    </label>
  );
}

/**
 * What the colours mean (vessel classes, truck statuses, zone kinds, yard occupancy), with a
 * switch for each layer: vessels, trucks and each kind of zone.
 */
export function Legend({
  hasOccupancy,
  hidden,
  onToggle,
}: {
  hasOccupancy: boolean;
  hidden: ReadonlySet<LayerKey>;
  onToggle: (layer: LayerKey) => void;
}) {
  const { t } = useTranslation('map');
  const [isOpen, setOpen] = useState(
    () => !window.matchMedia?.(`(max-width: ${FOLDED_UP_TO_PX}px)`).matches,
  );
  return (
    <details
      className="map-legend panel"
      data-testid="map-legend"
      open={isOpen}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>{t('legend.title')}</summary>
      <h4>
        <LayerSwitch
          layer="VESSEL"
          label={t('legend.vessels')}
          hidden={hidden}
          onToggle={onToggle}
        />
      </h4>
      <ul>
        {SHIP_CLASSES.map((c) => (
          <li key={c}>
            <Swatch colour={SHIP_CLASS_COLOURS[c]} />
            {t(`shipClass.${c}`)}
          </li>
        ))}
      </ul>
      <h4>
        <LayerSwitch
          layer="VEHICLE"
          label={t('legend.trucks')}
          hidden={hidden}
          onToggle={onToggle}
        />
      </h4>
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
            <LayerSwitch layer={k} label={t(`zoneKind.${k}`)} hidden={hidden} onToggle={onToggle} />
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
