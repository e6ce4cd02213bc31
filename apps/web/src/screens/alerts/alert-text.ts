import type { Alert } from '@harbor/shared';
import type { TFunction } from 'i18next';
import { formatNumber } from '../../ui/format.ts';

type Ship = { mmsi: string; name: string | null };

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const number = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

function shipOf(value: unknown): Ship | null {
  const ship = value as { mmsi?: unknown; name?: unknown } | null;
  const mmsi = text(ship?.mmsi);
  return mmsi ? { mmsi, name: text(ship?.name) } : null;
}

/**
 * What an alert says, in the reader's language where its kind's data allows it (collision
 * risk and a dragging anchor, raised by the api's safety watch with their figures in `data`);
 * otherwise the api's own message.
 */
export function alertText(alert: Alert, t: TFunction, language: string): string {
  const data = alert.data ?? {};
  const ship = (s: Ship) =>
    s.name
      ? t('detail.ship', { name: s.name, mmsi: s.mmsi })
      : t('detail.shipMmsi', { mmsi: s.mmsi });
  if (alert.kind === 'COLLISION_RISK') {
    const [a, b] = Array.isArray(data.vessels) ? data.vessels.map(shipOf) : [];
    const cpa = number(data.cpaNm);
    const tcpa = number(data.tcpaMinutes);
    if (a && b && cpa !== null && tcpa !== null)
      return t('detail.collisionRisk', {
        ship: ship(a),
        other: ship(b),
        cpa: formatNumber(cpa, language, 2),
        tcpa: formatNumber(tcpa, language, 1),
      });
  }
  if (alert.kind === 'ANCHOR_DRAG') {
    const mmsi = text(data.mmsi);
    const dragging = mmsi ? ship({ mmsi, name: text(data.name) }) : null;
    const speed = number(data.speedKnots);
    const reports = number(data.movingReports);
    const distance = number(data.distanceM);
    const radius = number(data.swingRadiusM);
    if (dragging && data.reason === 'OUTSIDE_CIRCLE' && distance !== null && radius !== null)
      return t('detail.anchorDragOutside', {
        ship: dragging,
        distance: formatNumber(distance, language),
        radius: formatNumber(radius, language),
      });
    if (dragging && data.reason === 'MOVING' && speed !== null && reports !== null)
      return t('detail.anchorDragMoving', {
        ship: dragging,
        speed: formatNumber(speed, language, 1),
        reports,
      });
  }
  return alert.message;
}
