export { fixedText, fromHex, toHex } from './bytes.ts';
export { Jt808DecodeError } from './errors.ts';
export type { Jt808Header, Jt808Version } from './frame.ts';
export { checkCode, escapeFrame, MAX_BODY, readFrame, unescapeFrame, writeFrame } from './frame.ts';
export { decodeGbk, encodeGbk } from './gbk.ts';
export {
  encodeGeneralResponse,
  GENERAL_RESPONSE_MAX_BYTES,
  type GeneralResponseRequest,
  writeGeneralResponse,
} from './general-response.ts';
export type { AlarmFlags, Jt808Location, RawItem, StatusFlags } from './location.ts';
export { ALARM_BITS, location, STATUS_BITS } from './location.ts';
export type { Jt808Body, Jt808Message, Jt808Parameter } from './messages.ts';
export {
  decodeJt808Body,
  decodeJt808Frame,
  dwordParameter,
  encodeJt808Body,
  encodeJt808Message,
  JT808_PARAMETERS,
  readDwordParameter,
} from './messages.ts';
export type { PartialMessage, PieceOutcome, ReassemblyLimits } from './reassembly.ts';
export { DEFAULT_REASSEMBLY_LIMITS, firstSerialOf, Jt808Reassembler } from './reassembly.ts';
export type { Jt808Result } from './stream-decoder.ts';
export { Jt808StreamDecoder, MAX_FRAME_BYTES } from './stream-decoder.ts';
