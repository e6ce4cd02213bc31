import fc from 'fast-check';
import type { AisMessage, Dimensions } from '../src/ais/messages.ts';

// fast-check generators of messages in the codec's domain: every value exactly representable
// in its field (positions in 1/10000 minute, speeds in tenths), text from the six-bit table.

const SIX_BIT_CHARS = '@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !"#$%&\'()*+,-./0123456789:;<=>?'.split(
  '',
);

/** Six-bit text as decoded: no trailing '@' or spaces. */
const text = (maxLength: number) =>
  fc
    .array(fc.constantFrom(...SIX_BIT_CHARS), { maxLength })
    .map((chars) => chars.join('').replace(/[@ ]+$/, ''));
const word = (maxLength: number) =>
  fc
    .array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('')), { maxLength })
    .map((c) => c.join(''));

const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const lon = nullable(
  fc.integer({ min: -108_000_000, max: 108_000_000 }).map((raw) => raw / 600_000),
);
const lat = nullable(fc.integer({ min: -54_000_000, max: 54_000_000 }).map((raw) => raw / 600_000));
const tenths = (max: number) => nullable(fc.integer({ min: 0, max }).map((raw) => raw / 10));
const second = nullable(fc.integer({ min: 0, max: 59 }));
const uint = (bits: number) => fc.integer({ min: 0, max: 2 ** bits - 1 });
const common = { repeat: uint(2), mmsi: uint(30) };
const dimensions: fc.Arbitrary<Dimensions> = fc.record({
  toBowM: uint(9),
  toSternM: uint(9),
  toPortM: uint(6),
  toStarboardM: uint(6),
});

const positionA = fc
  .record({
    type: fc.constantFrom(1 as const, 2 as const, 3 as const),
    ...common,
    status: uint(4),
    turn: fc.integer({ min: -128, max: 127 }),
    speedKnots: tenths(1022),
    accuracy: fc.boolean(),
    lon,
    lat,
    courseDeg: tenths(3599),
    headingDeg: nullable(fc.integer({ min: 0, max: 359 })),
    second,
    maneuver: uint(2),
    raim: fc.boolean(),
    radio: uint(19),
    isShort: fc.boolean(),
  })
  .map((m) => (m.isShort ? { ...m, radio: null } : m));

const baseStation = fc.record({
  type: fc.constant(4 as const),
  ...common,
  timestamp: nullable(
    fc
      .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) })
      .map((ms) => new Date(Math.floor(ms / 1000) * 1000)),
  ),
  accuracy: fc.boolean(),
  lon,
  lat,
  epfd: uint(4),
  raim: fc.boolean(),
  radio: uint(19),
});

const staticVoyage = fc.record({
  type: fc.constant(5 as const),
  ...common,
  aisVersion: uint(2),
  imo: nullable(fc.integer({ min: 1, max: 2 ** 30 - 1 })),
  callSign: text(7),
  shipName: text(20),
  shipType: uint(8),
  dimensions,
  epfd: uint(4),
  eta: fc.record({
    month: nullable(fc.integer({ min: 1, max: 15 })),
    day: nullable(fc.integer({ min: 1, max: 31 })),
    hour: nullable(fc.integer({ min: 0, max: 23 })),
    minute: nullable(fc.integer({ min: 0, max: 59 })),
  }),
  draughtM: nullable(fc.integer({ min: 1, max: 255 }).map((raw) => raw / 10)),
  destination: text(20),
  dte: fc.boolean(),
});

const sarAircraft = fc.record({
  type: fc.constant(9 as const),
  ...common,
  altitudeM: nullable(fc.integer({ min: 0, max: 4094 })),
  speedKnots: nullable(fc.integer({ min: 0, max: 1022 })),
  accuracy: fc.boolean(),
  lon,
  lat,
  courseDeg: tenths(3599),
  second,
  regional: uint(8),
  dte: fc.boolean(),
  assigned: fc.boolean(),
  raim: fc.boolean(),
  radio: uint(20),
});

const classB = fc.record({
  type: fc.constant(18 as const),
  ...common,
  speedKnots: tenths(1022),
  accuracy: fc.boolean(),
  lon,
  lat,
  courseDeg: tenths(3599),
  headingDeg: nullable(fc.integer({ min: 0, max: 359 })),
  second,
  regional: uint(2),
  cs: fc.boolean(),
  display: fc.boolean(),
  dsc: fc.boolean(),
  band: fc.boolean(),
  msg22: fc.boolean(),
  assigned: fc.boolean(),
  raim: fc.boolean(),
  radio: uint(20),
});

const extendedB = fc.record({
  type: fc.constant(19 as const),
  ...common,
  speedKnots: tenths(1022),
  accuracy: fc.boolean(),
  lon,
  lat,
  courseDeg: tenths(3599),
  headingDeg: nullable(fc.integer({ min: 0, max: 359 })),
  second,
  regional: uint(4),
  shipName: text(20),
  shipType: uint(8),
  dimensions,
  epfd: uint(4),
  raim: fc.boolean(),
  dte: fc.boolean(),
  assigned: fc.boolean(),
});

const aidToNavigation = fc.record({
  type: fc.constant(21 as const),
  ...common,
  aidType: uint(5),
  name: word(34),
  accuracy: fc.boolean(),
  lon,
  lat,
  dimensions,
  epfd: uint(4),
  second,
  offPosition: fc.boolean(),
  regional: uint(8),
  raim: fc.boolean(),
  virtualAid: fc.boolean(),
  assigned: fc.boolean(),
});

const staticA = fc.record({
  type: fc.constant(24 as const),
  part: fc.constant('A' as const),
  ...common,
  shipName: text(20),
});

const staticB = fc
  .record({
    type: fc.constant(24 as const),
    part: fc.constant('B' as const),
    ...common,
    shipType: uint(8),
    vendorId: text(3),
    model: uint(4),
    serial: uint(20),
    callSign: text(7),
    dimensions,
    mothershipMmsi: uint(30),
  })
  .map((m) =>
    Math.floor(m.mmsi / 10_000_000) === 98
      ? { ...m, dimensions: null }
      : { ...m, mothershipMmsi: null },
  );

const longRange = fc.record({
  type: fc.constant(27 as const),
  ...common,
  accuracy: fc.boolean(),
  raim: fc.boolean(),
  status: uint(4),
  lon: nullable(fc.integer({ min: -108_000, max: 108_000 }).map((raw) => raw / 600)),
  lat: nullable(fc.integer({ min: -54_000, max: 54_000 }).map((raw) => raw / 600)),
  speedKnots: nullable(fc.integer({ min: 0, max: 62 })),
  courseDeg: nullable(fc.integer({ min: 0, max: 510 })),
  isCurrentGnssPosition: fc.boolean(),
});

/** Every decoded type; type 1-3's derived rate of turn is left out (the decoder computes it). */
export const aisMessage: fc.Arbitrary<Omit<AisMessage, 'rateOfTurnDegPerMin'>> = fc.oneof(
  positionA,
  baseStation,
  staticVoyage,
  sarAircraft,
  classB,
  extendedB,
  aidToNavigation,
  staticA,
  staticB,
  longRange,
);
