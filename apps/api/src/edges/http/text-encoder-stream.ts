/**
 * A TextEncoderStream that encodes each chunk whole. tRPC writes every subscription event
 * (the live map's positions, SSE) and every streamed batch (JSON lines) through the global
 * `TextEncoderStream`; Node 20's builds each chunk's output one character at a time
 * (`finalChunk += item`), a new string per character: about 7 KB of garbage for every
 * position a live map received, a third of all Harbor allocated while one map followed
 * 15,000 fixes a second (docs/benchmarks.md, issue 20).
 *
 * Same output, by the Encoding Standard's "encode and enqueue a chunk": a high surrogate
 * ending a chunk waits for the next one; a lone surrogate becomes U+FFFD (TextEncoder does
 * that within a chunk); one left at the end is flushed as U+FFFD. text-encoder-stream.test.ts
 * checks it against the runtime's own over split surrogate pairs.
 */
export class WholeChunkTextEncoderStream {
  readonly encoding = 'utf-8';
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<string>;

  constructor() {
    const encoder = new TextEncoder();
    let pendingHigh = '';
    const { readable, writable } = new TransformStream<string, Uint8Array>({
      transform(chunk, controller) {
        let text = pendingHigh + String(chunk);
        pendingHigh = '';
        const last = text.charCodeAt(text.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) {
          pendingHigh = text.slice(-1);
          text = text.slice(0, -1);
        }
        if (text.length > 0) controller.enqueue(encoder.encode(text));
      },
      flush(controller) {
        if (pendingHigh) controller.enqueue(Uint8Array.of(0xef, 0xbf, 0xbd));
      },
    });
    this.readable = readable;
    this.writable = writable;
  }
}

/** The runtime's own, as it was before `install` replaced it (for the tests' comparison). */
export const RuntimeTextEncoderStream = globalThis.TextEncoderStream;

/** Makes the global TextEncoderStream (the one tRPC's responses use) encode whole chunks. */
export function installWholeChunkTextEncoderStream(): void {
  if (globalThis.TextEncoderStream === (WholeChunkTextEncoderStream as unknown)) return;
  globalThis.TextEncoderStream = WholeChunkTextEncoderStream as unknown as typeof TextEncoderStream;
}
