import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  columnsOf,
  decodeTrack,
  encodeTrack,
  NUMBER_COLUMNS,
  type OpenSegment,
  openSegment,
  pointsOf,
  TrackBuilder,
  TrackCodecError,
  type TrackPoint,
} from './track-codec.ts';

/** mulberry32: a deterministic source in [0, 1), so a failure reproduces. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

const METRES_PER_DEGREE = 111_320;
const RAD = Math.PI / 180;

/**
 * A JT/T 808 truck's day: a report every 30 s, driving at about 10 m/s on a bearing that turns
 * a few degrees at a time, with stops (engine on at lights, off at a break). Values made as
 * fixOf() in the JT/T 808 gateway makes them: lat/lon raw/1e6, knots from the 1/10 km/h word
 * rounded to hundredths, whole-degree course, whole metres, terminal clock in whole seconds.
 */
function truckDay(seed: number): TrackPoint[] {
  const random = seeded(seed);
  const start = Date.parse('2026-11-25T00:00:00Z');
  let latRaw = 31_230_416;
  let lonRaw = 121_473_701;
  let bearing = random() * 360;
  let speedMs = 10;
  let altitudeM = 12;
  let stoppedFor = 0;
  return Array.from({ length: 2880 }, (_, i) => {
    if (stoppedFor > 0) stoppedFor--;
    else if (random() < 0.01) stoppedFor = 2 + Math.floor(random() * 40);
    const moving = stoppedFor === 0;
    if (moving) {
      bearing = (bearing + (random() - 0.5) * 20 + 360) % 360;
      speedMs = Math.min(22, Math.max(3, speedMs + (random() - 0.5) * 2));
      const metres = speedMs * 30;
      const lat = latRaw / 1e6;
      latRaw += Math.round(((metres * Math.cos(bearing * RAD)) / METRES_PER_DEGREE) * 1e6);
      lonRaw += Math.round(
        ((metres * Math.sin(bearing * RAD)) / (METRES_PER_DEGREE * Math.cos(lat * RAD))) * 1e6,
      );
      altitudeM += Math.round((random() - 0.5) * 4);
    }
    const speedKmh = moving ? Math.round(speedMs * 36) / 10 : 0;
    const fixAt = start + i * 30_000;
    return {
      fixAt,
      receivedAt: fixAt + 200 + Math.floor(random() * 1801),
      lat: latRaw / 1e6,
      lon: lonRaw / 1e6,
      speedKnots: Math.round((speedKmh / 1.852) * 100) / 100,
      courseDeg: Math.round(bearing) % 360,
      headingDeg: null,
      altitudeM,
      status: moving || stoppedFor < 20 ? 'ACC_ON' : 'ACC_OFF',
      source: 'JT808',
    };
  });
}

/**
 * An AIS ship under way at about 12 knots, a class A report about every 10 s: lat/lon
 * raw/600000, speed and course in tenths, whole-degree heading, times in ms as heard.
 */
function aisShip(seed: number): TrackPoint[] {
  const random = seeded(seed);
  const start = Date.parse('2026-11-25T00:00:00Z');
  let latRaw = 18_120_000;
  let lonRaw = 72_520_000;
  let courseTenths = 1350;
  let speedTenths = 120;
  return Array.from({ length: 2880 }, (_, i) => {
    courseTenths = (courseTenths + Math.round((random() - 0.5) * 30) + 3600) % 3600;
    speedTenths = Math.min(160, Math.max(80, speedTenths + Math.round((random() - 0.5) * 4)));
    const metres = (speedTenths / 10) * 0.514444 * 10;
    const lat = latRaw / 600_000;
    latRaw += Math.round(((metres * Math.cos(courseTenths * 0.1 * RAD)) / METRES_PER_DEGREE) * 6e5);
    lonRaw += Math.round(
      ((metres * Math.sin(courseTenths * 0.1 * RAD)) / (METRES_PER_DEGREE * Math.cos(lat * RAD))) *
        6e5,
    );
    const fixAt = start + i * 10_000 + Math.floor(random() * 1000);
    return {
      fixAt,
      receivedAt: fixAt + 50 + Math.floor(random() * 1500),
      lat: latRaw / 600_000,
      lon: lonRaw / 600_000,
      speedKnots: speedTenths / 10,
      courseDeg: courseTenths / 10,
      headingDeg: (Math.round(courseTenths / 10) + Math.floor(random() * 5) + 358) % 360,
      altitudeM: null,
      status: random() < 0.98 ? 'UNDER_WAY_USING_ENGINE' : 'RESTRICTED_MANOEUVRABILITY',
      source: 'AIS',
    };
  });
}

/** HTTP fixes with whatever doubles a phone sends, -0, nulls, odd text. */
function httpFixes(seed: number, count: number): TrackPoint[] {
  const random = seeded(seed);
  const oddDoubles = [-0, 0, Number.MIN_VALUE, -Number.MAX_VALUE, 0.1 + 0.2, 1 / 3, Infinity];
  const odd = (i: number) => oddDoubles[i % oddDoubles.length] as number;
  const maybe = (x: number) => (random() < 0.3 ? null : x);
  const start = Date.parse('2026-11-25T08:00:00.123Z');
  return Array.from({ length: count }, (_, i) => {
    const fixAt = start + i * 1000 + Math.floor(random() * 999);
    return {
      fixAt,
      receivedAt: fixAt - 5000 + Math.floor(random() * 20_000),
      lat: i % 11 === 0 ? -0 : random() * 180 - 90,
      lon: random() * 360 - 180,
      speedKnots: maybe(i % 7 === 0 ? odd(i) : random() * 40),
      courseDeg: maybe(random() * 360),
      headingDeg: maybe(i % 5 === 0 ? -0 : random() * 360),
      altitudeM: maybe(i % 3 === 0 ? odd(i) : random() * 8000 - 100),
      status: [null, 'ok', '港口 gate', 'lone \ud800 surrogate', ''][i % 5] ?? null,
      source: 'HTTP',
    };
  });
}

const FIELDS = [
  ...NUMBER_COLUMNS,
  'status',
  'source',
] as const satisfies readonly (keyof TrackPoint)[];

/** Every field of every point `Object.is`-equal: -0, float bits, nulls and text as they were. */
function expectRoundTrip(points: readonly TrackPoint[]): Uint8Array {
  const bytes = encodeTrack(points);
  const decoded = decodeTrack(bytes);
  expect(decoded).toHaveLength(points.length);
  const differences: string[] = [];
  points.forEach((point, i) => {
    for (const field of FIELDS) {
      const was = point[field];
      const is = decoded[i]?.[field];
      if (!Object.is(was, is)) differences.push(`${i}.${field}: ${String(was)} -> ${String(is)}`);
    }
  });
  expect(differences).toEqual([]);
  return bytes;
}

const bytesPerFix = (points: readonly TrackPoint[]) => encodeTrack(points).length / points.length;

describe('the track codec', () => {
  it('gives back a JT/T 808 truck day exactly', () => {
    expectRoundTrip(truckDay(1));
  });

  it('gives back an AIS ship with ms fix times exactly', () => {
    expectRoundTrip(aisShip(2));
  });

  it('gives back HTTP fixes of arbitrary doubles, -0, Infinity and odd text exactly', () => {
    expectRoundTrip(httpFixes(3, 500));
  });

  it('gives back fixes with every nullable field null', () => {
    expectRoundTrip(
      truckDay(4).map((p) => ({
        ...p,
        speedKnots: null,
        courseDeg: null,
        headingDeg: null,
        altitudeM: null,
        status: null,
      })),
    );
  });

  it('gives back one segment mixing JT/T 808, AIS, HTTP and simulated fixes', () => {
    const truck = truckDay(5);
    const ship = aisShip(6);
    const http = httpFixes(7, 2880);
    const mixed = truck.map((p, i): TrackPoint => {
      // Mostly the truck's own reports, a few from the other sources at the same times.
      const other = i % 10 === 3 ? ship[i] : i % 10 === 7 ? http[i] : undefined;
      const source = i % 50 === 0 ? 'SIM' : p.source;
      return other ? { ...other, fixAt: p.fixAt, receivedAt: p.receivedAt } : { ...p, source };
    });
    const bytes = expectRoundTrip(mixed);
    // The HTTP fixes' doubles are kept beside the scaled integers, not forcing every value to
    // float64: far under the 3 float64 columns (24 bytes) a fix would otherwise take.
    expect(bytes.length / mixed.length).toBeLessThan(14);
  });

  it('gives back many short segments of fixes drawn from every kind above', () => {
    const kinds = [truckDay(15), aisShip(16), httpFixes(17, 2880)];
    for (let seed = 0; seed < 200; seed++) {
      const random = seeded(seed);
      const start = Math.floor(random() * 2000);
      let fixAt = Date.parse('2026-11-25T00:00:00Z') + Math.floor(random() * 1e6) * 1000;
      const segment = Array.from({ length: 1 + Math.floor(random() * 40) }, (_, i): TrackPoint => {
        fixAt += random() < 0.5 ? 1000 : 1 + Math.floor(random() * 1e7);
        const kind = kinds[Math.floor(random() * kinds.length)] as TrackPoint[];
        return { ...(kind[start + i] as TrackPoint), fixAt, receivedAt: fixAt + 500 };
      });
      expectRoundTrip(segment);
    }
  });

  it('lays segments and tracks with their own text dictionaries end to end in one track', () => {
    const truck = truckDay(21).slice(0, 300);
    const http = httpFixes(22, 200).map((p, i) => ({ ...p, fixAt: 4e12 + i * 1000 }));
    const ship = aisShip(23).map((p, i) => ({ ...p, fixAt: 5e12 + i * 1000, status: null }));
    const segments = [truck, ship].map((points) => openSegment(encodeTrack(points)));
    const builder = new TrackBuilder(truck.length + http.length + ship.length);
    builder.appendSegment(segments[0] as OpenSegment);
    builder.appendTrack(columnsOf(http));
    builder.appendSegment(segments[1] as OpenSegment);
    const track = builder.finish();
    const all = [...truck, ...http, ...ship];
    expect(pointsOf(track)).toEqual(all);
    // One dictionary for the whole track: each text once.
    const statuses = new Set(all.map((p) => p.status));
    expect(track.status.texts).toHaveLength(statuses.has(null) ? statuses.size : statuses.size + 1);
    expect(new Set(track.status.texts).size).toBe(track.status.texts.length);
    expect(() => new TrackBuilder(all.length + 1).finish()).toThrow();
  });

  it('gives back a single fix, and no fixes', () => {
    expectRoundTrip([truckDay(8)[0] as TrackPoint]);
    expectRoundTrip(httpFixes(9, 1));
    expectRoundTrip([]);
  });

  it('gives back fixes years apart, from 1980 to 2100', () => {
    const times = [
      Date.parse('1980-01-01T00:00:00Z'),
      Date.parse('1980-01-01T00:00:00.001Z'),
      Date.parse('1980-01-06T00:00:00Z'),
      Date.parse('2026-11-25T12:34:56.789Z'),
      Date.parse('2099-12-31T23:59:59.999Z'),
      Date.parse('2100-01-01T00:00:00Z'),
    ];
    const template = truckDay(10)[0] as TrackPoint;
    expectRoundTrip(
      times.map((fixAt, i) => ({ ...template, fixAt, receivedAt: i % 2 ? fixAt : fixAt + 1 })),
    );
    // A receive time far from its fix time, either side.
    expectRoundTrip([
      { ...template, fixAt: times[0] as number, receivedAt: times[5] as number },
      { ...template, fixAt: times[5] as number, receivedAt: times[0] as number },
    ]);
  });

  it('gives back values at the edges of what is stored as integers, and past them', () => {
    const template = truckDay(14)[0] as TrackPoint;
    const edge = 2 ** 49;
    expectRoundTrip(
      [-edge, -edge + 1, edge - 1, edge].map((fixAt, i) => ({
        ...template,
        fixAt,
        receivedAt: i < 2 ? edge : -edge,
        // Whole metres at the edge stay integers; one past it is kept as float64.
        altitudeM: [edge, -edge, edge + 2, -edge - 2][i] as number,
        speedKnots: [Number.MAX_SAFE_INTEGER, 1e300, 5e-324, -1e-300][i] as number,
      })),
    );
  });

  it('keeps JT/T 808 and AIS values at their published precision', () => {
    const template = truckDay(11)[0] as TrackPoint;
    const jt808 = {
      ...template,
      lat: 31_230_416 / 1e6,
      lon: 121_473_701 / 1e6,
      speedKnots: Math.round((652 / 10 / 1.852) * 100) / 100,
    };
    const ais: TrackPoint = {
      ...template,
      fixAt: template.fixAt + 1234,
      lat: 18_120_000 / 600_000,
      lon: 72_520_000 / 600_000,
      speedKnots: 123 / 10,
      courseDeg: 2785 / 10,
      headingDeg: 279,
      source: 'AIS',
    };
    const [first, second] = decodeTrack(encodeTrack([jt808, ais]));
    expect(first?.lat).toBe(31.230416);
    expect(first?.lon).toBe(121.473701);
    expect(first?.speedKnots).toBe(35.21);
    expect(second?.lat).toBe(30.2);
    expect(second?.lon).toBe(72_520_000 / 600_000);
    expect(second?.speedKnots).toBe(12.3);
    expect(second?.courseDeg).toBe(278.5);
  });

  it('stores a JT/T 808 truck day and an AIS ship in at most 12 bytes a fix', () => {
    expect(bytesPerFix(truckDay(12))).toBeLessThanOrEqual(12);
    expect(bytesPerFix(aisShip(13))).toBeLessThanOrEqual(12);
  });
});

describe('the track codec refuses', () => {
  const track = truckDay(20).slice(0, 50);

  it('fixes out of order or at the same time', () => {
    const swapped = [track[1], track[0], ...track.slice(2)] as TrackPoint[];
    expect(() => encodeTrack(swapped)).toThrow(/track point 1: fixAt .* comes before/);
    const repeated = [...track.slice(0, 10), track[9], ...track.slice(10)] as TrackPoint[];
    expect(() => encodeTrack(repeated)).toThrow(/track point 10: duplicate fixAt/);
  });

  it('times that are not whole milliseconds', () => {
    const point = track[0] as TrackPoint;
    for (const bad of [
      { fixAt: point.fixAt + 0.5 },
      { receivedAt: point.receivedAt - 0.25 },
      { fixAt: Number.NaN },
      { fixAt: -0 },
      { receivedAt: 2 ** 60 },
    ]) {
      expect(() => encodeTrack([{ ...point, ...bad }])).toThrow(TrackCodecError);
    }
    // NaN is how the decoded columns say "none": a value that is NaN is refused, not nulled.
    expect(() => encodeTrack([{ ...point, speedKnots: Number.NaN }])).toThrow(
      'track point 0: speedKnots is NaN',
    );
    expect(() => encodeTrack([{ ...point, fixAt: 1.5 }])).toThrow(
      'track point 0: fixAt 1.5 is not a whole number of ms',
    );
  });

  it('a format version it does not know', () => {
    const bytes = encodeTrack(track);
    bytes[0] = 2;
    expect(() => decodeTrack(bytes)).toThrow(
      'track segment has format version 2; this build reads version 1',
    );
  });

  it('every truncation of a segment, as corrupt', () => {
    const bytes = encodeTrack(track);
    for (let length = 0; length < bytes.length; length++) {
      expect(() => decodeTrack(bytes.subarray(0, length))).toThrow(/^track segment is corrupt: /);
    }
  });

  it('a body that ends early or runs on, as corrupt', () => {
    const full = encodeTrack(track);
    const withBody = (body: Uint8Array) =>
      Uint8Array.of(full[0] as number, ...deflateRawSync(body));
    const body = inflateRawSync(full.subarray(1));
    expect(() => decodeTrack(withBody(body.subarray(0, -1)))).toThrow(
      'track segment is corrupt: bytes end early',
    );
    const emptyBody = inflateRawSync(encodeTrack([]).subarray(1));
    expect(() => decodeTrack(withBody(Uint8Array.of(...emptyBody, 9)))).toThrow(
      'track segment is corrupt: 1 bytes are left over',
    );
  });
});
