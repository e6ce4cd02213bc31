export { decodeAisPayload } from './decode-payload.ts';
export type {
  AisDecoded,
  AisDecoderOptions,
  AisDecoderStats,
  AisFailed,
  AisResult,
} from './decoder.ts';
export { AisDecoder, decodeAisSentence } from './decoder.ts';
export { encodeAisPayload } from './encode-payload.ts';
export { encodeAisMessage } from './encoder.ts';
export { AisDecodeError } from './errors.ts';
export type * from './messages.ts';
export type { AisSentence, SentenceOptions, TagBlock } from './sentence.ts';
export { encodeAisSentences, parseAisSentence } from './sentence.ts';
export { BitWriter, dearmor, PayloadBits } from './sixbit.ts';
