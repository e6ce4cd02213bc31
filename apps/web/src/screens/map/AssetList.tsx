import type { Position } from '@harbor/shared';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localName } from '../../ui/local-name.ts';
import { type AssetFilter, filterAssets, isOnline, type MapAsset, motionOf } from './asset-list.ts';
import { formatAgo } from './format.ts';
import type { PositionStore } from './position-store.ts';

const ROW_HEIGHT = 58;
/** Below this width the list starts folded away, leaving the map the room. */
const FOLDED_UP_TO_PX = 1024;

/** The newer of the list's position and the live one on the map. */
function latestIn(store: PositionStore) {
  return (asset: MapAsset): Position | null => {
    const live = store.get(asset.id)?.position ?? null;
    if (!live) return asset.position;
    if (!asset.position) return live;
    return Date.parse(live.fixAt) >= Date.parse(asset.position.fixAt) ? live : asset.position;
  };
}

/** A clock for relative times: re-renders the (few) rows shown every `everyMs`. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * Every vessel and truck the user may see, beside the map (traccar's device list): online or
 * not, reported how long ago, what it is doing, whose; filtered and searched; a click focuses
 * it. Rows are virtualised, so ten thousand assets scroll as fast as ten.
 */
export function AssetList({
  assets,
  store,
  selectedId,
  onChoose,
}: {
  assets: readonly MapAsset[];
  store: PositionStore;
  selectedId: string | null;
  onChoose: (asset: MapAsset) => void;
}) {
  const { t, i18n } = useTranslation('map');
  const [isOpen, setOpen] = useState(
    () => !window.matchMedia?.(`(max-width: ${FOLDED_UP_TO_PX}px)`).matches,
  );
  const [filter, setFilter] = useState<AssetFilter>({ kind: 'ALL', online: 'ALL', query: '' });
  const now = useNow(5_000);
  const latestOf = useMemo(() => latestIn(store), [store]);
  const shown = useMemo(
    () => filterAssets(assets, filter, now, latestOf),
    [assets, filter, now, latestOf],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => shown[index]?.id ?? index,
  });

  if (!isOpen)
    return (
      <aside className="map-list map-list-folded panel" aria-label={t('list.title')}>
        <button
          type="button"
          aria-expanded={false}
          data-testid="asset-list-toggle"
          onClick={() => setOpen(true)}
        >
          {t('list.show', { count: assets.length })}
        </button>
      </aside>
    );

  const set = (change: Partial<AssetFilter>) => setFilter((current) => ({ ...current, ...change }));
  return (
    <aside className="map-list panel" aria-label={t('list.title')} data-testid="asset-list">
      <header className="map-list-header">
        <h3>{t('list.title')}</h3>
        <span className="map-muted" data-testid="asset-list-count">
          {t('list.count', { shown: shown.length, total: assets.length })}
        </span>
        <button
          type="button"
          className="map-list-toggle"
          aria-expanded
          data-testid="asset-list-toggle"
          onClick={() => setOpen(false)}
          aria-label={t('list.hide')}
        >
          «
        </button>
      </header>
      <div className="map-list-filters">
        <input
          type="search"
          data-testid="asset-list-search"
          aria-label={t('list.search')}
          placeholder={t('list.search')}
          value={filter.query}
          onChange={(event) => set({ query: event.target.value })}
        />
        <select
          aria-label={t('list.kind')}
          data-testid="asset-list-kind"
          value={filter.kind}
          onChange={(event) => set({ kind: event.target.value as AssetFilter['kind'] })}
        >
          <option value="ALL">{t('list.allKinds')}</option>
          <option value="VESSEL">{t('list.vessels')}</option>
          <option value="VEHICLE">{t('list.trucks')}</option>
        </select>
        <select
          aria-label={t('list.online')}
          data-testid="asset-list-online"
          value={filter.online}
          onChange={(event) => set({ online: event.target.value as AssetFilter['online'] })}
        >
          <option value="ALL">{t('list.allStates')}</option>
          <option value="ONLINE">{t('list.onlineOnly')}</option>
          <option value="OFFLINE">{t('list.offlineOnly')}</option>
        </select>
      </div>
      <div className="map-list-scroll" ref={scrollRef}>
        {shown.length === 0 ? <p className="map-muted">{t('list.empty')}</p> : null}
        <ul style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const asset = shown[item.index];
            if (!asset) return null;
            const position = latestOf(asset);
            const isUp = isOnline(position, now);
            return (
              <li
                key={asset.id}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                <button
                  type="button"
                  className={asset.id === selectedId ? 'map-list-row selected' : 'map-list-row'}
                  data-testid="asset-list-row"
                  data-asset-id={asset.id}
                  data-online={isUp}
                  data-has-position={position !== null}
                  aria-current={asset.id === selectedId ? 'true' : undefined}
                  onClick={() => onChoose(asset)}
                >
                  <span className="map-list-line">
                    <span className={isUp ? 'map-online-dot up' : 'map-online-dot'} />
                    <span className="badge">
                      {asset.kind === 'VESSEL' ? t('panel.vessel') : t('panel.truck')}
                    </span>
                    <strong className="map-list-label">{asset.label}</strong>
                    <span className="map-list-state">
                      {isUp ? t('list.isOnline') : t('list.isOffline')}
                    </span>
                  </span>
                  <span className="map-list-line map-muted">
                    <span>{t(`motion.${motionOf(position)}`)}</span>
                    {position ? (
                      <time dateTime={position.fixAt}>
                        {formatAgo(Date.parse(position.fixAt), now, i18n.language)}
                      </time>
                    ) : null}
                    {asset.company ? (
                      <span className="map-list-company">
                        {localName(asset.company, i18n.language)}
                      </span>
                    ) : null}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </aside>
  );
}
