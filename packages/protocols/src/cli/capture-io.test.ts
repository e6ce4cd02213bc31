import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aisMessage } from '../../test/ais-arbitraries.ts';
import type { AisDecoded } from '../ais/decoder.ts';
import type { AisMessage } from '../ais/messages.ts';
import { BatchedWriter, LineSplitter, OutputError } from './capture-io.ts';
import { aisJson } from './line-decoder.ts';

/** The lines node:readline gives for a whole text: breaks at \r\n, \r or \n, no empty last line. */
function readlineLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function splitInChunks(text: string, cuts: number[]): string[] {
  const splitter = new LineSplitter();
  const lines: string[] = [];
  const onLine = (line: string) => lines.push(line);
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    splitter.push(text.slice(from, Math.max(from, cut)), onLine);
    from = Math.max(from, cut);
  }
  splitter.push(text.slice(from), onLine);
  splitter.end(onLine);
  return lines;
}

describe('LineSplitter', () => {
  it('gives the lines readline gives, wherever the chunks are cut', () => {
    const text = fc
      .array(fc.constantFrom('a', 'b', ',', '\n', '\r', '\r\n', '\u4e2d'), { maxLength: 60 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(60), { maxLength: 8 }), (whole, cuts) => {
        expect(splitInChunks(whole, cuts)).toEqual(readlineLines(whole));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps a \\r\\n cut between two chunks as one line break', () => {
    expect(splitInChunks('one\r\ntwo\r\n', [4])).toEqual(['one', 'two']);
  });
});

/** A writable that keeps what it is given and, when `isSlow`, asks the writer to wait. */
function sink(isSlow = false) {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    highWaterMark: 16,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      if (isSlow) setImmediate(done);
      else done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8'), chunks };
}

describe('BatchedWriter', () => {
  it('writes every text whole and in order, multi-byte characters and texts past its size too', async () => {
    const { stream, text, chunks } = sink();
    const writer = new BatchedWriter(stream, { size: 64 });
    const texts = ['{"name":"永恒"}\n', 'x'.repeat(10), `${'y'.repeat(100)}\n`, 'é😀\n'];
    for (const t of texts) writer.write(t);
    await writer.drain();
    expect(text()).toBe(texts.join(''));
    expect(chunks.length).toBeLessThan(texts.length + 1);
  });

  it('waits for a slow stream to drain, and loses nothing', async () => {
    const { stream, text } = sink(true);
    const writer = new BatchedWriter(stream, { size: 1024 });
    const expected: string[] = [];
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 50; i++) {
        const line = `line ${round}.${i}\n`;
        expected.push(line);
        writer.write(line);
      }
      await writer.drain();
    }
    await new Promise<void>((resolve) => stream.end(resolve));
    expect(text()).toBe(expected.join(''));
  });
});

describe('BatchedWriter on a failed stream', () => {
  it('throws OutputError from drain once the stream has failed, and again after', async () => {
    // As standard output does when its reader goes away: the write fails with EPIPE.
    const failing = () =>
      new Writable({
        highWaterMark: 16,
        write(_chunk, _encoding, done) {
          done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
        },
      });
    for (const size of [1024, 64]) {
      // The text fits the buffer, then (size 64) goes to the stream on its own.
      const writer = new BatchedWriter(failing(), { size });
      writer.write('x'.repeat(40));
      await expect(writer.drain()).rejects.toBeInstanceOf(OutputError);
      writer.write('more');
      await expect(writer.drain()).rejects.toThrow('write EPIPE');
    }
  });
});

describe('harbor-decode JSON of an AIS message', () => {
  it('is the JSON of the message spread between class and its source, as it always was', () => {
    fc.assert(
      fc.property(
        aisMessage,
        fc.constantFrom('A', 'B', ''),
        fc.option(fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true })),
        fc.option(fc.string()),
        (message, channel, receivedAt, source) => {
          const decoded: AisDecoded = {
            ok: true,
            message: message as AisMessage,
            talker: 'AI',
            formatter: 'VDM',
            channel,
            receivedAt,
            source,
          };
          expect(aisJson(decoded)).toBe(
            JSON.stringify({
              class: 'AIS',
              ...decoded.message,
              channel,
              talker: 'AI',
              receivedAt,
              source,
            }),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});
