export { fromHex, textOf, toHex } from './bytes.ts';
export type { Jt809EncryptKeys } from './crypto.ts';
export { jt809Crypt, jt809Decrypt, jt809Encrypt } from './crypto.ts';
export { Jt809DecodeError } from './errors.ts';
export type { Jt809Edition, Jt809Header, Jt809RawFrame } from './frame.ts';
export {
  crc16,
  escapeFrame,
  HEAD_FLAG,
  HEADER_BYTES,
  readFrame,
  TAIL_FLAG,
  unescapeFrame,
  writeFrame,
} from './frame.ts';
export type {
  Jt809Body,
  Jt809DecodeOptions,
  Jt809Message,
  Jt809OtherSubBusiness,
  Jt809PlatformAlarm,
  Jt809PlatformInfo,
  Jt809PlatformInfoDown,
  Jt809Position,
  Jt809Position2019,
  Jt809VehicleControl,
  Jt809VehicleControlDown,
  Jt809VehicleDynamic,
  Jt809VehicleDynamicDown,
} from './messages.ts';
export {
  decodeJt809Body,
  decodeJt809Frame,
  encodeJt809Body,
  encodeJt809Frame,
  encodeJt809Message,
} from './messages.ts';
export type { Jt809Result, Jt809StreamOptions } from './stream-decoder.ts';
export { Jt809StreamDecoder, MAX_FRAME_BYTES } from './stream-decoder.ts';
