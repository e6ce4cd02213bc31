import '../map/map.css';
import './zones.css';
import { type Zone, ZoneKindSchema } from '@harbor/shared';
import { skipToken, useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MapContainer } from 'react-leaflet';
import { canEdit as canEditScreen } from '../../auth/screens.ts';
import { useSession } from '../../auth/session.tsx';
import { trpc } from '../../trpc.ts';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { LandLayer } from '../map/LandLayer.tsx';
import { landArea } from '../map/land-area.ts';
import { ContainerAttributes, FitOnce } from '../map/MapControllers.tsx';
import { MapDatum, TileBaseLayer } from '../map/TileBaseLayer.tsx';
import { useBaseMap } from '../map/use-base-map.ts';
import { zonesExtent } from '../map/viewport.ts';
import { type Outline, type Ring, ZoneEditorLayer } from './ZoneEditorLayer.tsx';
import { ZoneForm } from './ZoneForm.tsx';
import { filterZones, ZoneList } from './ZoneList.tsx';
import { ZoneRules } from './ZoneRules.tsx';

const DEFAULT_CENTRE: [number, number] = [30.95, 121.85];

/** What the side panel shows: the list, a zone (its outline maybe being edited), a new zone. */
type Selection = { kind: 'none' } | { kind: 'zone'; id: string } | { kind: 'new' };

/**
 * The port's zones on a map with a list beside it. Port authority admins and operators draw
 * new zones, move corners, change details and limits, and set the zone's own alert rules;
 * everyone else on the port side looks.
 */
export function ZonesScreen() {
  const { t, i18n } = useTranslation('zones');
  const { user } = useSession();
  const canEdit = canEditScreen(user, 'zones');
  const zones = useQuery(trpc.port.zones.queryOptions({}));
  const terminals = useQuery(trpc.port.terminals.queryOptions());
  const rules = useQuery(trpc.alertRules.list.queryOptions());
  const base = useBaseMap();
  const area = useMemo(() => landArea(zones.data ?? []), [zones.data]);
  const land = useQuery(
    trpc.port.land.queryOptions(area ? { bbox: area } : skipToken, {
      enabled: base.baseMap === null || base.isOffline,
      staleTime: Number.POSITIVE_INFINITY,
    }),
  );
  const [search, setSearch] = useState('');
  const [kindFilter, setKindFilter] = useState('');
  const [selection, setSelection] = useState<Selection>({ kind: 'none' });
  const [drawing, setDrawing] = useState(false);
  const [outline, setOutline] = useState<Outline | null>(null);
  const [nonce, setNonce] = useState(0);

  const handleLabels = useMemo(
    () => ({ corner: t('cornerHandle'), middle: t('middleHandle') }),
    [t],
  );
  const list = useMemo(
    () => filterZones(zones.data ?? [], search, kindFilter),
    [zones.data, search, kindFilter],
  );
  const selected: Zone | null =
    selection.kind === 'zone' ? (zones.data?.find((z) => z.id === selection.id) ?? null) : null;

  const select = useCallback(
    (id: string) => {
      const zone = zones.data?.find((z) => z.id === id);
      setDrawing(false);
      setSelection({ kind: 'zone', id });
      setOutline(
        zone ? { key: `${id}:${nonce}`, ring: zone.polygon.coordinates[0] as Ring } : null,
      );
      setNonce((n) => n + 1);
    },
    [zones.data, nonce],
  );
  const close = () => {
    setSelection({ kind: 'none' });
    setOutline(null);
    setDrawing(false);
  };
  const startDrawing = () => {
    close();
    setDrawing(true);
  };
  const onDrawn = useCallback(
    (ring: Ring) => {
      setDrawing(false);
      setSelection({ kind: 'new' });
      setOutline({ key: `new:${nonce}`, ring });
      setNonce((n) => n + 1);
    },
    [nonce],
  );
  const onShape = useCallback(
    (ring: Ring) => setOutline((current) => (current ? { ...current, ring } : current)),
    [],
  );

  const bounds = useMemo((): [[number, number], [number, number]] | null => {
    const extent = zonesExtent(zones.data ?? []);
    return extent
      ? [
          [extent.minLat, extent.minLon],
          [extent.maxLat, extent.maxLon],
        ]
      : null;
  }, [zones.data]);

  const panelTitle =
    selection.kind === 'new' ? t('newZone') : selected ? `${selected.code}` : t('listLabel');

  return (
    <div className="zones-screen">
      <div className="toolbar zones-toolbar">
        <h1>{t('title')}</h1>
        <label>
          <span className="visually-hidden">{t('search')}</span>
          <input
            type="search"
            value={search}
            placeholder={t('searchPlaceholder')}
            aria-label={t('search')}
            onChange={(event) => setSearch(event.target.value)}
            data-testid="zone-search"
          />
        </label>
        <label>
          {t('kindFilter')}{' '}
          <select
            value={kindFilter}
            onChange={(event) => setKindFilter(event.target.value)}
            data-testid="zone-kind-filter"
          >
            <option value="">{t('allKinds')}</option>
            {ZoneKindSchema.options.map((kind) => (
              <option key={kind} value={kind}>
                {t(`map:zoneKind.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <span className="map-count" data-testid="zone-count">
          {t('count', { count: list.length })}
        </span>
        {canEdit ? (
          drawing ? (
            <button type="button" onClick={() => setDrawing(false)} data-testid="zone-draw-cancel">
              {t('cancelDraw')}
            </button>
          ) : (
            <button
              type="button"
              className="primary"
              onClick={startDrawing}
              data-testid="zone-draw"
            >
              {t('draw')}
            </button>
          )
        ) : (
          <span className="hint" data-testid="zones-read-only">
            {t('readOnly')}
          </span>
        )}
      </div>
      {drawing ? (
        <p className="hint zones-hint" role="status">
          {t('drawHint')}
        </p>
      ) : outline && canEdit ? (
        <p className="hint zones-hint">{t('editHint')}</p>
      ) : null}
      <div className="zones-body">
        <div className="map-stage">
          <MapContainer center={DEFAULT_CENTRE} zoom={10} className="map-canvas-host">
            <ContainerAttributes
              attributes={{
                'data-testid': 'zones-map',
                'aria-label': t('mapLabel'),
                role: 'region',
              }}
            />
            <MapDatum datum={base.baseMap?.datum ?? 'WGS84'} />
            <TileBaseLayer baseMap={base.baseMap} onOffline={base.goOffline} />
            <LandLayer land={land.data ?? []} />
            <ZoneEditorLayer
              zones={zones.data ?? []}
              selectedId={selected?.id ?? null}
              outline={outline}
              canEdit={canEdit}
              drawing={drawing}
              language={i18n.language}
              handleLabels={handleLabels}
              onSelect={select}
              onShape={onShape}
              onDrawn={onDrawn}
            />
            <FitOnce bounds={bounds} />
          </MapContainer>
          <div className="map-overlay">
            {zones.isPending ? <Loading /> : null}
            {zones.error ? (
              <ErrorState error={zones.error} onRetry={() => void zones.refetch()} />
            ) : null}
          </div>
        </div>
        <aside className="zones-side panel" aria-label={panelTitle} data-testid="zones-panel">
          {selection.kind === 'none' ? (
            <ZoneList zones={list} selectedId={null} onSelect={select} />
          ) : (
            <>
              <div className="zones-side-head">
                <h2>{selection.kind === 'new' ? t('newZone') : t('details')}</h2>
                <button type="button" onClick={close} data-testid="zone-close">
                  {t('close')}
                </button>
              </div>
              <ZoneForm
                key={`form:${selection.kind === 'new' ? outline?.key : selected?.id}`}
                zone={selected}
                ring={outline?.ring ?? null}
                terminals={terminals.data ?? []}
                canEdit={canEdit}
                onSaved={(zone) => {
                  setSelection({ kind: 'zone', id: zone.id });
                  setOutline({
                    key: `${zone.id}:${nonce}`,
                    ring: zone.polygon.coordinates[0] as Ring,
                  });
                  setNonce((n) => n + 1);
                }}
                onDeleted={close}
              />
              {selected && rules.data ? (
                <ZoneRules
                  key={`rules:${selected.id}`}
                  zone={selected}
                  rules={rules.data}
                  canEdit={canEdit}
                />
              ) : null}
            </>
          )}
        </aside>
      </div>
    </div>
  );
}
