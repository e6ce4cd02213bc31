import { describe, expect, it } from 'vitest';
import {
  installWholeChunkTextEncoderStream,
  RuntimeTextEncoderStream,
  WholeChunkTextEncoderStream,
} from './text-encoder-stream.ts';

async function encodeWith(
  stream: { readable: ReadableStream<Uint8Array>; writable: WritableStream<string> },
  chunks: readonly string[],
): Promise<number[]> {
  const bytes: number[] = [];
  const reading = (async () => {
    for await (const part of stream.readable) bytes.push(...part);
  })();
  const writer = stream.writable.getWriter();
  for (const chunk of chunks) await writer.write(chunk);
  await writer.close();
  await reading;
  return bytes;
}

describe('the whole-chunk TextEncoderStream', () => {
  it('gives the bytes the runtime’s gives, for every text of a few code units cut anywhere', async () => {
    // Plain ASCII, a CJK character, and surrogates high and low, paired or alone.
    const units = ['a', '港', '\ud83d', '\ude00', '\udbff', '\udc00'];
    let texts = [''];
    for (let length = 1; length <= 3; length++)
      texts = [
        ...texts,
        ...texts.filter((t) => t.length === length - 1).flatMap((t) => units.map((u) => t + u)),
      ];
    let cases = 0;
    for (const text of texts)
      for (let i = 0; i <= text.length; i++)
        for (let j = i; j <= text.length; j++) {
          const chunks = [text.slice(0, i), text.slice(i, j), text.slice(j)];
          expect(await encodeWith(new WholeChunkTextEncoderStream(), chunks)).toEqual(
            await encodeWith(new RuntimeTextEncoderStream(), chunks),
          );
          cases++;
        }
    expect(cases).toBe(2_395);
  });

  it('keeps a pair cut between two chunks whole, and ends a dangling half as U+FFFD', async () => {
    expect(await encodeWith(new WholeChunkTextEncoderStream(), ['x\ud83d', '\ude00y'])).toEqual([
      0x78, 0xf0, 0x9f, 0x98, 0x80, 0x79,
    ]);
    expect(await encodeWith(new WholeChunkTextEncoderStream(), ['x\ud83d'])).toEqual([
      0x78, 0xef, 0xbf, 0xbd,
    ]);
  });

  it('is the one tRPC’s responses use once installed (createApp installs it)', () => {
    installWholeChunkTextEncoderStream();
    expect(new TextEncoderStream()).toBeInstanceOf(WholeChunkTextEncoderStream);
    expect(RuntimeTextEncoderStream).not.toBe(WholeChunkTextEncoderStream);
  });
});
