import type { AlertRule } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import {
  kindRules,
  limitText,
  parseLimit,
  rulesOfZone,
  slotOf,
  slotSettings,
} from './zone-rules.ts';

const ZONE = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';

const rule = (
  kind: AlertRule['kind'],
  params: Record<string, unknown>,
  id: string = kind,
): AlertRule =>
  ({
    id,
    organizationId: 'org',
    name: id,
    enabled: true,
    severity: 'WARNING',
    createdAt: '2026-12-05T00:00:00.000Z',
    updatedAt: '2026-12-05T00:00:00.000Z',
    kind,
    params,
  }) as AlertRule;

describe("a zone's own rules", () => {
  it('finds the rules aimed at this zone alone, one per slot', () => {
    const truck = rule('SPEEDING', { zoneIds: [ZONE], assetKinds: ['VEHICLE'], limitKmh: 25 });
    const vessel = rule(
      'SPEEDING',
      { zoneIds: [ZONE], assetKinds: ['VESSEL'], limitKnots: 6 },
      'v',
    );
    const dwell = rule('DWELL', { zoneIds: [ZONE], assetKinds: ['VEHICLE'], maxMinutes: 30 });
    const entry = rule('RESTRICTED_AREA', { zoneIds: [ZONE], assetKinds: ['VESSEL', 'VEHICLE'] });
    const byKind = rule('SPEEDING', { zoneKinds: ['GATE'], assetKinds: ['VEHICLE'] }, 'k');
    const shared = rule('DWELL', { zoneIds: [ZONE, OTHER], maxMinutes: 5 }, 's');
    const found = rulesOfZone([byKind, shared, truck, vessel, dwell, entry], ZONE);
    expect(found).toEqual({ truckSpeed: truck, vesselSpeed: vessel, dwell, entry });
    expect(slotOf(truck, OTHER)).toBeNull();
    expect(limitText('truckSpeed', truck)).toBe('25');
    expect(limitText('vesselSpeed', vessel)).toBe('6');
    expect(limitText('dwell', undefined)).toBe('');
    expect(kindRules([byKind, truck], 'GATE')).toEqual([byKind]);
  });

  it('makes settings that read back as the same slot', () => {
    for (const slot of ['truckSpeed', 'vesselSpeed', 'dwell', 'entry'] as const) {
      const settings = slotSettings(slot, ZONE, 12);
      expect(slotOf(rule(settings.kind, settings.params as Record<string, unknown>), ZONE)).toBe(
        slot,
      );
    }
  });

  it('reads a typed limit: empty is none, a positive number is one', () => {
    expect(parseLimit(' ')).toBeNull();
    expect(parseLimit('25.5')).toBe(25.5);
    expect(parseLimit('0')).toBe('invalid');
    expect(parseLimit('abc')).toBe('invalid');
  });
});
