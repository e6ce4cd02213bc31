import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import published from '../../test/fixtures/ais-published.json' with { type: 'json' };
import { AisDecoder, decodeAisSentence } from './decoder.ts';
import { AisDecodeError } from './errors.ts';
import { encodeAisSentences } from './sentence.ts';

const VALID = published.messages.flatMap((message) => message.sentences);

/** Every outcome is a decoded message or a typed AisDecodeError: nothing is thrown. */
function expectTyped(result: ReturnType<AisDecoder['push']>) {
  if (result && !result.ok) expect(result.error).toBeInstanceOf(AisDecodeError);
}

describe('AIS decoding never throws and never hangs on bad input', () => {
  it('random text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (line) => {
        expectTyped(decodeAisSentence(line));
      }),
      { numRuns: 5000 },
    );
  });

  it('random text shaped like a sentence', () => {
    const body = fc.tuple(
      fc.constantFrom('AIVDM', 'AIVDO', 'BSVDM', 'AIVDX'),
      fc.string({ maxLength: 3 }),
      fc.string({ maxLength: 3 }),
      fc.string({ maxLength: 2 }),
      fc.string({ maxLength: 2 }),
      fc.string({
        unit: fc.constantFrom(
          ...'0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVW`abcdefghijklmnopqrstuvw~'.split(''),
        ),
        maxLength: 120,
      }),
      fc.string({ maxLength: 2 }),
    );
    fc.assert(
      fc.property(body, (fields) => {
        const text = fields.join(',');
        let sum = 0;
        for (let i = 0; i < text.length; i++) sum ^= text.charCodeAt(i);
        expectTyped(
          decodeAisSentence(`!${text}*${sum.toString(16).toUpperCase().padStart(2, '0')}`),
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('truncated and character-flipped published sentences, through a stateful decoder', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom(...VALID),
            fc.nat(),
            fc.integer({ min: 0, max: 127 }),
            fc.boolean(),
          ),
          { maxLength: 30 },
        ),
        (mutations) => {
          const decoder = new AisDecoder({ maxPending: 4 });
          for (const [line, at, code, truncate] of mutations) {
            const index = at % line.length;
            const mutated = truncate
              ? line.slice(0, index)
              : line.slice(0, index) + String.fromCharCode(code) + line.slice(index + 1);
            expectTyped(decoder.push(mutated, 0));
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses an oversized line, and a flood of unfinished messages stays bounded', () => {
    const result = decodeAisSentence(`!AIVDM,1,1,,A,${'1'.repeat(1_000_000)},0*00`);
    expect(result.ok === false && result.error.field).toBe('sentence');
    const decoder = new AisDecoder({ maxPending: 16 });
    for (let id = 0; id < 10_000; id++) {
      const sentences = encodeAisSentences(
        '55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp888888888880',
        2,
        {
          sequentialId: id % 10,
          tagBlock: { source: `station${id}` },
        },
      );
      expect(decoder.push(sentences[0] ?? '', id)).toBeNull();
    }
    // Each station's first fragment waits; only the 16 newest are kept.
    expect(decoder.stats).toEqual({ decoded: 0, failed: 0, fragmentsDropped: 10_000 - 16 });
  });

  it('keeps decoding the good sentences around the bad ones', () => {
    const decoder = new AisDecoder();
    const lines = [
      'garbage',
      VALID[0] ?? '',
      '!AIVDM,1,1,,A,,0*26',
      VALID[1] ?? '',
      '\u0000\u00ff',
    ];
    const results = lines.map((line) => decoder.push(line, 0));
    expect(results.map((r) => r?.ok)).toEqual([false, true, false, true, false]);
    expect(decoder.stats).toEqual({ decoded: 2, failed: 3, fragmentsDropped: 0 });
  });
});
