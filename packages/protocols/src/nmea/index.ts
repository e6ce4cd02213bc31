export { hex2, nmeaChecksum, readHex2 } from './checksum.ts';
export type { GgaFields, NmeaFix } from './encode-gps.ts';
export { encodeGga, encodeRmc, encodeVtg } from './encode-gps.ts';
export type { NmeaPosition, NmeaResult } from './gps.ts';
export { decodeNmeaSentence, NmeaDecodeError } from './gps.ts';
