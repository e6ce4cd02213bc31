import { describe, expect, it } from 'vitest';
import type { Jt808Header } from './frame.ts';
import { firstSerialOf, Jt808Reassembler } from './reassembly.ts';

const header = (serial: number, index: number, total: number, messageId = 0x0801): Jt808Header => ({
  messageId,
  version: 'V2013',
  protocolVersion: 0,
  terminalPhone: '013812345678',
  serial,
  encryption: 0,
  subpackage: { total, index },
});

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('JT/T 808 sub-package reassembly', () => {
  it('puts packages back in number order whatever order they come in, serials wrapping at 2^16', () => {
    const reassembler = new Jt808Reassembler();
    // Three packages whose serials run 65535, 0, 1.
    expect(firstSerialOf(header(1, 3, 3))).toBe(65_535);
    expect(reassembler.add(header(1, 3, 3), bytes(7, 8), 0)).toEqual({ kind: 'pending' });
    expect(reassembler.add(header(65_535, 1, 3), bytes(1, 2, 3), 1)).toEqual({ kind: 'pending' });
    expect(reassembler.bytes).toBe(5);
    const done = reassembler.add(header(0, 2, 3), bytes(4, 5, 6), 2);
    expect(done).toEqual({
      kind: 'complete',
      header: { ...header(65_535, 1, 3), subpackage: null },
      body: bytes(1, 2, 3, 4, 5, 6, 7, 8),
    });
    expect(reassembler.bytes).toBe(0);
  });

  it('keeps the bytes of each package, not a view of a buffer the stream decoder reuses', () => {
    const reassembler = new Jt808Reassembler();
    const buffer = bytes(1, 2, 3, 4);
    reassembler.add(header(10, 1, 2), buffer.subarray(0, 2), 0);
    buffer.fill(0);
    const done = reassembler.add(header(11, 2, 2), bytes(9), 0);
    expect(done.kind === 'complete' && [...done.body]).toEqual([1, 2, 9]);
  });

  it('tells a package received twice, and refuses numbers outside 1..total', () => {
    const reassembler = new Jt808Reassembler();
    expect(reassembler.add(header(10, 1, 2), bytes(1), 0).kind).toBe('pending');
    expect(reassembler.add(header(10, 1, 2), bytes(1), 0)).toEqual({ kind: 'duplicate' });
    expect(reassembler.add(header(20, 0, 2), bytes(1), 0)).toEqual({
      kind: 'refused',
      reason: 'package-number',
    });
    expect(reassembler.add(header(20, 3, 2), bytes(1), 0)).toEqual({
      kind: 'refused',
      reason: 'package-number',
    });
  });

  it('holds no more messages, bytes or packages than its limits', () => {
    const reassembler = new Jt808Reassembler({ maxMessages: 2, maxBytes: 10, maxPackages: 100 });
    expect(reassembler.add(header(1, 1, 101), bytes(1), 0)).toEqual({
      kind: 'refused',
      reason: 'too-many-packages',
    });
    reassembler.add(header(100, 1, 2), bytes(1, 2, 3, 4), 0);
    reassembler.add(header(200, 1, 2), bytes(1, 2, 3, 4), 0);
    expect(reassembler.add(header(300, 1, 2), bytes(1), 0)).toEqual({
      kind: 'refused',
      reason: 'too-many-messages',
    });
    expect(reassembler.add(header(101, 2, 2), bytes(1, 2, 3), 0)).toEqual({
      kind: 'refused',
      reason: 'too-many-bytes',
    });
    // What fits still completes.
    expect(reassembler.add(header(101, 2, 2), bytes(1, 2), 0).kind).toBe('complete');
    expect(reassembler.bytes).toBe(4);
  });

  it('names the packages still missing once a message goes quiet, asks a few times, then drops it', () => {
    const reassembler = new Jt808Reassembler();
    reassembler.add(header(500, 1, 5), bytes(1), 1_000);
    reassembler.add(header(503, 4, 5), bytes(4), 2_000);
    reassembler.add(header(900, 1, 2, 0x0704), bytes(1), 6_000);
    expect(reassembler.stalled(6_999, 5_000, 2)).toEqual({ ask: [], dropped: [] });

    const first = reassembler.stalled(7_000, 5_000, 2);
    expect(first.dropped).toEqual([]);
    expect(first.ask).toEqual([
      {
        header: { ...header(500, 1, 5), subpackage: null },
        total: 5,
        missing: [2, 3, 5],
        lastPieceAt: 7_000,
        requests: 1,
        firstPackage: bytes(1),
      },
    ]);
    // The terminal sends one of them again; the wait starts over from each request or package.
    reassembler.add(header(501, 2, 5), bytes(2), 8_000);
    expect(
      reassembler.stalled(12_000, 5_000, 2).ask.map((m) => [m.header.messageId, m.missing]),
    ).toEqual([[0x0704, [2]]]);
    const second = reassembler.stalled(13_000, 5_000, 2);
    expect(second.ask.map((m) => [m.header.messageId, m.missing, m.requests])).toEqual([
      [0x0801, [3, 5], 2],
    ]);
    const third = reassembler.stalled(18_000, 5_000, 2);
    expect(third.dropped.map((m) => [m.header.messageId, m.missing])).toEqual([[0x0801, [3, 5]]]);
    expect(third.ask.map((m) => [m.header.messageId, m.missing])).toEqual([[0x0704, [2]]]);
    expect(reassembler.bytes).toBe(1);
  });
});
