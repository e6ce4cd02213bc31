import { decodeAisPayload } from './decode-payload.ts';
import { AisDecodeError } from './errors.ts';
import type { AisMessage } from './messages.ts';
import { type AisSentence, parseAisSentence } from './sentence.ts';
import { dearmorReusing, MAX_PAYLOAD_CHARS, PayloadBits } from './sixbit.ts';

// One scratch buffer for the six-bit symbols: a payload is decoded completely before the next.
const SCRATCH = new PayloadBits(new Uint8Array(MAX_PAYLOAD_CHARS + 6), 0);

export type AisDecoded = {
  ok: true;
  message: AisMessage;
  talker: string;
  formatter: 'VDM' | 'VDO';
  channel: string;
  /** The tag block's receive time, when the feed sends one. */
  receivedAt: Date | null;
  source: string | null;
};
export type AisFailed = { ok: false; error: AisDecodeError };
export type AisResult = AisDecoded | AisFailed;

export type AisDecoderOptions = {
  /** Incomplete multi-sentence messages kept at once; the oldest is dropped beyond. */
  maxPending?: number;
  /** A message whose fragments do not all arrive within this time is dropped. */
  fragmentTimeoutMs?: number;
};

export type AisDecoderStats = { decoded: number; failed: number; fragmentsDropped: number };

type Pending = { parts: AisSentence[]; startedAt: number };

/** Decodes a single-sentence message; a multi-sentence fragment is an error here (use AisDecoder). */
export function decodeAisSentence(line: string): AisResult {
  try {
    const sentence = parseAisSentence(line);
    if (sentence.fragmentCount !== 1) {
      throw new AisDecodeError(
        'fragmentCount',
        'a multi-sentence message needs an AisDecoder to reassemble it',
      );
    }
    return decoded(sentence, sentence.payload, sentence.fillBits);
  } catch (error) {
    return failed(error);
  }
}

function channelKey(sentence: AisSentence): string {
  return `${sentence.talker}|${sentence.channel}|${sentence.sequentialId ?? ''}`;
}

/**
 * Decodes a stream of lines, reassembling multi-sentence messages by (group or source, channel,
 * sequential id), tolerant of other traffic interleaved between the fragments. Memory is
 * bounded by `maxPending`; fragments that never complete are dropped after the time-out.
 */
export class AisDecoder {
  readonly stats: AisDecoderStats = { decoded: 0, failed: 0, fragmentsDropped: 0 };
  private readonly pending = new Map<string, Pending>();
  /** The group key the last first fragment on a channel and sequential id started. */
  private readonly startedUnder = new Map<string, string>();
  private readonly maxPending: number;
  private readonly timeoutMs: number;

  constructor(options: AisDecoderOptions = {}) {
    this.maxPending = options.maxPending ?? 512;
    this.timeoutMs = options.fragmentTimeoutMs ?? 10_000;
  }

  /** One result per complete message; null while a multi-sentence message is incomplete. */
  push(line: string, nowMs = Date.now()): AisResult | null {
    const result = this.decodeLine(line, nowMs);
    if (result?.ok) this.stats.decoded++;
    else if (result) this.stats.failed++;
    return result;
  }

  private decodeLine(line: string, nowMs: number): AisResult | null {
    let sentence: AisSentence;
    try {
      sentence = parseAisSentence(line);
      if (sentence.fragmentCount === 1)
        return decoded(sentence, sentence.payload, sentence.fillBits);
    } catch (error) {
      return failed(error);
    }
    this.expire(nowMs);
    const key = this.groupKey(sentence);
    if (sentence.fragmentNumber === 1) {
      if (this.pending.delete(key)) this.stats.fragmentsDropped++;
      this.pending.set(key, { parts: [sentence], startedAt: nowMs });
      this.startedUnder.set(channelKey(sentence), key);
      if (this.pending.size > this.maxPending) this.dropOldest();
      return null;
    }
    const group = this.pending.get(key);
    const expected = group?.parts.length ?? 0;
    if (
      !group ||
      group.parts[0]?.fragmentCount !== sentence.fragmentCount ||
      sentence.fragmentNumber !== expected + 1
    ) {
      return failed(
        new AisDecodeError(
          'fragmentNumber',
          `fragment ${sentence.fragmentNumber} of ${sentence.fragmentCount} arrived without fragment ${expected + 1}`,
        ),
      );
    }
    group.parts.push(sentence);
    if (group.parts.length < sentence.fragmentCount) return null;
    this.pending.delete(key);
    const first = group.parts[0] as AisSentence;
    try {
      return decoded(first, group.parts.map((part) => part.payload).join(''), sentence.fillBits);
    } catch (error) {
      return failed(error);
    }
  }

  /**
   * Which group a fragment belongs to. With an NMEA 4.0 group tag (`g:<n>-<of>-<id>`) the
   * group id says it; otherwise the source (`s:`) tells apart the stations of a merged feed.
   * Feeds commonly put the tag block on the first fragment only, so a later fragment without
   * one joins the group its channel and sequential id last started, whatever its source.
   */
  private groupKey(sentence: AisSentence): string {
    const channel = channelKey(sentence);
    const groupId = sentence.tagBlock?.fields.g?.split('-')[2];
    if (groupId) return `g:${groupId}|${channel}`;
    if (sentence.tagBlock?.source !== undefined) return `s:${sentence.tagBlock.source}|${channel}`;
    if (sentence.fragmentNumber > 1 && !sentence.tagBlock) {
      const started = this.startedUnder.get(channel);
      if (started && this.pending.has(started)) return started;
    }
    return `|${channel}`;
  }

  private expire(nowMs: number): void {
    for (const [key, group] of this.pending) {
      if (nowMs - group.startedAt < this.timeoutMs) break;
      this.pending.delete(key);
      this.stats.fragmentsDropped++;
    }
  }

  private dropOldest(): void {
    const oldest = this.pending.keys().next();
    if (!oldest.done) {
      this.pending.delete(oldest.value);
      this.stats.fragmentsDropped++;
    }
  }
}

function decoded(sentence: AisSentence, payload: string, fillBits: number): AisDecoded {
  return {
    ok: true,
    message: decodeAisPayload(dearmorReusing(SCRATCH, payload, fillBits)),
    talker: sentence.talker,
    formatter: sentence.formatter,
    channel: sentence.channel,
    receivedAt: sentence.tagBlock?.receivedAt ?? null,
    source: sentence.tagBlock?.source ?? null,
  };
}

function failed(error: unknown): AisFailed {
  if (error instanceof AisDecodeError) return { ok: false, error };
  // Anything else is a bug in the codec; it is still reported as a decode failure, never thrown.
  return {
    ok: false,
    error: new AisDecodeError('internal', error instanceof Error ? error.message : String(error)),
  };
}
