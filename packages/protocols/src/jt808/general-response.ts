import { checkCode, escapeFrame, type Jt808Header } from './frame.ts';

const GENERAL_RESPONSE = 0x8001;
/** Reply serial, reply message id, result (§8.2). */
const BODY_LENGTH = 5;

/** The unescaped frame being written: a 2019 header (17 bytes), the body and the check code. */
const scratch = new Uint8Array(17 + BODY_LENGTH + 1);

/**
 * The platform general response (0x8001, §8.2) to the message with `request`'s header, as
 * wire bytes: what `encodeJt808Message` makes of it (general-response.test.ts checks both
 * agree), written straight into one array. A gateway sends one for every report, tens of
 * thousands a second, and the general encoder's objects and intermediate arrays were a
 * measured share of its CPU (docs/benchmarks.md, issue 20).
 */
export function encodeGeneralResponse(
  request: Pick<
    Jt808Header,
    'version' | 'protocolVersion' | 'terminalPhone' | 'serial' | 'messageId'
  >,
  serial: number,
  result: number,
): Uint8Array {
  const is2019 = request.version === 'V2019';
  let length = 0;
  const word = (value: number) => {
    scratch[length++] = (value >>> 8) & 0xff;
    scratch[length++] = value & 0xff;
  };
  word(GENERAL_RESPONSE);
  // Body properties: the body's length, no encryption, no sub-packages; bit 14 for 2019.
  word(BODY_LENGTH | (is2019 ? 0x4000 : 0));
  if (is2019) scratch[length++] = request.protocolVersion & 0xff;
  // The phone as BCD, left-padded with zeros to 6 bytes (2013) or 10 (2019).
  const phoneBytes = is2019 ? 10 : 6;
  const phone = request.terminalPhone.padStart(phoneBytes * 2, '0');
  for (let i = 0; i < phoneBytes; i++)
    scratch[length++] = ((phone.charCodeAt(2 * i) - 48) << 4) | (phone.charCodeAt(2 * i + 1) - 48);
  word(serial);
  word(request.serial);
  word(request.messageId);
  scratch[length++] = result & 0xff;
  scratch[length] = checkCode(scratch, 0, length);
  length++;
  return escapeFrame(scratch.subarray(0, length));
}
