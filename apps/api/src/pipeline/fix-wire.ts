import { type Fix, meetsFixSchema } from '@harbor/shared';
import { Packr, Unpackr } from 'msgpackr';

/**
 * Fixes as Harbor's processes send them to each other over NATS (the JetStream fix stream
 * and the live relay): a MessagePack array (msgpackr) of the fixes, their times as
 * milliseconds since the epoch. As MessagePack timestamps, which earlier versions wrote and
 * are still read, each time cost the reader an extension's array view besides its Date,
 * 540 bytes of garbage a fix (docs/benchmarks.md, issue 20). msgpackr's records write a
 * group's field names once: in a message of 1,000 fixes a fix takes 81 bytes instead of
 * JSON's 229 and is written and read in a fifth of the time; in a group of 4, 106 bytes and
 * three quarters of the time, reading alone slower (docs/benchmarks.md, issue 20). Each message defines its own records, so a
 * reader needs nothing from earlier messages: msgpackr's shared structures would read small
 * groups faster, but any message on the subject could redefine them for every later one.
 *
 * Groups written by earlier versions are JSON arrays, their times as milliseconds or ISO
 * strings: they are still read (a JSON array starts with `[`, and a group is always a
 * MessagePack array, whose first byte never is).
 */
const packr = new Packr({ useRecords: true });
// Maps as plain objects, as any MessagePack writer sends them (msgpackr renames a key
// `__proto__`, so a map cannot reach an object's prototype).
const unpackr = new Unpackr({ useRecords: true, mapsAsObjects: true });

/** A JSON group's first byte. */
const OPEN_BRACKET = 0x5b;

export function packFixes(fixes: readonly Fix[]): Uint8Array {
  const wire = new Array<WireFix>(fixes.length);
  for (let i = 0; i < fixes.length; i++) wire[i] = wireOf(fixes[i] as Fix);
  return packr.pack(wire);
}

type WireFix = Omit<Fix, 'fixAt' | 'receivedAt'> & { fixAt: number; receivedAt: number };

/** A fix as it goes: every field of the contract, in its order, the times as milliseconds. */
function wireOf(fix: Fix): WireFix {
  return {
    assetKind: fix.assetKind,
    assetKey: fix.assetKey,
    fixAt: fix.fixAt.getTime(),
    receivedAt: fix.receivedAt.getTime(),
    lat: fix.lat,
    lon: fix.lon,
    speedKnots: fix.speedKnots,
    courseDeg: fix.courseDeg,
    headingDeg: fix.headingDeg,
    altitudeM: fix.altitudeM,
    status: fix.status,
    source: fix.source,
  };
}

/** What a message carries: its items, or null when it is not an array (in either encoding). */
function unpackGroup(bytes: Uint8Array): unknown[] | null {
  let value: unknown;
  try {
    value =
      bytes[0] === OPEN_BRACKET
        ? JSON.parse(new TextDecoder().decode(bytes))
        : unpackr.unpack(bytes);
  } catch {
    return null;
  }
  return Array.isArray(value) ? value : null;
}

/**
 * The last time read for a field of a group, as milliseconds and its Date: fixes of one group
 * often carry the same time (a report's fixes their `receivedAt`, a fleet's trucks the same
 * second), and share the Date then, as nothing changes a fix's Date once made.
 */
class LastTime {
  private ms = Number.NaN;
  private date: Date | null = null;

  /** A time as milliseconds, as a MessagePack timestamp (a Date), or as an ISO string (JSON, once). */
  of(value: unknown): Date | null {
    if (value instanceof Date) return value;
    if (typeof value === 'number') {
      if (value !== this.ms || !this.date) {
        this.ms = value;
        this.date = new Date(value);
      }
      return this.date;
    }
    if (typeof value === 'string') return new Date(value);
    return null;
  }
}

/**
 * An item of a group, as the fix it should be, checked against the fix contract
 * (FixSchema's rules, in place), or null. The fix is made of the contract's fields only, so
 * nothing else a sender added rides along.
 */
function fixOfWire(item: unknown, fixTimes: LastTime, receivedTimes: LastTime): Fix | null {
  if (typeof item !== 'object' || item === null) return null;
  const wire = item as Record<keyof Fix, unknown>;
  const fixAt = fixTimes.of(wire.fixAt);
  const receivedAt = receivedTimes.of(wire.receivedAt);
  if (!fixAt || !receivedAt) return null;
  const fix = {
    assetKind: wire.assetKind,
    assetKey: wire.assetKey,
    fixAt,
    receivedAt,
    lat: wire.lat,
    lon: wire.lon,
    speedKnots: wire.speedKnots,
    courseDeg: wire.courseDeg,
    headingDeg: wire.headingDeg,
    altitudeM: wire.altitudeM,
    status: wire.status,
    source: wire.source,
  } as Fix;
  return meetsFixSchema(fix) ? fix : null;
}

/**
 * The fixes of a message, or null when it is not an array of anything. Items that are not a
 * fix by the contract are left out and counted (`malformed`); the others are kept.
 */
export function readFixGroup(bytes: Uint8Array): { fixes: Fix[]; malformed: number } | null {
  const items = unpackGroup(bytes);
  if (!items) return null;
  const fixes: Fix[] = [];
  const fixTimes = new LastTime();
  const receivedTimes = new LastTime();
  for (const item of items) {
    const fix = fixOfWire(item, fixTimes, receivedTimes);
    if (fix) fixes.push(fix);
  }
  return { fixes, malformed: items.length - fixes.length };
}
