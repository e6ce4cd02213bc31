import { BcdMemo } from './bytes.ts';
import { Jt808DecodeError } from './errors.ts';
import { decodeJt808Frame, type Jt808Message } from './messages.ts';

export type Jt808Result =
  | { ok: true; message: Jt808Message }
  | { ok: false; error: Jt808DecodeError };

const EMPTY = new Uint8Array(0);

/** Largest escaped frame: a full 1023-byte body and 2019 header, every byte escaped. */
export const MAX_FRAME_BYTES = 2 * (1023 + 21 + 1) + 2;

/**
 * Cuts a TCP byte stream into frames (§4.4.1: each frame between 0x7e flags). Frames split
 * across reads, several in one read and bytes outside any frame are all handled; a bad frame
 * is reported and skipped, and the stream goes on. Memory is bounded by MAX_FRAME_BYTES.
 */
export class Jt808StreamDecoder {
  private pending: Uint8Array = EMPTY;
  /** The phone of the last frame: a connection's frames are one terminal's. */
  private readonly phones = new BcdMemo();

  push(chunk: Uint8Array): Jt808Result[] {
    const results: Jt808Result[] = [];
    this.each(
      chunk,
      (message) => results.push({ ok: true, message }),
      (error) => results.push({ ok: false, error }),
    );
    return results;
  }

  /**
   * As `push`, each message and error handed on as it is cut, in order, with no result objects
   * or array in between: the gateway's way, a frame for every report. Nothing of `chunk` is
   * kept once this returns, by the decoder or in a message, so a reader may fill it again.
   */
  each(
    chunk: Uint8Array,
    onMessage: (message: Jt808Message) => void,
    onError: (error: Jt808DecodeError) => void,
  ): void {
    const data = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    let at = 0;
    while (at < data.length) {
      const start = data.indexOf(0x7e, at);
      if (start < 0) {
        onError(garbage(data.length - at));
        at = data.length;
        break;
      }
      if (start > at) onError(garbage(start - at));
      const end = data.indexOf(0x7e, start + 1);
      if (end < 0) {
        at = start;
        break;
      }
      if (end === start + 1) {
        // Two flags in a row: the first closed a frame we never saw the start of; resynchronise on the second.
        at = end;
        continue;
      }
      const message = decode(data, start, end + 1, this.phones);
      if (message instanceof Jt808DecodeError) onError(message);
      else onMessage(message);
      at = end + 1;
    }
    // Most reads end on a frame boundary: nothing to keep, nothing to copy. What is kept is a
    // copy: the chunk may be a buffer its reader fills again with the next read (the simulator's
    // terminals share one), and a Buffer's `slice` is a view of it, not a copy.
    this.pending = at === data.length ? EMPTY : new Uint8Array(data.subarray(at));
    if (this.pending.length > MAX_FRAME_BYTES) {
      const dropped = this.pending.length;
      this.pending = EMPTY;
      onError(
        new Jt808DecodeError(
          'frame',
          `no closing 0x7e within ${MAX_FRAME_BYTES} bytes; ${dropped} bytes dropped`,
        ),
      );
    }
  }

  /** Bytes held while waiting for the end of a frame. */
  get buffered(): number {
    return this.pending.length;
  }
}

/** The frame from `from` to `to` (its flags included) decoded, or why it is not a message. */
function decode(
  data: Uint8Array,
  from: number,
  to: number,
  phones: BcdMemo,
): Jt808Message | Jt808DecodeError {
  try {
    return decodeJt808Frame(data, from, to, phones);
  } catch (error) {
    if (error instanceof Jt808DecodeError) return error;
    return new Jt808DecodeError('internal', error instanceof Error ? error.message : String(error));
  }
}

function garbage(count: number): Jt808DecodeError {
  return new Jt808DecodeError('frame', `${count} byte(s) outside any 0x7e-delimited frame skipped`);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
