import { describe, expect, it } from 'vitest';
import { effectiveParticulars, type ParticularsRow, vesselDiscrepancies } from './particulars.ts';

const none: ParticularsRow = {
  name: null,
  callSign: null,
  imo: null,
  shipType: null,
  lengthM: null,
  beamM: null,
  draughtM: null,
  flag: null,
  destination: null,
  aisName: null,
  aisCallSign: null,
  aisImo: null,
  aisShipType: null,
  aisLengthM: null,
  aisBeamM: null,
  aisDraughtM: null,
  aisDestination: null,
  aisEta: null,
  aisStaticAt: null,
};

describe('effective particulars', () => {
  it('take the curated value, else the AIS one, field by field', () => {
    expect(
      effectiveParticulars({
        ...none,
        name: 'COSCO SHIPPING UNIVERSE',
        lengthM: 400,
        aisName: 'TINY FEEDER',
        aisLengthM: 120,
        aisShipType: 52,
        aisDestination: 'CNSHA',
      }),
    ).toEqual({
      name: 'COSCO SHIPPING UNIVERSE',
      callSign: null,
      imo: null,
      shipType: 52,
      lengthM: 400,
      beamM: null,
      draughtM: null,
      destination: 'CNSHA',
    });
  });
});

describe('discrepancies between the curated and the AIS values', () => {
  const curated = { ...none, imo: 9795610, lengthM: 400, beamM: 58.6, draughtM: 16 };

  it('are none when a source has no value', () => {
    expect(vesselDiscrepancies(curated)).toEqual([]);
    expect(vesselDiscrepancies({ ...none, aisImo: 9074729, aisLengthM: 120 })).toEqual([]);
  });

  it('leave out what AIS rounds: a metre of length or beam, a tenth of draught', () => {
    expect(
      vesselDiscrepancies({ ...curated, aisLengthM: 401, aisBeamM: 58, aisDraughtM: 16.1 }),
    ).toEqual([]);
  });

  it('name another IMO, a length or beam more than a metre off, a deeper draught', () => {
    expect(
      vesselDiscrepancies({
        ...curated,
        aisImo: 9074729,
        aisLengthM: 398,
        aisBeamM: 60,
        aisDraughtM: 16.2,
      }),
    ).toEqual([
      { field: 'imo', curated: 9795610, ais: 9074729 },
      { field: 'lengthM', curated: 400, ais: 398 },
      { field: 'beamM', curated: 58.6, ais: 60 },
      { field: 'draughtM', curated: 16, ais: 16.2 },
    ]);
  });

  it('leave out a shallower draught: a ship not fully laden reports less than its maximum', () => {
    expect(vesselDiscrepancies({ ...curated, aisDraughtM: 11.5 })).toEqual([]);
  });
});
