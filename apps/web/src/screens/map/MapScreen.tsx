import './map.css';
import { type AssetKind, assetId } from '@harbor/shared';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MapContainer } from 'react-leaflet';
import { useSearchParams } from 'react-router';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import type { AssetLook } from './AssetCanvasLayer.ts';
import { AssetPanel, type SelectedAsset } from './AssetPanel.tsx';
import { AssetSearch } from './AssetSearch.tsx';
import { AssetsLayer } from './AssetsLayer.tsx';
import {
  SHIP_CLASS_COLOURS,
  shipClassOf,
  TRUCK_STATUS_COLOURS,
  truckStatusOf,
  vesselRotationDeg,
} from './asset-style.ts';
import { BaseMapPicker } from './BaseMapPicker.tsx';
import { LandLayer } from './LandLayer.tsx';
import { Legend } from './Legend.tsx';
import { ContainerAttributes, FitOnce, FocusOnAsset, ViewportWatcher } from './MapControllers.tsx';
import { type AssetEntry, PositionStore } from './position-store.ts';
import type { AssetMatch } from './search.ts';
import { MapDatum, TileBaseLayer } from './TileBaseLayer.tsx';
import { TrackLayer } from './TrackLayer.tsx';
import { useBaseMap } from './use-base-map.ts';
import { useViewportPositions } from './use-live-positions.ts';
import { useMapData } from './use-map-data.ts';
import { useTrackReplay } from './use-track-replay.ts';
import { type BoundingBox, zonesExtent } from './viewport.ts';
import { ZonesLayer } from './ZonesLayer.tsx';

/** Shanghai: between Yangshan and Waigaoqiao, until the zones are known. */
const DEFAULT_CENTRE: [number, number] = [30.95, 121.85];

function parseAsset(value: string | null): SelectedAsset | null {
  const match = /^(VESSEL|VEHICLE):([A-Za-z0-9_-]{1,32})$/.exec(value ?? '');
  if (!match) return null;
  const kind = match[1] as AssetKind;
  const assetKey = match[2] as string;
  return { id: assetId(kind, assetKey), kind, assetKey };
}

export function MapScreen() {
  const { t } = useTranslation('map');
  const [store] = useState(() => new PositionStore());
  const [bbox, setBbox] = useState<BoundingBox | null>(null);
  const base = useBaseMap();
  const [drawnCount, setDrawnCount] = useState(0);
  const [searchParams, setSearchParams] = useSearchParams();
  const selected = parseAsset(searchParams.get('asset'));
  const [focus, setFocus] = useState<{ id: string; nonce: number } | null>(() =>
    selected ? { id: selected.id, nonce: 0 } : null,
  );
  const [hadAssetAtStart] = useState(selected !== null);
  const data = useMapData({ wantsLand: base.baseMap === null || base.isOffline });
  const initial = useViewportPositions(store, bbox);
  const replay = useTrackReplay();

  const select = useCallback(
    (id: string | null) => {
      replay.setPoints(null);
      setSearchParams(
        (params) => {
          const next = new URLSearchParams(params);
          if (id === null) next.delete('asset');
          else next.set('asset', id);
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams, replay.setPoints],
  );

  const { vesselByMmsi, vehicleByKey } = data;
  const lookOf = useCallback(
    (entry: AssetEntry): AssetLook => {
      const p = entry.position;
      if (p.assetKind === 'VEHICLE')
        return {
          shape: 'dot',
          colour: TRUCK_STATUS_COLOURS[truckStatusOf(vehicleByKey.get(p.assetKey)?.status)],
        };
      const shipType = vesselByMmsi.get(p.assetKey)?.shipType;
      return {
        shape: 'ship',
        colour: SHIP_CLASS_COLOURS[shipClassOf(shipType)],
        rotationDeg: vesselRotationDeg(p),
      };
    },
    [vesselByMmsi, vehicleByKey],
  );

  const searchVehicles = useMemo(
    () => [...vehicleByKey].map(([assetKey, v]) => ({ plate: v.plate, assetKey })),
    [vehicleByKey],
  );
  const choose = useCallback(
    (match: AssetMatch) => {
      const id = assetId(match.kind, match.assetKey);
      const known = match.kind === 'VEHICLE' ? vehicleByKey.get(match.assetKey)?.position : null;
      if (known) store.applyBatch([known]);
      select(id);
      setFocus((previous) => ({ id, nonce: (previous?.nonce ?? 0) + 1 }));
    },
    [select, store, vehicleByKey],
  );

  const zoneBounds = useMemo((): [[number, number], [number, number]] | null => {
    const extent = hadAssetAtStart ? null : zonesExtent(data.zones.data ?? []);
    if (!extent) return null;
    return [
      [extent.minLat, extent.minLon],
      [extent.maxLat, extent.maxLon],
    ];
  }, [data.zones.data, hadAssetAtStart]);

  return (
    <div className="map-screen">
      <div className="toolbar map-toolbar">
        <AssetSearch
          vessels={data.vessels.data ?? []}
          vehicles={searchVehicles}
          onChoose={choose}
        />
        <span className="map-count">
          {t('assetsInView')}:{' '}
          <strong className="num" data-testid="map-asset-count">
            {drawnCount}
          </strong>
        </span>
        {base.isOffline ? (
          <span className="map-tiles-offline" role="status" data-testid="map-tiles-offline">
            {t('tilesOffline')}
          </span>
        ) : null}
      </div>
      <div className="map-body">
        <div className="map-stage">
          <MapContainer center={DEFAULT_CENTRE} zoom={10} className="map-canvas-host">
            <ContainerAttributes
              attributes={{
                'data-testid': 'port-map',
                'aria-label': t('mapLabel'),
                role: 'region',
              }}
            />
            <MapDatum datum={base.baseMap?.datum ?? 'WGS84'} />
            <TileBaseLayer baseMap={base.baseMap} onOffline={base.goOffline} />
            <LandLayer land={data.land.data ?? []} />
            <ZonesLayer zones={data.zones.data ?? []} occupancy={data.occupancyByZoneId} />
            <TrackLayer points={replay.points} replayAt={replay.replayAt} />
            <AssetsLayer
              store={store}
              lookOf={lookOf}
              selectedId={selected?.id ?? null}
              onSelect={select}
              onDrawn={setDrawnCount}
            />
            <ViewportWatcher onViewport={setBbox} />
            <FitOnce bounds={zoneBounds} />
            <FocusOnAsset store={store} request={focus} />
          </MapContainer>
          <div className="map-overlay">
            {initial.isPending && bbox !== null && drawnCount === 0 ? <Loading /> : null}
            {initial.error ? (
              <ErrorState error={initial.error} onRetry={() => void initial.refetch()} />
            ) : null}
            {data.zones.error ? (
              <ErrorState
                error={new Error(t('zonesError'))}
                onRetry={() => void data.zones.refetch()}
              />
            ) : null}
            {initial.isSuccess && drawnCount === 0 ? <Empty>{t('empty')}</Empty> : null}
          </div>
          <BaseMapPicker maps={base.maps} chosen={base.baseMap} onChoose={base.choose} />
          <Legend hasOccupancy={data.occupancyByZoneId.size > 0} />
        </div>
        {selected ? (
          <AssetPanel
            store={store}
            asset={selected}
            vehicle={selected.kind === 'VEHICLE' ? vehicleByKey.get(selected.assetKey) : undefined}
            replay={replay}
            onClose={() => select(null)}
          />
        ) : null}
      </div>
    </div>
  );
}
