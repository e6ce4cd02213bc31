import { assetId } from '@harbor/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AssetMatch,
  findAssets,
  type SearchableVehicle,
  type SearchableVessel,
} from './search.ts';

/** Find a vessel (MMSI or name) or a truck (plate); choosing one selects it. */
export function AssetSearch({
  vessels,
  vehicles,
  onChoose,
}: {
  vessels: readonly SearchableVessel[];
  vehicles: readonly SearchableVehicle[];
  onChoose: (match: AssetMatch) => void;
}) {
  const { t } = useTranslation('map');
  const [query, setQuery] = useState('');
  const [isOpen, setOpen] = useState(false);
  const matches = useMemo(() => findAssets(query, vessels, vehicles), [query, vessels, vehicles]);
  const choose = (match: AssetMatch) => {
    onChoose(match);
    setQuery(match.label);
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
        <ul className="map-search-results">
          {matches.length === 0 ? (
            <li className="map-muted">{t('search.noMatch', { query: query.trim() })}</li>
          ) : (
            matches.map((match) => (
              <li key={assetId(match.kind, match.assetKey)}>
                <button
                  type="button"
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => choose(match)}
                >
                  {match.label}
                </button>
              </li>
            ))
          )}
        </ul>
      ) : null}
    </form>
  );
}
