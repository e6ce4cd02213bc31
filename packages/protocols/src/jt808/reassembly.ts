import type { Jt808Header } from './frame.ts';

/**
 * Sub-packaged messages (JT/T 808-2013 and -2019 §4.4.3, body properties bit 13): a message
 * too long for one frame's 1,023-byte body goes as `total` packages numbered 1..total, each
 * with the next serial number, so the first package's serial names the message (the
 * "original serial" of a re-send request, 0x8003 §8.4 / 0x8800 §8.59). This puts the pieces
 * of one connection back together, bounded in messages and bytes, and says which pieces are
 * missing so that the platform can ask for them again.
 */

export type ReassemblyLimits = {
  /** Messages being put together at once on one connection. */
  maxMessages: number;
  /** Bytes held for them in all (a photo is tens to hundreds of KB). */
  maxBytes: number;
  /** Packages one message may have (bounds what a header can make the session expect). */
  maxPackages: number;
};

export const DEFAULT_REASSEMBLY_LIMITS: ReassemblyLimits = {
  maxMessages: 4,
  maxBytes: 8 * 1024 * 1024,
  maxPackages: 16_384,
};

/** A message being put together. */
export type PartialMessage = {
  /** The first package's header, without its package fields. */
  header: Jt808Header;
  total: number;
  /** Package numbers (1-based) not received yet, in order. */
  missing: number[];
  /** When its last package came (the caller's clock, ms). */
  lastPieceAt: number;
  /** Re-send requests made for it so far. */
  requests: number;
  /** The first package's body, when it came (a multimedia upload's id is in it, §8.58). */
  firstPackage: Uint8Array | null;
};

export type PieceOutcome =
  | { kind: 'complete'; header: Jt808Header; body: Uint8Array }
  | { kind: 'pending' }
  | { kind: 'duplicate' }
  | {
      kind: 'refused';
      reason: 'package-number' | 'too-many-packages' | 'too-many-messages' | 'too-many-bytes';
    };

type Pieces = Omit<PartialMessage, 'missing' | 'firstPackage'> & {
  pieces: (Uint8Array | undefined)[];
  received: number;
  bytes: number;
};

/** The serial number of the first of the packages, given one of them (serials wrap at 2^16). */
export const firstSerialOf = (header: Jt808Header): number =>
  (header.serial - ((header.subpackage?.index ?? 1) - 1) + 0x10000) & 0xffff;

export class Jt808Reassembler {
  private readonly messages = new Map<string, Pieces>();
  private heldBytes = 0;

  constructor(private readonly limits: ReassemblyLimits = DEFAULT_REASSEMBLY_LIMITS) {}

  /** Bytes held for messages not complete yet. */
  get bytes(): number {
    return this.heldBytes;
  }

  /** Takes one package (its header has `subpackage`), `now` in ms. */
  add(header: Jt808Header, body: Uint8Array, now: number): PieceOutcome {
    const subpackage = header.subpackage;
    if (!subpackage || subpackage.index < 1 || subpackage.index > subpackage.total)
      return { kind: 'refused', reason: 'package-number' };
    if (subpackage.total > this.limits.maxPackages)
      return { kind: 'refused', reason: 'too-many-packages' };
    const firstSerial = firstSerialOf(header);
    const key = `${header.messageId}:${firstSerial}:${subpackage.total}`;
    let message = this.messages.get(key);
    if (!message) {
      if (this.messages.size >= this.limits.maxMessages)
        return { kind: 'refused', reason: 'too-many-messages' };
      message = {
        header: { ...header, serial: firstSerial, subpackage: null },
        total: subpackage.total,
        lastPieceAt: now,
        requests: 0,
        pieces: new Array(subpackage.total),
        received: 0,
        bytes: 0,
      };
      this.messages.set(key, message);
    }
    const at = subpackage.index - 1;
    if (message.pieces[at]) return { kind: 'duplicate' };
    if (this.heldBytes + body.length > this.limits.maxBytes) {
      if (message.bytes === 0) this.messages.delete(key);
      return { kind: 'refused', reason: 'too-many-bytes' };
    }
    // Copied (a Buffer's slice would not be): the frame's bytes belong to the stream
    // decoder's buffer.
    message.pieces[at] = new Uint8Array(body);
    message.received++;
    message.bytes += body.length;
    this.heldBytes += body.length;
    message.lastPieceAt = now;
    if (message.received < message.total) return { kind: 'pending' };
    this.forget(key, message);
    const whole = new Uint8Array(message.bytes);
    let offset = 0;
    for (const piece of message.pieces as Uint8Array[]) {
      whole.set(piece, offset);
      offset += piece.length;
    }
    return { kind: 'complete', header: message.header, body: whole };
  }

  /**
   * Messages with no package for `quietMs` up to `now`: the ones to ask again for their
   * missing packages (each call counts a request and restarts the wait), and those asked
   * `maxRequests` times already, which are dropped.
   */
  stalled(
    now: number,
    quietMs: number,
    maxRequests: number,
  ): { ask: PartialMessage[]; dropped: PartialMessage[] } {
    const ask: PartialMessage[] = [];
    const dropped: PartialMessage[] = [];
    for (const [key, message] of this.messages) {
      if (now - message.lastPieceAt < quietMs) continue;
      const isDropped = message.requests >= maxRequests;
      if (isDropped) this.forget(key, message);
      else {
        message.requests++;
        message.lastPieceAt = now;
      }
      const { header, total, lastPieceAt, requests } = message;
      const partial = {
        header,
        total,
        lastPieceAt,
        requests,
        missing: missingOf(message),
        firstPackage: message.pieces[0] ?? null,
      };
      (isDropped ? dropped : ask).push(partial);
    }
    return { ask, dropped };
  }

  /** Forgets everything (the connection closed). */
  clear(): void {
    this.messages.clear();
    this.heldBytes = 0;
  }

  private forget(key: string, message: Pieces): void {
    this.messages.delete(key);
    this.heldBytes -= message.bytes;
  }
}

function missingOf(message: Pieces): number[] {
  const missing: number[] = [];
  for (let i = 0; i < message.total; i++) if (!message.pieces[i]) missing.push(i + 1);
  return missing;
}
