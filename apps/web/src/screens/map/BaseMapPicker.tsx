import { useTranslation } from 'react-i18next';
import { type BaseMap, OSM_TILES } from './base-maps.ts';

/** The base maps this build offers, to choose from; nothing when there is no choice. */
export function BaseMapPicker({
  maps,
  chosen,
  onChoose,
}: {
  maps: readonly BaseMap[];
  chosen: BaseMap | null;
  onChoose: (id: string) => void;
}) {
  const { t } = useTranslation('map');
  if (maps.length < 2) return null;
  const label = (map: BaseMap) =>
    map.id === 'standard' && map.layers[0]?.url === OSM_TILES
      ? t('baseMap.osm')
      : t(`baseMap.${map.id}`);
  return (
    <label className="map-base-picker panel">
      <span>{t('baseMap.label')}</span>
      <select
        data-testid="map-base-map"
        value={chosen?.id ?? ''}
        onChange={(event) => onChoose(event.target.value)}
      >
        {maps.map((map) => (
          <option key={map.id} value={map.id}>
            {label(map)}
          </option>
        ))}
      </select>
    </label>
  );
}
