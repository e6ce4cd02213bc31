import type { Jt809EncryptKeys } from './crypto.ts';
import { Jt809DecodeError } from './errors.ts';
import { HEAD_FLAG, type Jt809Edition, TAIL_FLAG } from './frame.ts';
import { decodeJt809Frame, type Jt809Message } from './messages.ts';

export type Jt809Result =
  | { ok: true; message: Jt809Message }
  | { ok: false; error: Jt809DecodeError };

export type Jt809StreamOptions = {
  edition?: Jt809Edition;
  keys?: Jt809EncryptKeys;
  /** Largest escaped frame held while waiting for its tail flag; MAX_FRAME_BYTES unless said. */
  maxFrameBytes?: number;
};

const EMPTY = new Uint8Array(0);

/**
 * Default bound on one escaped frame. JT/T 809 has no body-size limit of its own (MSG_LENGTH is a
 * DWORD) and photo or multimedia messages run to tens of kilobytes, so this is a policy, not a
 * number from the standard.
 */
export const MAX_FRAME_BYTES = 256 * 1024;

/**
 * Cuts a TCP byte stream into frames, each from a 0x5b head flag to the next 0x5d tail flag
 * (escaping keeps both out of a frame's inside). Frames split across reads, several in one read
 * and bytes outside any frame are all handled; a bad frame is reported and skipped, and the
 * stream goes on. Memory is bounded by maxFrameBytes.
 */
export class Jt809StreamDecoder {
  private pending: Uint8Array = EMPTY;
  private readonly edition: Jt809Edition;
  private readonly keys: Jt809EncryptKeys | undefined;
  private readonly maxFrameBytes: number;

  constructor(options: Jt809StreamOptions = {}) {
    this.edition = options.edition ?? '2011';
    this.keys = options.keys;
    this.maxFrameBytes = options.maxFrameBytes ?? MAX_FRAME_BYTES;
  }

  push(chunk: Uint8Array): Jt809Result[] {
    const data = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    const results: Jt809Result[] = [];
    let at = 0;
    while (at < data.length) {
      const start = data.indexOf(HEAD_FLAG, at);
      if (start < 0) {
        results.push(garbage(data.length - at));
        at = data.length;
        break;
      }
      if (start > at) results.push(garbage(start - at));
      const end = data.indexOf(TAIL_FLAG, start + 1);
      const nextHead = data.indexOf(HEAD_FLAG, start + 1);
      if (nextHead >= 0 && (end < 0 || nextHead < end)) {
        // A head flag inside a frame: the frame was cut short; resynchronise on the new head.
        results.push({
          ok: false,
          error: new Jt809DecodeError(
            'frame',
            `frame cut short by a new 0x5b after ${nextHead - start} byte(s)`,
          ),
        });
        at = nextHead;
        continue;
      }
      if (end < 0) {
        at = start;
        break;
      }
      results.push(this.decode(data.subarray(start, end + 1)));
      at = end + 1;
    }
    // Most reads end on a frame boundary: nothing to keep, nothing to copy. What is kept is a
    // copy: a reader may fill the chunk's buffer again, and a Buffer's `slice` is a view of it.
    this.pending = at === data.length ? EMPTY : new Uint8Array(data.subarray(at));
    if (this.pending.length > this.maxFrameBytes) {
      results.push({
        ok: false,
        error: new Jt809DecodeError(
          'frame',
          `no closing 0x5d within ${this.maxFrameBytes} bytes; ${this.pending.length} bytes dropped`,
        ),
      });
      this.pending = EMPTY;
    }
    return results;
  }

  /** Bytes held while waiting for the end of a frame. */
  get buffered(): number {
    return this.pending.length;
  }

  private decode(frame: Uint8Array): Jt809Result {
    try {
      return {
        ok: true,
        message: decodeJt809Frame(frame, { edition: this.edition, keys: this.keys }),
      };
    } catch (error) {
      if (error instanceof Jt809DecodeError) return { ok: false, error };
      return {
        ok: false,
        error: new Jt809DecodeError(
          'internal',
          error instanceof Error ? error.message : String(error),
        ),
      };
    }
  }
}

function garbage(count: number): Jt809Result {
  return {
    ok: false,
    error: new Jt809DecodeError('frame', `${count} byte(s) outside any 0x5b…0x5d frame skipped`),
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
