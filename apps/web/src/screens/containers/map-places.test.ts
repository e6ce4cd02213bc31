import type { EquipmentEvent, Zone } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { placesOf } from './map-places.ts';

function zone(
  id: string,
  code: string,
  kind: Zone['kind'],
  terminalId: string | null,
  lon: number,
): Zone {
  return {
    id,
    portId: 'port',
    terminalId,
    code,
    name: code,
    kind,
    polygon: {
      type: 'Polygon',
      coordinates: [
        [
          [lon, 30],
          [lon + 0.01, 30],
          [lon + 0.01, 30.01],
          [lon, 30],
        ],
      ],
    },
    bbox: { minLat: 30, minLon: lon, maxLat: 30.01, maxLon: lon + 0.01 },
    nameZh: null,
    speedLimitKnots: null,
    speedLimitKmh: null,
  };
}

const depot = zone('z-depot', 'LCG-DEPOT', 'DEPOT', null, 121);
const gate = zone('z-gate', 'YSP4-GATE', 'GATE', 't4', 122);
const block = zone('z-y01', 'YSP4-Y01', 'YARD_BLOCK', 't4', 122.02);
const lookups = {
  zones: [depot, gate, block],
  zoneById: new Map([depot, gate, block].map((item) => [item.id, item])),
  blockById: new Map([['b1', { code: 'Y01', terminalId: 't4' }]]),
  visitById: new Map<string, { terminalId: string | null }>(),
};

function event(id: string, partial: Partial<EquipmentEvent>): EquipmentEvent {
  return {
    id,
    eventType: 'GTIN',
    eventClassifier: 'ACT',
    emptyIndicator: 'LADEN',
    eventAt: '2026-11-20T00:00:00Z',
    eventCreatedAt: '2026-11-20T00:00:00Z',
    terminalId: null,
    zoneId: null,
    yardBlockId: null,
    bay: null,
    row: null,
    tier: null,
    vesselVisitId: null,
    vehicleId: null,
    dispatchJobId: null,
    recordedById: null,
    note: null,
    ...partial,
  };
}

describe('placesOf', () => {
  it('follows the zones of the events in order, merging repeats at one place', () => {
    const { places, zones } = placesOf(
      [
        event('1', { zoneId: 'z-depot' }),
        event('2', { eventType: 'GTOT', zoneId: 'z-depot' }),
        event('3', {
          terminalId: 't4',
          zoneId: 'z-gate',
          yardBlockId: 'b1',
          bay: 3,
          row: 2,
          tier: 1,
        }),
        event('4', {
          eventType: 'PICK',
          terminalId: 't4',
          yardBlockId: 'b1',
          bay: 3,
          row: 2,
          tier: 1,
        }),
        event('5', {
          eventType: 'DROP',
          terminalId: 't4',
          yardBlockId: 'b1',
          bay: 5,
          row: 2,
          tier: 1,
        }),
        event('6', { eventType: 'STUF' }),
      ],
      lookups,
    );
    expect(places.map((place) => [place.order, place.label, place.eventTypes])).toEqual([
      [1, 'LCG-DEPOT', ['GTIN', 'GTOT']],
      [2, 'YSP4-GATE', ['GTIN']],
      [3, 'YSP4-Y01', ['PICK', 'DROP']],
    ]);
    expect(places[0]?.lat).toBeCloseTo(30.005);
    expect(places[0]?.lon).toBeCloseTo(121.005);
    expect(zones.map((item) => item.code)).toEqual(['LCG-DEPOT', 'YSP4-GATE', 'YSP4-Y01']);
  });

  it('falls back to the whole terminal when the event names only the terminal', () => {
    const { places, zones } = placesOf(
      [event('1', { eventType: 'LOAD', terminalId: 't4' })],
      lookups,
    );
    expect(zones.map((item) => item.code)).toEqual(['YSP4-GATE', 'YSP4-Y01']);
    expect(places[0]?.label).toBe('YSP4');
  });
});
