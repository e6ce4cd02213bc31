import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aisMessage } from '../../test/ais-arbitraries.ts';
import { AisDecoder, decodeAisSentence } from './decoder.ts';
import { encodeAisMessage } from './encoder.ts';
import type { AisMessage } from './messages.ts';
import { encodeAisSentences } from './sentence.ts';
import { BitWriter } from './sixbit.ts';

function decodeSentences(sentences: string[]): AisMessage {
  const decoder = new AisDecoder();
  let message: AisMessage | null = null;
  for (const sentence of sentences) {
    const result = decoder.push(sentence, 0);
    if (result && !result.ok) throw result.error;
    if (result?.ok) message = result.message;
  }
  if (!message) throw new Error('no message decoded');
  return message;
}

function withoutDerived(message: AisMessage): Record<string, unknown> {
  const { rateOfTurnDegPerMin: _derived, ...rest } = message as AisMessage & {
    rateOfTurnDegPerMin?: unknown;
  };
  return rest;
}

describe('AIS encode/decode round trips (fast-check)', () => {
  it('decode(encode(m)) is m for generated messages of every type', () => {
    fc.assert(
      fc.property(aisMessage, (message) => {
        const decoded = decodeSentences(
          encodeAisMessage(message as AisMessage, { sequentialId: 3 }),
        );
        expect(withoutDerived(decoded)).toEqual(message);
      }),
      { numRuns: 2000 },
    );
  });

  it('encode(decode(x)) is x for generated sentences of every type', () => {
    fc.assert(
      fc.property(aisMessage, fc.constantFrom('A', 'B'), (message, channel) => {
        const sentences = encodeAisMessage(message as AisMessage, { channel, sequentialId: 7 });
        expect(encodeAisMessage(decodeSentences(sentences), { channel, sequentialId: 7 })).toEqual(
          sentences,
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips types it does not decode through their raw bits', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(6, 7, 8, 10, 12, 14, 15, 16, 17, 20, 22, 23, 25, 26),
        fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 32, maxLength: 600 }),
        (type, bits) => {
          const writer = new BitWriter().uint(type, 6);
          for (const bit of bits) writer.uint(bit, 1);
          const { payload, fillBits } = writer.armor();
          const sentences = encodeAisSentences(payload, fillBits, { sequentialId: 2 });
          const decoded = decodeSentences(sentences);
          expect(decoded).toMatchObject({ type, undecoded: true, bitLength: writer.length });
          expect(encodeAisMessage(decoded, { sequentialId: 2 })).toEqual(sentences);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('splits a type 5 into two sentences of at most 82 characters, like real transponders', () => {
    fc.assert(
      fc.property(
        aisMessage.filter((m) => m.type === 5),
        (message) => {
          const sentences = encodeAisMessage(message as AisMessage, { sequentialId: 1 });
          expect(sentences).toHaveLength(2);
          for (const sentence of sentences) expect(sentence.length).toBeLessThanOrEqual(82);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('rate of turn (ITU-R M.1371-5 table 45)', () => {
  it.each([
    [0, 0],
    [64, 182.8],
    [-20, -17.9],
    [126, 708.7],
    [127, null],
    [-127, null],
    [-128, null],
  ])('turn %i is %s degrees per minute', (turn, expected) => {
    const [sentence] = encodeAisMessage({
      type: 1,
      repeat: 0,
      mmsi: 413000001,
      status: 0,
      turn,
      rateOfTurnDegPerMin: null,
      speedKnots: 10,
      accuracy: true,
      lon: 122,
      lat: 30.6,
      courseDeg: 90,
      headingDeg: 90,
      second: 10,
      maneuver: 0,
      raim: false,
      radio: 0,
    });
    const result = decodeAisSentence(sentence ?? '');
    if (!result.ok) throw result.error;
    expect(
      'rateOfTurnDegPerMin' in result.message ? result.message.rateOfTurnDegPerMin : 'missing',
    ).toBe(expected);
  });
});
