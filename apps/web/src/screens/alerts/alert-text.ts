import { type Alert, knotsToKmh } from '@harbor/shared';
import type { TFunction } from 'i18next';
import { formatNumber } from '../../ui/format.ts';
import { localName } from '../../ui/local-name.ts';

type Ship = { mmsi: string; name: string | null };

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const number = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

function shipOf(value: unknown): Ship | null {
  const ship = value as { mmsi?: unknown; name?: unknown } | null;
  const mmsi = text(ship?.mmsi);
  return mmsi ? { mmsi, name: text(ship?.name) } : null;
}

/** A ship as the alerts name it: its name and MMSI, or the MMSI alone. */
function shipName(ship: Ship, t: TFunction): string {
  return ship.name
    ? t('detail.ship', { name: ship.name, mmsi: ship.mmsi })
    : t('detail.shipMmsi', { mmsi: ship.mmsi });
}

/**
 * The alert's asset as people know it: a truck by its plate (else its terminal's number), a
 * ship by its name and MMSI; null for an alert about no asset.
 */
export function assetName(alert: Alert, t: TFunction): string | null {
  const asset = alert.asset;
  if (asset?.kind === 'VEHICLE')
    return asset.plate ?? t('detail.truckTerminal', { phone: asset.key });
  if (asset?.kind === 'VESSEL')
    return shipName({ mmsi: asset.mmsi ?? asset.key, name: asset.name }, t);
  if (alert.assetKind === 'VEHICLE' && alert.assetKey)
    return t('detail.truckTerminal', { phone: alert.assetKey });
  if (alert.assetKind === 'VESSEL' && alert.assetKey)
    return t('detail.shipMmsi', { mmsi: alert.assetKey });
  return null;
}

/** The zone in the reader's language (its Chinese name in zh-CN), else the code it was raised with. */
function zoneName(alert: Alert, language: string): string | null {
  if (alert.zone) return localName(alert.zone, language);
  return text(alert.data?.zoneCode);
}

/**
 * A speed and its limit in the unit the asset is driven by: a truck in km/h (stored since
 * 2026-12, else converted from the knots older alerts hold), a ship in knots.
 */
function speedsOf(alert: Alert): { unit: 'kmh' | 'knots'; speed: number; limit: number } | null {
  const data = alert.data ?? {};
  const knots = number(data.speedKnots);
  const limitKnots = number(data.limitKnots);
  if (alert.assetKind === 'VEHICLE') {
    const speed = number(data.speedKmh) ?? (knots === null ? null : knotsToKmh(knots));
    const limit = number(data.limitKmh) ?? (limitKnots === null ? null : knotsToKmh(limitKnots));
    return speed === null || limit === null ? null : { unit: 'kmh', speed, limit };
  }
  return knots === null || limitKnots === null
    ? null
    : { unit: 'knots', speed: knots, limit: limitKnots };
}

/** The sentence for the kind from the alert's figures; null where they are missing. */
function detailText(alert: Alert, t: TFunction, language: string): string | null {
  const data = alert.data ?? {};
  const asset = assetName(alert, t) ?? t('detail.noAsset');
  const zone = zoneName(alert, language);
  switch (alert.kind) {
    case 'SPEEDING': {
      const speeds = speedsOf(alert);
      if (!speeds || !zone) return null;
      return t(speeds.unit === 'kmh' ? 'detail.speedingKmh' : 'detail.speedingKnots', {
        asset,
        zone,
        speed: formatNumber(speeds.speed, language, 1),
        limit: formatNumber(speeds.limit, language, 1),
      });
    }
    case 'RESTRICTED_AREA':
      return zone ? t('detail.restrictedArea', { asset, zone }) : null;
    case 'DWELL': {
      const minutes = number(data.minutes);
      return zone && minutes !== null
        ? t('detail.dwell', { asset, zone, minutes: formatNumber(minutes, language) })
        : null;
    }
    case 'AIS_SILENCE': {
      const minutes = number(data.silentMinutes);
      return minutes !== null
        ? t('detail.aisSilence', { asset, minutes: formatNumber(minutes, language) })
        : null;
    }
    case 'COLLISION_RISK': {
      const [a, b] = Array.isArray(data.vessels) ? data.vessels.map(shipOf) : [];
      const cpa = number(data.cpaNm);
      const tcpa = number(data.tcpaMinutes);
      if (!a || !b || cpa === null || tcpa === null) return null;
      return t('detail.collisionRisk', {
        ship: shipName(a, t),
        other: shipName(b, t),
        cpa: formatNumber(cpa, language, 2),
        tcpa: formatNumber(tcpa, language, 1),
      });
    }
    case 'ANCHOR_DRAG': {
      const mmsi = text(data.mmsi);
      const ship = mmsi ? shipName({ mmsi, name: text(data.name) }, t) : asset;
      const speed = number(data.speedKnots);
      const reports = number(data.movingReports);
      const distance = number(data.distanceM);
      const radius = number(data.swingRadiusM);
      if (data.reason === 'OUTSIDE_CIRCLE' && distance !== null && radius !== null)
        return t('detail.anchorDragOutside', {
          ship,
          distance: formatNumber(distance, language),
          radius: formatNumber(radius, language),
        });
      if (data.reason === 'MOVING' && speed !== null && reports !== null)
        return t('detail.anchorDragMoving', {
          ship,
          speed: formatNumber(speed, language, 1),
          reports,
        });
      return null;
    }
    case 'ROUTE_DEVIATION':
      return t('detail.routeDeviation', { asset });
  }
}

/**
 * What an alert says, in the reader's language, from its kind, its figures (`data`) and the
 * names of its asset and zone. Never the api's English `message` (kept for API users): where
 * the figures are missing, the kind and the asset alone.
 */
export function alertText(alert: Alert, t: TFunction, language: string): string {
  return (
    detailText(alert, t, language) ??
    t('detail.generic', {
      kind: t(`kind.${alert.kind}`),
      asset: assetName(alert, t) ?? t('detail.noAsset'),
    })
  );
}

/**
 * Where the map shows the alert's asset at the moment it was raised:
 * `/map?asset=VEHICLE:013917000012&at=2026-12-05T07:00:00.000Z`; null for no asset.
 */
export function mapLinkOf(alert: Pick<Alert, 'assetKind' | 'assetKey' | 'raisedAt'>) {
  if (!alert.assetKind || !alert.assetKey) return null;
  const asset = `${alert.assetKind}:${encodeURIComponent(alert.assetKey)}`;
  return `/map?asset=${asset}&at=${alert.raisedAt}`;
}
