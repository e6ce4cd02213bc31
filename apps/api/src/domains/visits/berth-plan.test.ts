import type { VesselVisit } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STAY_MS, visitWindow } from './berth-plan.ts';

const T = (h: number) => new Date(Date.UTC(2026, 10, 25, h)).toISOString();
const base = { eta: null, etd: null, ata: null, atd: null, predictedEta: null } as const;
const visit = (fields: Partial<VesselVisit>) =>
  ({ ...base, status: 'PLANNED', ...fields }) as VesselVisit;

describe('visitWindow', () => {
  const now = new Date(T(12));
  it('is eta..etd for a planned visit', () => {
    expect(visitWindow(visit({ eta: T(1), etd: T(5) }), now)).toEqual({
      start: Date.parse(T(1)),
      end: Date.parse(T(5)),
      isActual: false,
    });
  });
  it('assumes a default stay without an etd, and has none without any arrival time', () => {
    expect(visitWindow(visit({ eta: T(1) }), now)?.end).toBe(Date.parse(T(1)) + DEFAULT_STAY_MS);
    expect(visitWindow(visit({}), now)).toBeNull();
  });
  it('holds the berth until now when a berthed vessel overstays its etd', () => {
    expect(visitWindow(visit({ status: 'BERTHED', eta: T(1), ata: T(2), etd: T(6) }), now)).toEqual(
      {
        start: Date.parse(T(2)),
        end: now.getTime(),
        isActual: true,
      },
    );
  });
  it('is ata..atd once departed', () => {
    expect(
      visitWindow(visit({ status: 'DEPARTED', eta: T(1), ata: T(2), etd: T(6), atd: T(4) }), now),
    ).toMatchObject({
      start: Date.parse(T(2)),
      end: Date.parse(T(4)),
    });
  });
});
