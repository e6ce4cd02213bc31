import { checkCode, escapeInto, type Jt808Header } from './frame.ts';

const GENERAL_RESPONSE = 0x8001;
/** Reply serial, reply message id, result (§8.2). */
const BODY_LENGTH = 5;
/** The unescaped frame: a 2019 header (17 bytes), the body and the check code. */
const CONTENT_MAX = 17 + BODY_LENGTH + 1;
/** The most a general response takes on the wire: every byte escaped, and the two flags. */
export const GENERAL_RESPONSE_MAX_BYTES = 2 * CONTENT_MAX + 2;

/** The unescaped frame being written. */
const scratch = new Uint8Array(CONTENT_MAX);

export type GeneralResponseRequest = Pick<
  Jt808Header,
  'version' | 'protocolVersion' | 'terminalPhone' | 'serial' | 'messageId'
>;

/**
 * The platform general response (0x8001, §8.2) to the message with `request`'s header, as
 * wire bytes written into `out` from `at` (room for GENERAL_RESPONSE_MAX_BYTES is the
 * caller's); returns where they end. The same bytes as `encodeJt808Message` makes of it
 * (general-response.test.ts checks both agree), without its objects and intermediate arrays:
 * a gateway answers every report, tens of thousands a second, and writes the answers due to
 * a connection in one turn into one buffer (docs/benchmarks.md, issue 20).
 */
export function writeGeneralResponse(
  out: Uint8Array,
  at: number,
  request: GeneralResponseRequest,
  serial: number,
  result: number,
): number {
  const is2019 = request.version === 'V2019';
  let length = putWord(scratch, 0, GENERAL_RESPONSE);
  // Body properties: the body's length, no encryption, no sub-packages; bit 14 for 2019.
  length = putWord(scratch, length, BODY_LENGTH | (is2019 ? 0x4000 : 0));
  if (is2019) scratch[length++] = request.protocolVersion & 0xff;
  // The phone as BCD, left-padded with zeros to 6 bytes (2013) or 10 (2019).
  const phone = request.terminalPhone;
  const digits = is2019 ? 20 : 12;
  const padding = digits - phone.length;
  for (let i = 0; i < digits; i += 2) {
    const high = i < padding ? 0 : phone.charCodeAt(i - padding) - 48;
    const low = i + 1 < padding ? 0 : phone.charCodeAt(i + 1 - padding) - 48;
    scratch[length++] = (high << 4) | low;
  }
  length = putWord(scratch, length, serial);
  length = putWord(scratch, length, request.serial);
  length = putWord(scratch, length, request.messageId);
  scratch[length++] = result & 0xff;
  scratch[length] = checkCode(scratch, 0, length);
  length++;
  // Escaped (§4.4.1) and flagged, straight into `out`.
  return escapeInto(scratch, length, out, at);
}

/** The general response as an array of its own (writeGeneralResponse, for one answer). */
export function encodeGeneralResponse(
  request: GeneralResponseRequest,
  serial: number,
  result: number,
): Uint8Array {
  const out = new Uint8Array(GENERAL_RESPONSE_MAX_BYTES);
  return out.slice(0, writeGeneralResponse(out, 0, request, serial, result));
}

function putWord(bytes: Uint8Array, at: number, value: number): number {
  bytes[at] = (value >>> 8) & 0xff;
  bytes[at + 1] = value & 0xff;
  return at + 2;
}
