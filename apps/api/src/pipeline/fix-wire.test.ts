import type { Fix } from '@harbor/shared';
import { Packr, Unpackr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { packFixes, readFixGroup } from './fix-wire.ts';

const FIX: Fix = {
  assetKind: 'VEHICLE',
  assetKey: '013800138000',
  fixAt: new Date('2026-12-06T02:00:00.123Z'),
  receivedAt: new Date('2026-12-06T02:00:01.456Z'),
  lat: 30.62,
  lon: 122.07,
  speedKnots: 32.4,
  courseDeg: 90,
  headingDeg: null,
  altitudeM: 10,
  status: 'ACC_ON',
  source: 'JT808',
};

const VESSEL: Fix = {
  ...FIX,
  assetKind: 'VESSEL',
  assetKey: '413000001',
  speedKnots: null,
  courseDeg: null,
  headingDeg: 271,
  altitudeM: null,
  status: 'UNDER_WAY_USING_ENGINE',
  source: 'AIS',
};

const bytes = (text: string) => new TextEncoder().encode(text);

describe('fixes between processes (the fix stream and the live relay)', () => {
  it('come back as they went, times to the millisecond, in far fewer bytes than JSON', () => {
    const group = Array.from({ length: 100 }, (_, i) => ({
      ...(i % 2 ? FIX : VESSEL),
      fixAt: new Date(FIX.fixAt.getTime() + i * 1001),
      receivedAt: new Date(FIX.receivedAt.getTime() + i * 1001),
    }));
    const packed = packFixes(group);
    expect(readFixGroup(packed)).toEqual({ fixes: group, malformed: 0 });
    // The field names once per group, not once per fix.
    expect(packed.length / group.length).toBeLessThan(100);
    expect(JSON.stringify(group).length / group.length).toBeGreaterThan(200);
  });

  it('carry times as milliseconds, and read groups whose times are MessagePack timestamps', () => {
    const plain = new Unpackr({ useRecords: true, mapsAsObjects: true });
    const [sent] = plain.unpack(packFixes([FIX])) as Record<string, unknown>[];
    expect(sent).toMatchObject({
      fixAt: FIX.fixAt.getTime(),
      receivedAt: FIX.receivedAt.getTime(),
    });
    // As earlier versions wrote them: msgpackr's records, the times as timestamps.
    const earlier = new Packr({ useRecords: true });
    expect(readFixGroup(earlier.pack([FIX, VESSEL]))).toEqual({
      fixes: [FIX, VESSEL],
      malformed: 0,
    });
  });

  it('give fixes of a group with the same time one Date, and each fix its own time', () => {
    const later = new Date(FIX.fixAt.getTime() + 1000);
    const group = [
      FIX,
      { ...FIX, assetKey: 'B' },
      { ...FIX, fixAt: later },
      { ...FIX, assetKey: 'D' },
    ];
    const read = readFixGroup(packFixes(group));
    expect(read).toEqual({ fixes: group, malformed: 0 });
    const [a, b, c, d] = read?.fixes ?? [];
    expect(b?.fixAt).toBe(a?.fixAt);
    expect(b?.receivedAt).toBe(a?.receivedAt);
    expect(c?.fixAt.getTime()).toBe(later.getTime());
    expect(d?.fixAt.getTime()).toBe(FIX.fixAt.getTime());
  });

  it('read a group from any MessagePack writer, objects as plain maps and times as timestamps', () => {
    const plain = new Packr({ useRecords: false, mapsAsObjects: true });
    expect(readFixGroup(plain.pack([FIX]))).toEqual({ fixes: [FIX], malformed: 0 });
  });

  it('read groups of earlier versions: JSON, times as milliseconds or ISO strings', () => {
    const millis = JSON.stringify([
      { ...FIX, fixAt: FIX.fixAt.getTime(), receivedAt: FIX.receivedAt.getTime() },
    ]);
    expect(readFixGroup(bytes(millis))).toEqual({ fixes: [FIX], malformed: 0 });
    expect(readFixGroup(bytes(JSON.stringify([FIX])))).toEqual({ fixes: [FIX], malformed: 0 });
  });

  it('refuse a message that is not an array, in either encoding', () => {
    for (const text of ['{', '{"a":1}', '"x"', '', '[1,'])
      expect(readFixGroup(bytes(text)), text).toBeNull();
    const packr = new Packr();
    for (const value of [{ a: 1 }, 'x', 7, null])
      expect(readFixGroup(packr.pack(value)), String(value)).toBeNull();
    // Truncated, and an array claiming more items than the message holds.
    expect(readFixGroup(packFixes([FIX, FIX]).subarray(0, 30))).toBeNull();
    expect(readFixGroup(Uint8Array.from([0xdd, 0xff, 0xff, 0xff, 0xff]))).toBeNull();
    expect(readFixGroup(Uint8Array.from([0xc1]))).toBeNull();
  });

  it('leave out and count the items that are not fixes, keeping the others of their group', () => {
    const packr = new Packr({ useRecords: false, mapsAsObjects: true });
    const items = [
      FIX,
      null,
      7,
      { ...FIX, lat: 91 },
      { ...FIX, assetKey: 'no spaces allowed' },
      { ...FIX, fixAt: 'not a time' },
      { ...FIX, fixAt: new Date(FIX.receivedAt.getTime() + 3_600_000) }, // from the future
      { ...FIX, source: 'MAGIC' },
      VESSEL,
    ];
    expect(readFixGroup(packr.pack(items))).toEqual({ fixes: [FIX, VESSEL], malformed: 7 });
    const json = JSON.stringify([FIX, { ...FIX, lon: 'east' }, [1]]);
    expect(readFixGroup(bytes(json))).toEqual({ fixes: [FIX], malformed: 2 });
  });

  it('take the contract fields only, and nothing from a key named __proto__', () => {
    const packr = new Packr({ useRecords: false, mapsAsObjects: true });
    const withExtra = { ...FIX, extra: 'not stored', __proto__: { isAdmin: true } };
    const group = readFixGroup(packr.pack([withExtra]));
    expect(group?.fixes).toEqual([FIX]);
    expect(Object.keys(group?.fixes[0] ?? {})).not.toContain('extra');
    expect(({} as { isAdmin?: boolean }).isAdmin).toBeUndefined();
    const json = `[${JSON.stringify(FIX).replace('{', '{"__proto__":{"isAdmin":true},')}]`;
    expect(readFixGroup(bytes(json))?.fixes).toEqual([FIX]);
    expect(({} as { isAdmin?: boolean }).isAdmin).toBeUndefined();
  });
});
