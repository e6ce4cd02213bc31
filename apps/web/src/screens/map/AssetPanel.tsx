import type { Vehicle } from '@harbor/shared';
import { useTranslation } from 'react-i18next';
import { LivePosition } from './LivePosition.tsx';
import type { SelectedAsset } from './map-params.ts';
import type { PositionStore } from './position-store.ts';
import { TrackControls } from './TrackControls.tsx';
import { TruckDetails } from './TruckDetails.tsx';
import { useStoredPosition } from './use-asset-entry.ts';
import { useAssetPosition } from './use-live-positions.ts';
import type { TrackReplay } from './use-track-replay.ts';
import { VesselDetails } from './VesselDetails.tsx';

/** The chosen asset: who it is, where it is now (live), and its track. */
export function AssetPanel({
  store,
  asset,
  vehicle,
  replay,
  atMs,
  onClose,
}: {
  store: PositionStore;
  asset: SelectedAsset;
  vehicle: Vehicle | undefined;
  replay: TrackReplay;
  /** The moment the URL asks to replay (an alert's), or null. */
  atMs: number | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('map');
  useAssetPosition(store, asset);
  const position = useStoredPosition(store, asset.id);
  return (
    <aside
      className="map-panel panel"
      data-testid="asset-panel"
      data-asset-key={asset.assetKey}
      data-asset-kind={asset.kind}
      aria-label={t('panel.label')}
    >
      <header className="map-panel-header">
        <span className="badge">
          {asset.kind === 'VESSEL' ? t('panel.vessel') : t('panel.truck')}
        </span>
        <button type="button" onClick={onClose} aria-label={t('panel.close')}>
          ×
        </button>
      </header>
      {asset.kind === 'VESSEL' ? (
        <VesselDetails mmsi={asset.assetKey} />
      ) : (
        <TruckDetails assetKey={asset.assetKey} vehicle={vehicle} />
      )}
      <LivePosition position={position} />
      <TrackControls
        key={asset.id}
        kind={asset.kind}
        assetKey={asset.assetKey}
        replay={replay}
        atMs={atMs}
      />
    </aside>
  );
}
