import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { type FixSource, FixSourceSchema } from '@harbor/shared';
import { ByteReader, ByteWriter } from './byte-buffer.ts';

/**
 * A compact, lossless byte form of one asset's track segment, for position history older than
 * the hot window: 6 to 7 bytes a fix on JT/T 808 and AIS tracks instead of a ~217-byte row.
 *
 * Small because the values are not arbitrary doubles: protocols send integers and divide them
 * (JT/T 808 lat/lon raw/1e6, AIS raw/600000, AIS speed and course in tenths, whole degrees and
 * metres). IEEE division is correctly rounded, so a value made as n/d is exactly
 * Math.round(x * D) / D for any D that is a multiple of d (while n * D / d is well under 2^52).
 * Each column picks, per segment, the coarsest scale D from a short list under which the most
 * of its values come back bit for bit (checked, not assumed), and stores the integers
 * Math.round(x * D) as differences from fix to fix; a value that does not (an HTTP fix's free
 * double, -0) is kept as float64 beside them, and a column mostly made of such values is
 * stored as float64 throughout. Nothing is rounded: every number decodes `Object.is`-equal.
 *
 * Layout: a version byte, then the deflated (raw deflate) body, column after column so that
 * runs of alike small differences sit together for deflate:
 *   count, time unit ms (1000 when every fixAt is a whole second, else 1)
 *   fixAt        integers in that unit (a steady reporting interval differences to all 0s)
 *   receivedAt   receivedAt - fixAt in ms
 *   lat, lon     number columns
 *   speedKnots, courseDeg, headingDeg, altitudeM   presence, then a number column of those present
 *   status, source   a dictionary of distinct texts, then one index per fix (0 = null)
 * A run of integers is a difference order, then zigzagged differences (writeIntegers).
 * Integers are LEB128 varints, signed ones zigzagged; float64 little-endian.
 */

export type TrackPoint = {
  /** ms since epoch (integer) */
  fixAt: number;
  /** ms since epoch (integer) */
  receivedAt: number;
  lat: number;
  lon: number;
  speedKnots: number | null;
  courseDeg: number | null;
  headingDeg: number | null;
  altitudeM: number | null;
  /** Short text (<= 64 chars), few distinct values per track. */
  status: string | null;
  source: FixSource;
};

/**
 * A text column as a track stores it: the distinct texts once, and per fix the index of its
 * text (0 is null). Laying a month of days end to end then copies typed arrays, not strings.
 */
export type TextColumn<T extends string = string> = {
  /** `texts[0]` is null; the rest are distinct. */
  texts: (T | null)[];
  codes: Uint32Array;
};

/** The text of fix `i`. */
export const textAt = <T extends string>(column: TextColumn<T>, i: number): T | null =>
  column.texts[column.codes[i] as number] ?? null;

/** Gives each distinct text the next code, null 0; `texts` lists them by code. */
export class TextCodes<T extends string> {
  private readonly codes = new Map<T | null, number>([[null, 0]]);

  codeOf(text: T | null): number {
    let code = this.codes.get(text);
    if (code === undefined) {
      code = this.codes.size;
      this.codes.set(text, code);
    }
    return code;
  }

  get texts(): (T | null)[] {
    return [...this.codes.keys()];
  }
}

/** Texts, one per fix, as a column. */
export function textColumn<T extends string>(values: readonly (T | null)[]): TextColumn<T> {
  const dictionary = new TextCodes<T>();
  const codes = Uint32Array.from(values, (text) => dictionary.codeOf(text));
  return { texts: dictionary.texts, codes };
}

/**
 * A track as columns, one entry per fix in time order: what the decoder reads without making
 * an object per fix, so a month of fixes costs typed arrays rather than a heap of objects.
 * The optional measures hold NaN where a fix has none (a fix's numbers are never NaN).
 */
export type TrackColumns = {
  length: number;
  fixAt: Float64Array;
  receivedAt: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
  speedKnots: Float64Array;
  courseDeg: Float64Array;
  headingDeg: Float64Array;
  altitudeM: Float64Array;
  status: TextColumn;
  /** Never null. */
  source: TextColumn<FixSource>;
};

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** Fix `i` of a track's columns, as an object. */
export function pointAt(track: TrackColumns, i: number): TrackPoint {
  return {
    fixAt: track.fixAt[i] as number,
    receivedAt: track.receivedAt[i] as number,
    lat: track.lat[i] as number,
    lon: track.lon[i] as number,
    speedKnots: orNull(track.speedKnots[i] as number),
    courseDeg: orNull(track.courseDeg[i] as number),
    headingDeg: orNull(track.headingDeg[i] as number),
    altitudeM: orNull(track.altitudeM[i] as number),
    status: textAt(track.status, i),
    source: textAt(track.source, i) as FixSource,
  };
}

/** Fixes `from` to `to` (exclusive) of a track's columns, as objects. */
export function pointsOf(track: TrackColumns, from = 0, to = track.length): TrackPoint[] {
  const points = new Array<TrackPoint>(Math.max(0, to - from));
  for (let i = from; i < to; i++) points[i - from] = pointAt(track, i);
  return points;
}

/** Points as columns (the inverse of pointsOf). */
export function columnsOf(points: readonly TrackPoint[]): TrackColumns {
  const track: TrackColumns = {
    ...emptyColumns(points.length),
    status: textColumn(points.map((point) => point.status)),
    source: textColumn(points.map((point) => point.source)),
  };
  points.forEach((point, i) => {
    track.fixAt[i] = point.fixAt;
    track.receivedAt[i] = point.receivedAt;
    track.lat[i] = point.lat;
    track.lon[i] = point.lon;
    track.speedKnots[i] = point.speedKnots ?? Number.NaN;
    track.courseDeg[i] = point.courseDeg ?? Number.NaN;
    track.headingDeg[i] = point.headingDeg ?? Number.NaN;
    track.altitudeM[i] = point.altitudeM ?? Number.NaN;
  });
  return track;
}

/** A segment the encoder refuses or the decoder cannot read; the message says which and why. */
export class TrackCodecError extends Error {
  override name = 'TrackCodecError';
}

/** Bumped whenever the layout changes; decodeTrack reads only the versions it knows. */
const FORMAT_VERSION = 1;

/**
 * Integers stored as differences stay within ±2^49, so that their steps, steps less steps and
 * zigzagged residuals all stay exact integers under 2^53. For times that is years -15,800 to
 * 19,800; a value past it under every scale is stored as float64.
 */
const MAX_INTEGER = 2 ** 49;

/**
 * Degree grids, coarsest first so the differences stay small: 1e-5° (5-decimal text), AIS 1/10000'
 * (ITU-R M.1371 raw/600000), JT/T 808 1e-6° (§8.18), both of those at once (3e6 is their
 * least common multiple), then 7- and 8-decimal text from HTTP sources.
 */
const DEGREE_SCALES = [1e5, 6e5, 1e6, 3e6, 1e7, 1e8];
/** Whole units, AIS tenths (speed, course), JT/T 808 knots rounded to hundredths, thousandths. */
const MEASURE_SCALES = [1, 10, 100, 1000];

const COLUMN_SCALED = 0;
const COLUMN_FLOAT64 = 1;
const PRESENT_NONE = 0;
const PRESENT_ALL = 1;
const PRESENT_SOME = 2;

/** zlib's default level: on a truck day 9 saved 0.2% and encoded about a third slower, 1 cost 1%. */
const DEFLATE_LEVEL = 6;

/** Points: one asset, strictly increasing fixAt. Returns the segment bytes (deflated). */
export function encodeTrack(points: readonly TrackPoint[]): Uint8Array {
  checkPoints(points);
  const w = new ByteWriter(64 + points.length * 16);
  w.varint(points.length);
  const unitMs = points.every((p) => p.fixAt % 1000 === 0) ? 1000 : 1;
  w.varint(unitMs);
  const fixTimes = points.map((p) => p.fixAt / unitMs);
  writeIntegers(w, fixTimes);
  for (const p of points) w.zigzag(p.receivedAt - p.fixAt);
  const column = <K extends keyof TrackPoint>(key: K) => points.map((p) => p[key]);
  writeNumbers(w, column('lat'), DEGREE_SCALES);
  writeNumbers(w, column('lon'), DEGREE_SCALES);
  writeNullableNumbers(w, column('speedKnots'));
  writeNullableNumbers(w, column('courseDeg'));
  writeNullableNumbers(w, column('headingDeg'));
  writeNullableNumbers(w, column('altitudeM'));
  writeTexts(w, column('status'));
  writeTexts(w, column('source'));
  const body = deflateRawSync(w.finish(), { level: DEFLATE_LEVEL });
  const bytes = new Uint8Array(1 + body.length);
  bytes[0] = FORMAT_VERSION;
  bytes.set(body, 1);
  return bytes;
}

export function decodeTrack(bytes: Uint8Array): TrackPoint[] {
  return pointsOf(decodeColumns(bytes));
}

/** The segment's fixes as columns (decodeTrack without an object per fix). */
export function decodeColumns(bytes: Uint8Array): TrackColumns {
  const segment = openSegment(bytes);
  const builder = new TrackBuilder(segment.count);
  builder.appendSegment(segment);
  return builder.finish();
}

/** A segment inflated, with its fix count read: decoded later, in place (TrackBuilder). */
export type OpenSegment = { readonly count: number; readonly body: ByteReader };

/** Inflates a segment and reads how many fixes it holds. */
export function openSegment(bytes: Uint8Array): OpenSegment {
  if (bytes.length === 0) throw corrupt('it is empty');
  if (bytes[0] !== FORMAT_VERSION) {
    throw new TrackCodecError(
      `track segment has format version ${bytes[0]}; this build reads version ${FORMAT_VERSION}`,
    );
  }
  return readingBody(() => {
    const body = new ByteReader(inflateRawSync(bytes.subarray(1)));
    const count = body.varint();
    // Every fix takes at least one byte in the fixAt, receivedAt and source columns.
    if (count > body.remaining) {
      throw corrupt(`it claims ${count} fixes in ${body.remaining} bytes`);
    }
    return { count, body };
  });
}

/** Runs a read of a segment's body, reporting whatever goes wrong as corruption. */
function readingBody<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof TrackCodecError) throw error;
    // zlib's "unexpected end of file", bytes that end early, or a RangeError from a length no
    // encoder wrote: all say the same to the caller.
    throw corrupt(error instanceof Error ? error.message : String(error), error);
  }
}

/**
 * One track's columns, sized ahead and filled piece by piece: segments decoded straight into
 * place and tracks copied in, each after the one before. A month of a truck is then one
 * allocation per column instead of thirty days' worth that are copied once more (measured:
 * the copies and their garbage were a third of a month's read).
 */
export class TrackBuilder {
  private readonly track: TrackColumns;
  private readonly status = new TextCodes<string>();
  private readonly source = new TextCodes<FixSource>();
  private at = 0;

  constructor(length: number) {
    this.track = emptyColumns(length);
  }

  get length(): number {
    return this.track.length;
  }

  /** Decodes a segment's fixes into the next `segment.count` places. */
  appendSegment(segment: OpenSegment): void {
    const into = sliceTrack(this.track, this.at, this.at + segment.count);
    const texts = readingBody(() => readBody(segment.body, into));
    this.recode(into, texts.status, texts.source);
    this.at += segment.count;
  }

  /** Copies a track's fixes into the next `track.length` places. */
  appendTrack(track: TrackColumns): void {
    for (const column of NUMBER_COLUMNS) this.track[column].set(track[column], this.at);
    const into = sliceTrack(this.track, this.at, this.at + track.length);
    into.status.codes.set(track.status.codes);
    into.source.codes.set(track.source.codes);
    this.recode(into, track.status.texts, track.source.texts);
    this.at += track.length;
  }

  finish(): TrackColumns {
    if (this.at !== this.track.length) {
      throw new Error(`a track of ${this.track.length} fixes was given ${this.at}`);
    }
    this.track.status.texts = this.status.texts;
    this.track.source.texts = this.source.texts;
    return this.track;
  }

  /** Codes of a piece's own dictionaries turned into the track's. */
  private recode(
    piece: TrackColumns,
    statusTexts: readonly (string | null)[],
    sourceTexts: readonly (FixSource | null)[],
  ): void {
    recode(piece.status.codes, statusTexts, this.status);
    recode(piece.source.codes, sourceTexts, this.source);
  }
}

function recode<T extends string>(
  codes: Uint32Array,
  texts: readonly (T | null)[],
  into: TextCodes<T>,
): void {
  const codeIn = texts.map((text) => into.codeOf(text));
  const isSame = codeIn.every((code, i) => code === i);
  if (isSame) return;
  for (let i = 0; i < codes.length; i++) codes[i] = codeIn[codes[i] as number] as number;
}

/** Columns for `length` fixes, all zero. */
function emptyColumns(length: number): TrackColumns {
  return {
    length,
    fixAt: new Float64Array(length),
    receivedAt: new Float64Array(length),
    lat: new Float64Array(length),
    lon: new Float64Array(length),
    speedKnots: new Float64Array(length),
    courseDeg: new Float64Array(length),
    headingDeg: new Float64Array(length),
    altitudeM: new Float64Array(length),
    status: { texts: [null], codes: new Uint32Array(length) },
    source: { texts: [null], codes: new Uint32Array(length) },
  };
}

/** Fixes `from` to `to` (exclusive) of a track: views of its columns, not copies. */
export function sliceTrack(track: TrackColumns, from: number, to: number): TrackColumns {
  return {
    length: to - from,
    fixAt: track.fixAt.subarray(from, to),
    receivedAt: track.receivedAt.subarray(from, to),
    lat: track.lat.subarray(from, to),
    lon: track.lon.subarray(from, to),
    speedKnots: track.speedKnots.subarray(from, to),
    courseDeg: track.courseDeg.subarray(from, to),
    headingDeg: track.headingDeg.subarray(from, to),
    altitudeM: track.altitudeM.subarray(from, to),
    status: { texts: track.status.texts, codes: track.status.codes.subarray(from, to) },
    source: { texts: track.source.texts, codes: track.source.codes.subarray(from, to) },
  };
}

/**
 * Reads the body after its count into `into` (views sized to the count); returns the
 * segment's own text dictionaries, which `into`'s codes index.
 */
function readBody(r: ByteReader, into: TrackColumns) {
  const count = into.length;
  const unitMs = r.varint();
  if (unitMs < 1) throw corrupt('its time unit is 0');
  const fixAt = readFixTimes(r, count, unitMs, into.fixAt);
  const receivedAt = into.receivedAt;
  for (let i = 0; i < count; i++) receivedAt[i] = checkedTime((fixAt[i] as number) + r.zigzag());
  readNumbers(r, count, into.lat);
  readNumbers(r, count, into.lon);
  readNullableNumbers(r, count, into.speedKnots);
  readNullableNumbers(r, count, into.courseDeg);
  readNullableNumbers(r, count, into.headingDeg);
  readNullableNumbers(r, count, into.altitudeM);
  const status = readTexts(r, into.status.codes);
  const source = readTexts(r, into.source.codes);
  if (r.remaining > 0) throw corrupt(`${r.remaining} bytes are left over`);
  for (const text of source.slice(1)) {
    if (text === null || !SOURCES.has(text)) throw corrupt(`a fix has source ${text}`);
  }
  const nullSource = into.source.codes.indexOf(0);
  if (nullSource >= 0) throw corrupt(`fix ${nullSource} has no source`);
  return { status, source: source as (FixSource | null)[] };
}

const SOURCES: ReadonlySet<string> = new Set(FixSourceSchema.options);

const corrupt = (detail: string, cause?: unknown) =>
  new TrackCodecError(`track segment is corrupt: ${detail}`, { cause });

/** Whole milliseconds within range, and not -0, which no integer column could give back. */
const isTime = (t: number) =>
  Number.isInteger(t) && Math.abs(t) <= MAX_INTEGER && !Object.is(t, -0);

/** The numbers a fix carries besides its times. */
const MEASURES = ['lat', 'lon', 'speedKnots', 'courseDeg', 'headingDeg', 'altitudeM'] as const;

/** The number columns of a track, times first. */
export const NUMBER_COLUMNS = ['fixAt', 'receivedAt', ...MEASURES] as const;

function checkPoints(points: readonly TrackPoint[]): void {
  let previous = Number.NEGATIVE_INFINITY;
  points.forEach((p, i) => {
    // Checked here as well as on decode, so that nothing is written that cannot be read back.
    if (!SOURCES.has(p.source)) {
      throw new TrackCodecError(`track point ${i}: unknown source ${p.source}`);
    }
    for (const [field, t] of [
      ['fixAt', p.fixAt],
      ['receivedAt', p.receivedAt],
    ] as const) {
      if (!isTime(t)) {
        throw new TrackCodecError(
          `track point ${i}: ${field} ${t} is not a whole number of ms within ±2^49 of 1970`,
        );
      }
    }
    // NaN stands for "none" in the decoded columns, and no validated fix carries one.
    for (const field of MEASURES) {
      if (Number.isNaN(p[field])) throw new TrackCodecError(`track point ${i}: ${field} is NaN`);
    }
    if (p.fixAt === previous) {
      throw new TrackCodecError(`track point ${i}: duplicate fixAt ${p.fixAt}`);
    }
    if (p.fixAt < previous) {
      throw new TrackCodecError(
        `track point ${i}: fixAt ${p.fixAt} comes before the previous ${previous}; ` +
          'points must be strictly increasing by fixAt',
      );
    }
    previous = p.fixAt;
  });
}

function readFixTimes(
  r: ByteReader,
  count: number,
  unitMs: number,
  times: Float64Array,
): Float64Array {
  readIntegers(r, count, times);
  for (let i = 0; i < count; i++) {
    const t = checkedTime((times[i] as number) * unitMs);
    if (i > 0 && t <= (times[i - 1] as number))
      throw corrupt(`fixAt ${i} is not after the one before`);
    times[i] = t;
  }
  return times;
}

function checkedTime(t: number): number {
  if (!isTime(t)) throw corrupt(`a time decodes to ${t}`);
  return t;
}

/** The integer a value is stored as under a scale, or null when it would not come back exact. */
function scaled(x: number, scale: number): number | null {
  // + 0 turns a -0 from Math.round into 0, as the decoder's integers are; -0 itself then misses.
  const q = Math.round(x * scale) + 0;
  return Math.abs(q) <= MAX_INTEGER && Object.is(q / scale, x) ? q : null;
}

/**
 * The scale that leaves the fewest values to store as float64 (the first such, so the
 * coarsest), or null when more than half would be: then float64 throughout is smaller.
 */
function chooseScale(values: readonly number[], scales: readonly number[]) {
  let best: { scale: number; misses: number[] } | null = null;
  let mostMisses = values.length >> 1;
  for (const scale of scales) {
    const misses: number[] = [];
    for (let i = 0; i < values.length && misses.length <= mostMisses; i++) {
      if (scaled(values[i] as number, scale) === null) misses.push(i);
    }
    if (misses.length > mostMisses) continue;
    best = { scale, misses };
    if (misses.length === 0) break;
    mostMisses = misses.length - 1;
  }
  return best;
}

/**
 * Scaled: the scale, the misses (their positions as gaps, then their float64s), then the
 * other values' integers as differences. Float64: every value as it is.
 */
function writeNumbers(w: ByteWriter, values: readonly number[], scales: readonly number[]): void {
  const plan = chooseScale(values, scales);
  if (plan === null) {
    w.byte(COLUMN_FLOAT64);
    for (const x of values) w.float64(x);
    return;
  }
  w.byte(COLUMN_SCALED);
  w.varint(plan.scale);
  w.varint(plan.misses.length);
  let previousMiss = -1;
  for (const i of plan.misses) {
    w.varint(i - previousMiss - 1);
    previousMiss = i;
  }
  for (const i of plan.misses) w.float64(values[i] as number);
  const missed = new Set(plan.misses);
  const ints: number[] = [];
  values.forEach((x, i) => {
    if (!missed.has(i)) ints.push(scaled(x, plan.scale) as number);
  });
  writeIntegers(w, ints);
}

function readNumbers(
  r: ByteReader,
  count: number,
  values: Float64Array = new Float64Array(count),
): Float64Array {
  const kind = r.byte();
  if (kind === COLUMN_FLOAT64) {
    for (let i = 0; i < count; i++) values[i] = r.float64();
    return values;
  }
  if (kind !== COLUMN_SCALED) throw corrupt(`unknown number column kind ${kind}`);
  const scale = r.varint();
  if (scale < 1) throw corrupt('a column has scale 0');
  const missCount = r.varint();
  if (missCount > count) throw corrupt(`a column of ${count} has ${missCount} float64 values`);
  if (missCount === 0) {
    // Every value on the scale (a protocol's own precision): decoded in place, no copy.
    readIntegers(r, count, values);
    for (let at = 0; at < count; at++) values[at] = (values[at] as number) / scale;
    return values;
  }
  const missed = new Uint8Array(count);
  const misses: number[] = [];
  let i = -1;
  for (let m = 0; m < missCount; m++) {
    i += r.varint() + 1;
    if (i >= count) throw corrupt(`a float64 value sits at ${i} in a column of ${count}`);
    missed[i] = 1;
    misses.push(i);
  }
  for (const at of misses) values[at] = r.float64();
  const ints = readIntegers(r, count - missCount);
  let next = 0;
  for (let at = 0; at < count; at++) {
    if (!missed[at]) values[at] = (ints[next++] as number) / scale;
  }
  return values;
}

/**
 * Integers as zigzag differences of the order that keeps them smaller: order 1 stores each
 * one's step from the one before; order 2 that step less the step before it, so steady motion
 * (a fixed reporting interval, a ship holding course and speed) leaves residuals near 0. The
 * first integer is stored whole, the second as a plain step.
 */
function writeIntegers(w: ByteWriter, ints: readonly number[]): void {
  const order = orderOfSmallerResiduals(ints);
  w.byte(order);
  let previous = 0;
  let previousStep = 0;
  ints.forEach((q, i) => {
    const step = q - previous;
    w.zigzag(order === 2 ? step - previousStep : step);
    previous = q;
    previousStep = i === 0 ? 0 : step;
  });
}

/** The sum of absolute residuals stands in for their deflated size; measured, it picks well. */
function orderOfSmallerResiduals(ints: readonly number[]): 1 | 2 {
  let firstOrder = 0;
  let secondOrder = 0;
  let previous = 0;
  let previousStep = 0;
  ints.forEach((q, i) => {
    const step = q - previous;
    firstOrder += Math.abs(step);
    secondOrder += Math.abs(step - previousStep);
    previous = q;
    previousStep = i === 0 ? 0 : step;
  });
  return secondOrder < firstOrder ? 2 : 1;
}

function readIntegers(
  r: ByteReader,
  count: number,
  ints: Float64Array = new Float64Array(count),
): Float64Array {
  const order = r.byte();
  if (order !== 1 && order !== 2) throw corrupt(`unknown difference order ${order}`);
  if (count === 0) return ints;
  let previous = r.zigzag();
  ints[0] = previous;
  if (order === 1) {
    for (let i = 1; i < count; i++) {
      previous += r.zigzag();
      ints[i] = previous;
    }
    return ints;
  }
  let step = 0;
  for (let i = 1; i < count; i++) {
    step += r.zigzag();
    previous += step;
    ints[i] = previous;
  }
  return ints;
}

/** Presence (none, all, or a bitmap), then a number column of the values present. */
function writeNullableNumbers(w: ByteWriter, values: readonly (number | null)[]): void {
  const present = values.filter((x) => x !== null);
  if (present.length === 0) {
    w.byte(PRESENT_NONE);
    return;
  }
  if (present.length === values.length) w.byte(PRESENT_ALL);
  else {
    w.byte(PRESENT_SOME);
    for (let i = 0; i < values.length; i += 8) {
      let bits = 0;
      for (let b = 0; b < 8 && i + b < values.length; b++) {
        if (values[i + b] !== null) bits |= 1 << b;
      }
      w.byte(bits);
    }
  }
  writeNumbers(w, present, MEASURE_SCALES);
}

/** NaN where a fix has no value. */
function readNullableNumbers(r: ByteReader, count: number, values: Float64Array): Float64Array {
  const presence = r.byte();
  if (presence === PRESENT_NONE) return values.fill(Number.NaN);
  if (presence === PRESENT_ALL) return readNumbers(r, count, values);
  if (presence !== PRESENT_SOME) throw corrupt(`unknown presence kind ${presence}`);
  const isPresent = new Uint8Array(count);
  let presentCount = 0;
  for (let i = 0; i < count; i += 8) {
    const bits = r.byte();
    for (let b = 0; b < 8 && i + b < count; b++) {
      if ((bits & (1 << b)) !== 0) {
        isPresent[i + b] = 1;
        presentCount++;
      }
    }
  }
  const present = readNumbers(r, presentCount);
  let next = 0;
  for (let i = 0; i < count; i++)
    values[i] = isPresent[i] ? (present[next++] as number) : Number.NaN;
  return values;
}

/**
 * The distinct texts in order of first use, each as its UTF-16 code units (so a lone surrogate
 * survives, which UTF-8 would replace), then one index per value, 0 for null.
 */
function writeTexts(w: ByteWriter, values: readonly (string | null)[]): void {
  const indexOf = new Map<string, number>();
  for (const text of values)
    if (text !== null && !indexOf.has(text)) indexOf.set(text, indexOf.size + 1);
  w.varint(indexOf.size);
  for (const text of indexOf.keys()) {
    w.varint(text.length);
    for (let c = 0; c < text.length; c++) w.varint(text.charCodeAt(c));
  }
  for (const text of values) w.varint(text === null ? 0 : (indexOf.get(text) as number));
}

/** Reads a text column's codes into `codes`; returns its dictionary (null first). */
function readTexts(r: ByteReader, codes: Uint32Array): (string | null)[] {
  const count = codes.length;
  const size = r.varint();
  if (size > r.remaining) throw corrupt(`a dictionary claims ${size} texts`);
  const texts: (string | null)[] = [null];
  for (let d = 0; d < size; d++) {
    const length = r.varint();
    if (length > r.remaining) throw corrupt(`a text claims ${length} characters`);
    let text = '';
    for (let c = 0; c < length; c++) text += String.fromCharCode(r.varint());
    texts.push(text);
  }
  for (let i = 0; i < count; i++) {
    const code = r.varint();
    if (code > size) throw corrupt(`text index ${code} past a dictionary of ${size}`);
    codes[i] = code;
  }
  return texts;
}
