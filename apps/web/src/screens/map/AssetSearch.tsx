import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapAsset } from './asset-list.ts';
import { findAssets } from './search.ts';

/**
 * Find a vessel (name, MMSI, IMO number, call sign) or a truck (plate) among every asset
 * the user may see; choosing one selects it. One never heard of says so.
 */
export function AssetSearch({
  assets,
  onChoose,
}: {
  assets: readonly MapAsset[];
  onChoose: (asset: MapAsset) => void;
}) {
  const { t } = useTranslation('map');
  const [query, setQuery] = useState('');
  const [isOpen, setOpen] = useState(false);
  const matches = useMemo(() => findAssets(query, assets), [query, assets]);
  const choose = (asset: MapAsset) => {
    onChoose(asset);
    setQuery(asset.label);
    setOpen(false);
  };
  return (
    <form
      className="map-search"
      onSubmit={(event) => {
        event.preventDefault();
        const first = matches[0];
        if (first) choose(first);
        else setOpen(true);
      }}
    >
      <input
        type="search"
        data-testid="asset-search"
        aria-label={t('search.label')}
        placeholder={t('search.placeholder')}
        value={query}
        autoComplete="off"
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      {isOpen && query.trim() !== '' ? (
        <ul className="map-search-results" data-testid="asset-search-results">
          {matches.length === 0 ? (
            <li className="map-muted">{t('search.noMatch', { query: query.trim() })}</li>
          ) : (
            matches.map((asset) => (
              <li key={asset.id}>
                <button
                  type="button"
                  data-asset-id={asset.id}
                  data-has-position={asset.position !== null}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => choose(asset)}
                >
                  <span className="badge">
                    {asset.kind === 'VESSEL' ? t('panel.vessel') : t('panel.truck')}
                  </span>{' '}
                  {asset.label}
                  {asset.kind === 'VESSEL' && asset.label !== asset.assetKey
                    ? ` (${asset.assetKey})`
                    : ''}
                  {asset.position === null ? (
                    <span className="map-muted"> · {t('search.noPositionYet')}</span>
                  ) : null}
                </button>
              </li>
            ))
          )}
        </ul>
      ) : null}
    </form>
  );
}
