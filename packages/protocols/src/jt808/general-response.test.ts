import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from './bytes.ts';
import type { Jt808Header } from './frame.ts';
import {
  encodeGeneralResponse,
  GENERAL_RESPONSE_MAX_BYTES,
  writeGeneralResponse,
} from './general-response.ts';
import { decodeJt808Frame, encodeJt808Message } from './messages.ts';

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const word = fc.integer({ min: 0, max: 0xffff });

/** What the general encoder makes of the same answer. */
function general(request: Jt808Header, serial: number, result: number): Uint8Array {
  return encodeJt808Message({
    header: { ...request, messageId: 0x8001, serial, subpackage: null, encryption: 0 },
    body: {
      messageId: 0x8001,
      replySerial: request.serial,
      replyMessageId: request.messageId,
      result,
    },
  });
}

describe('the platform general response, written directly', () => {
  it('is byte for byte what the general encoder makes, in both editions', () => {
    const request = fc.constantFrom('V2013' as const, 'V2019' as const).chain((version) =>
      fc.record({
        messageId: word,
        version: fc.constant(version),
        protocolVersion: version === 'V2019' ? fc.integer({ min: 0, max: 255 }) : fc.constant(0),
        // Shorter phones too: both pad them with zeros.
        terminalPhone: fc
          .integer({ min: 1, max: version === 'V2019' ? 20 : 12 })
          .chain((n) => digits(n)),
        serial: word,
        encryption: fc.constant(0),
        subpackage: fc.constant(null),
      }),
    );
    fc.assert(
      fc.property(request, word, fc.integer({ min: 0, max: 4 }), (header, serial, result) => {
        expect(toHex(encodeGeneralResponse(header, serial, result))).toBe(
          toHex(general(header, serial, result)),
        );
      }),
      { numRuns: 2_000 },
    );
  });

  it('escapes flag bytes in the serials and the check code, and decodes to the answer', () => {
    const request: Jt808Header = {
      messageId: 0x0200,
      version: 'V2013',
      protocolVersion: 0,
      terminalPhone: '013800138000',
      serial: 0x7e7d,
      encryption: 0,
      subpackage: null,
    };
    const bytes = encodeGeneralResponse(request, 0x007e, 0);
    // 0x7e and 0x7d in the reply serial and the serial go as 0x7d 0x02 and 0x7d 0x01.
    expect(toHex(bytes)).toBe(
      `7e80010005013800138000${'007d02'}${'7d027d01'}020000${toHex(bytes.subarray(-2, -1))}7e`,
    );
    expect(toHex(bytes)).toBe(toHex(general(request, 0x007e, 0)));
    expect(decodeJt808Frame(bytes.subarray(1, -1))).toMatchObject({
      header: { messageId: 0x8001, serial: 0x7e, terminalPhone: '013800138000' },
      body: { replySerial: 0x7e7d, replyMessageId: 0x0200, result: 0 },
    });
  });

  it('writes answers one after another into one buffer, each as the general encoder makes it', () => {
    const request = (serial: number, version: 'V2013' | 'V2019'): Jt808Header => ({
      messageId: 0x0200,
      version,
      protocolVersion: version === 'V2019' ? 1 : 0,
      terminalPhone: version === 'V2019' ? '00000000013800138000' : '013800138000',
      serial,
      encryption: 0,
      subpackage: null,
    });
    const answers: [Jt808Header, number][] = [
      [request(0x7e7e, 'V2013'), 0x7d7d],
      [request(1, 'V2019'), 2],
      [request(0x7d00, 'V2013'), 0x007e],
    ];
    const out = new Uint8Array(answers.length * GENERAL_RESPONSE_MAX_BYTES).fill(0xaa);
    let end = 0;
    for (const [header, serial] of answers) end = writeGeneralResponse(out, end, header, serial, 0);
    expect(toHex(out.subarray(0, end))).toBe(
      answers.map(([header, serial]) => toHex(general(header, serial, 0))).join(''),
    );
    // Nothing past the end is touched.
    expect(out.subarray(end).every((byte) => byte === 0xaa)).toBe(true);
  });
});
