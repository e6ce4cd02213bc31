import { encodeAisPayload } from './encode-payload.ts';
import type { AisMessage } from './messages.ts';
import { encodeAisSentences, type SentenceOptions } from './sentence.ts';

/** A message as one or more `!AIVDM` sentences (type 5 and long type 21 take two). */
export function encodeAisMessage(message: AisMessage, options: SentenceOptions = {}): string[] {
  const { payload, fillBits } = encodeAisPayload(message).armor();
  return encodeAisSentences(payload, fillBits, options);
}
