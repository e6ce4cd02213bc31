import './map.css';
import type { Position } from '@harbor/shared';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MapContainer } from 'react-leaflet';
import { useSearchParams } from 'react-router';
import { useSession } from '../../auth/session.tsx';
import { trpc } from '../../trpc.ts';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import type { AssetLook } from './AssetCanvasLayer.ts';
import { AssetList } from './AssetList.tsx';
import { AssetPanel } from './AssetPanel.tsx';
import { AssetSearch } from './AssetSearch.tsx';
import { AssetsLayer } from './AssetsLayer.tsx';
import type { MapAsset } from './asset-list.ts';
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
import { useHiddenLayers } from './layers.ts';
import {
  CentreOnce,
  ContainerAttributes,
  EndAnimationsOnUnload,
  FitOnce,
  FocusOnAsset,
  ViewportWatcher,
} from './MapControllers.tsx';
import { parseAsset, parseAt } from './map-params.ts';
import { openingBox } from './opening-feed.ts';
import { openingView } from './opening-view.ts';
import { type AssetEntry, PositionStore } from './position-store.ts';
import { MapDatum, TileBaseLayer } from './TileBaseLayer.tsx';
import { TrackLayer } from './TrackLayer.tsx';
import { useAssetDirectory } from './use-asset-directory.ts';
import { useBaseMap } from './use-base-map.ts';
import { useViewportPositions } from './use-live-positions.ts';
import { useMapData } from './use-map-data.ts';
import { useShownStore } from './use-shown-store.ts';
import { useTrackReplay } from './use-track-replay.ts';
import { type BoundingBox, followedBox, type MapBounds } from './viewport.ts';
import { ZonesLayer } from './ZonesLayer.tsx';

/** Shanghai: between Yangshan and Waigaoqiao, until the zones are known. */
const DEFAULT_CENTRE: [number, number] = [30.95, 121.85];

const toLatLngBounds = (box: BoundingBox): [[number, number], [number, number]] => [
  [box.minLat, box.minLon],
  [box.maxLat, box.maxLon],
];

export function MapScreen() {
  const { t } = useTranslation('map');
  const { user } = useSession();
  const [store] = useState(() => new PositionStore());
  const [bbox, setBbox] = useState<BoundingBox | null>(null);
  // The first view keeps the box whose subscription opened while the screen loaded, if it
  // covers the view.
  const follow = useCallback(
    (bounds: MapBounds) => setBbox((previous) => followedBox(previous ?? openingBox(), bounds)),
    [],
  );
  const base = useBaseMap();
  const [drawnCount, setDrawnCount] = useState(0);
  const [searchParams, setSearchParams] = useSearchParams();
  const selected = parseAsset(searchParams.get('asset'));
  const atMs = selected ? parseAt(searchParams.get('at')) : null;
  const [focus, setFocus] = useState<{ id: string; nonce: number } | null>(() =>
    selected && atMs === null ? { id: selected.id, nonce: 0 } : null,
  );
  const [hadAssetAtStart] = useState(selected !== null);
  const live = useViewportPositions(store, bbox);
  // A logistics company opens where its trucks are; port staff on the port's terminals.
  const isFleet = user.organization.kind === 'LOGISTICS_COMPANY';
  // The assets in view come first: the fleets' records and the asset list (every asset the
  // user may see, megabytes for a city's fleet) load once the first snapshot is drawn, or
  // at once for a fleet, whose opening view is where its trucks are.
  const [hasPainted, setHasPainted] = useState(false);
  if (live.hasSnapshot && !hasPainted) setHasPainted(true);
  const data = useMapData({
    wantsLand: base.baseMap === null || base.isOffline,
    wantsFleets: hasPainted || isFleet,
    wantsOccupancy: hasPainted,
  });
  // With the zones came the subscription for the view they open on (prefetch.ts), if the
  // screen loaded with the app: followed from now, so its first message is drawn as it comes
  // rather than after the map has reported where it stands.
  if (bbox === null && data.zones.data && !hadAssetAtStart) {
    const opened = openingBox();
    if (opened) setBbox(opened);
  }
  const directory = useAssetDirectory(data.vessels.data, data.vehicles.data, hasPainted);
  // The terminals name a zone's in its details, and yard blocks are coloured by occupancy:
  // both asked once the assets are drawn.
  const terminals = useQuery(
    trpc.port.terminals.queryOptions(undefined, { staleTime: 600_000, enabled: hasPainted }),
  );
  const replay = useTrackReplay();
  const layers = useHiddenLayers();
  const shownStore = useShownStore(
    store,
    !layers.hidden.has('VESSEL'),
    !layers.hidden.has('VEHICLE'),
  );

  const select = useCallback(
    (id: string | null) => {
      replay.setPoints(null);
      setSearchParams(
        (params) => {
          const next = new URLSearchParams(params);
          next.delete('at');
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

  const choose = useCallback(
    (asset: MapAsset) => {
      if (asset.position) store.applyBatch([asset.position]);
      select(asset.id);
      setFocus((previous) => ({ id: asset.id, nonce: (previous?.nonce ?? 0) + 1 }));
    },
    [select, store],
  );

  const openingBounds = useMemo(() => {
    if (hadAssetAtStart || !data.zones.data) return null;
    if (isFleet && !data.vehicles.isFetched) return null;
    const fleetPositions = isFleet
      ? (data.vehicles.data ?? []).flatMap((v): Position[] => (v.position ? [v.position] : []))
      : null;
    const view = openingView(data.zones.data, fleetPositions);
    return view ? toLatLngBounds(view) : null;
  }, [data.zones.data, data.vehicles.data, data.vehicles.isFetched, hadAssetAtStart, isFleet]);
  // The map follows its viewport once it stands where it opens: one snapshot of the opening
  // view, not first the default one's (the whole bay) and then the terminals'.
  const isOpeningSettled =
    hadAssetAtStart || (data.zones.isFetched && (!isFleet || data.vehicles.isFetched));

  const terminalById = useMemo(
    () => new Map((terminals.data ?? []).map((terminal) => [terminal.id, terminal])),
    [terminals.data],
  );

  return (
    <div className="map-screen">
      <div className="toolbar map-toolbar">
        <AssetSearch assets={directory.assets} onChoose={choose} />
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
        <AssetList
          assets={directory.assets}
          store={store}
          selectedId={selected?.id ?? null}
          onChoose={choose}
        />
        <div className="map-stage">
          <MapContainer center={DEFAULT_CENTRE} zoom={10} className="map-canvas-host">
            <EndAnimationsOnUnload />
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
            <ZonesLayer
              zones={data.zones.data ?? []}
              occupancy={data.occupancyByZoneId}
              hiddenKinds={layers.hidden}
              terminals={terminalById}
            />
            <TrackLayer points={replay.points} replayAt={replay.replayAt} />
            <AssetsLayer
              store={shownStore}
              lookOf={lookOf}
              selectedId={selected?.id ?? null}
              onSelect={select}
              onDrawn={setDrawnCount}
            />
            <FitOnce bounds={openingBounds} />
            {/* After FitOnce: its effect has moved the map when this one first reads it. */}
            <ViewportWatcher onViewport={follow} enabled={isOpeningSettled} />
            <FocusOnAsset store={store} request={focus} />
            <CentreOnce point={atMs === null ? null : replay.replayAt} />
          </MapContainer>
          <div className="map-overlay">
            {!live.hasSnapshot && bbox !== null && drawnCount === 0 ? <Loading /> : null}
            {data.zones.error ? (
              <ErrorState
                error={new Error(t('zonesError'))}
                onRetry={() => void data.zones.refetch()}
              />
            ) : null}
            {live.hasSnapshot && drawnCount === 0 ? <Empty>{t('empty')}</Empty> : null}
          </div>
          <BaseMapPicker maps={base.maps} chosen={base.baseMap} onChoose={base.choose} />
          <Legend
            hasOccupancy={data.occupancyByZoneId.size > 0}
            hidden={layers.hidden}
            onToggle={layers.toggle}
          />
        </div>
        {selected ? (
          <AssetPanel
            store={store}
            asset={selected}
            vehicle={selected.kind === 'VEHICLE' ? vehicleByKey.get(selected.assetKey) : undefined}
            replay={replay}
            atMs={atMs}
            onClose={() => select(null)}
          />
        ) : null}
      </div>
    </div>
  );
}
