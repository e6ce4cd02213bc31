import type { Vessel } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { etaDifferenceMin, particularRows } from './vessel-page.ts';

const particulars = {
  name: 'EVER DIADEM',
  callSign: '3FOF8',
  imo: 9134270,
  shipType: 70,
  lengthM: 295,
  beamM: 32,
  draughtM: 12.2,
  destination: 'CNSHA',
};

describe('vessel page', () => {
  it('sets the AIS static data beside the port record and marks what differs', () => {
    const vessel = {
      curated: { ...particulars, flag: 'PA', destination: null },
      ais: {
        ...particulars,
        name: 'ever diadem ',
        lengthM: 295.05,
        draughtM: 13.1,
        eta: null,
        reportedAt: '2026-12-01T00:00:00Z',
      },
    } as Pick<Vessel, 'curated' | 'ais'>;
    const different = particularRows(vessel)
      .filter((row) => row.isDifferent)
      .map((row) => row.field);
    // Case and padding of a name, AIS rounding of a length and a value one side lacks are no difference.
    expect(different).toEqual(['draughtM']);
  });

  it('has no differences without AIS', () => {
    const rows = particularRows({ curated: { ...particulars, flag: null }, ais: null });
    expect(rows.every((row) => row.ais === null && !row.isDifferent)).toBe(true);
  });

  it('measures the AIS ETA against the schedule', () => {
    expect(etaDifferenceMin('2026-12-01T12:30:00Z', '2026-12-01T10:00:00Z')).toBe(150);
    expect(etaDifferenceMin(null, '2026-12-01T10:00:00Z')).toBeNull();
  });
});
