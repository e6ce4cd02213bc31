import type { Writable } from 'node:stream';

/**
 * Splits text that arrives in chunks into lines ending at \n, \r\n or a lone \r, as
 * node:readline does, without readline's event and promise per line.
 */
export class LineSplitter {
  private rest = '';

  /** Calls `onLine` for every line `chunk` completes; keeps the unfinished tail. */
  push(chunk: string, onLine: (line: string) => void): void {
    const text = this.rest.length > 0 ? this.rest + chunk : chunk;
    let start = 0;
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    for (;;) {
      if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        // A \r last in the chunk may be the first half of a \r\n: wait for the next chunk.
        if (cr === text.length - 1) break;
        end = cr;
        next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
      } else if (lf !== -1) {
        end = lf;
        next = lf + 1;
      } else break;
      onLine(text.slice(start, end));
      start = next;
    }
    this.rest = start === 0 ? text : text.slice(start);
  }

  /** The last line, when the input does not end with a line break. */
  end(onLine: (line: string) => void): void {
    const rest = this.rest.endsWith('\r') ? this.rest.slice(0, -1) : this.rest;
    if (this.rest.length > 0) onLine(rest);
    this.rest = '';
  }
}

/** The output stream failed (EPIPE when its reader, `head` say, stopped reading): nothing more can be written. */
export class OutputError extends Error {
  override name = 'OutputError';
  constructor(override readonly cause: Error) {
    super(cause.message);
  }
}

/** A buffer of output and how many of the writes handed its bytes are not done yet. */
type Block = { bytes: Buffer; writing: number; isFull: boolean };

export type BatchedWriterOptions = {
  /** Bytes per buffer (default 1 MiB). */
  size?: number;
  /**
   * The stream is done with a chunk once its write's callback runs: a file, pipe or
   * terminal, which copy it out, and not a stream that passes chunks on. A buffer whose
   * writes are all done is then filled again instead of a new one being taken.
   */
  canReuse?: boolean;
};

/**
 * Collects output text in a byte buffer and hands it to the stream in one write per input
 * chunk: written a line at a time, or joined into one string first, the output of a capture
 * cost more than decoding it. Each write is a new slice of the buffer, never one the stream
 * may still hold; the next buffer comes when one is full. `drain` hands over what is
 * buffered, so a live feed's output is not held back, and honours the stream's back-pressure.
 */
export class BatchedWriter {
  private block: Block;
  private readonly spare: Block[] = [];
  /** Bytes handed to the stream, and bytes filled. */
  private start = 0;
  private end = 0;
  private readonly size: number;
  private readonly canReuse: boolean;
  private failure: OutputError | null = null;
  private lastWrite: Promise<void> | null = null;

  constructor(
    private readonly stream: Writable,
    options: BatchedWriterOptions = {},
  ) {
    this.size = options.size ?? 1024 * 1024;
    this.canReuse = options.canReuse ?? false;
    this.block = this.newBlock();
    // Kept for drain to throw (a failed stream emits 'drain' no more), never left unhandled.
    stream.on('error', (error) => this.fail(error));
  }

  write(text: string): void {
    if (this.makeRoom(text.length)) this.end += this.block.bytes.write(text, this.end);
    else this.send(text);
  }

  /**
   * Writes `head + members + tail` and a line break, where `members` is what stands between
   * the braces of the JSON object text `object`, without building that string: the object
   * is written over the head's last byte (put back after) and the tail over its closing brace.
   */
  writeJsonLine(head: string, object: string, tail: string): void {
    if (!this.makeRoom(head.length + object.length + tail.length + 1)) {
      this.send(`${head}${object.slice(1, -1)}${tail}\n`);
      return;
    }
    const bytes = this.block.bytes;
    let at = this.end + bytes.write(head, this.end);
    const headLast = bytes[at - 1] as number;
    const objectAt = at - 1;
    at = objectAt + bytes.write(object, objectAt);
    bytes[objectAt] = headLast;
    at = at - 1 + bytes.write(tail, at - 1);
    bytes[at] = 10;
    this.end = at + 1;
  }

  /**
   * Hands over what is buffered; resolves once the stream has taken it and wants more,
   * throws OutputError once the stream has failed.
   */
  async drain(): Promise<void> {
    if (this.failure) throw this.failure;
    this.handOff();
    // Writes finish in order: once the last is done, so are the others.
    const last = this.lastWrite;
    this.lastWrite = null;
    if (last) await last;
    if (!this.failure && this.stream.writableNeedDrain) await this.drained();
    if (this.failure) throw this.failure;
  }

  /** Resolves on 'drain', or on 'close': a stream that fails closes without draining. */
  private drained(): Promise<void> {
    const stream = this.stream;
    return new Promise((resolve) => {
      const done = () => {
        stream.off('drain', done);
        stream.off('close', done);
        resolve();
      };
      stream.on('drain', done);
      stream.on('close', done);
    });
  }

  /** Whether `units` UTF-16 code units fit, after moving on to the next buffer if this one is too full. */
  private makeRoom(units: number): boolean {
    // A code unit takes at most 3 bytes in UTF-8, and Buffer#write cuts what does not fit.
    const most = units * 3;
    if (this.end + most > this.size) {
      this.handOff();
      const full = this.block;
      full.isFull = true;
      if (full.writing === 0) this.release(full);
      this.block = this.spare.pop() ?? this.newBlock();
      this.start = 0;
      this.end = 0;
    }
    return most <= this.size;
  }

  /** Writes what is buffered and not yet handed over. */
  private handOff(): void {
    if (this.end === this.start) return;
    const block = this.block;
    const bytes = block.bytes.subarray(this.start, this.end);
    this.start = this.end;
    block.writing++;
    this.send(bytes, () => {
      block.writing--;
      if (block.isFull && block.writing === 0) this.release(block);
    });
  }

  /** Writes `chunk`, keeping any error for drain to throw and the write for it to wait on. */
  private send(chunk: Buffer | string, done?: () => void): void {
    this.lastWrite = new Promise((resolve) => {
      this.stream.write(chunk, (error) => {
        this.fail(error);
        done?.();
        resolve();
      });
    });
  }

  private fail(error: Error | null | undefined): void {
    if (error) this.failure ??= new OutputError(error);
  }

  private release(block: Block): void {
    if (!this.canReuse || this.spare.length > 0) return;
    block.isFull = false;
    this.spare.push(block);
  }

  private newBlock(): Block {
    return { bytes: Buffer.allocUnsafe(this.size), writing: 0, isFull: false };
  }
}
