import { hex2, nmeaChecksum, readHex2 } from '../nmea/checksum.ts';
import { AisDecodeError } from './errors.ts';

/**
 * NMEA 4.0 tag block (IEC 61162-1 §7.9), e.g. `\s:2573345,c:1671620143*0A\` before the
 * sentence: `c` is the receive time in UNIX seconds (or milliseconds when it has 13+
 * digits), `s` the source station; others are kept as they are.
 */
export type TagBlock = {
  source?: string;
  receivedAt?: Date;
  fields: Record<string, string>;
};

export type AisSentence = {
  /** Two-letter talker: AI (mobile AIS station), AB (base station), BS, ... */
  talker: string;
  /** VDM: received from others; VDO: own ship. */
  formatter: 'VDM' | 'VDO';
  fragmentCount: number;
  fragmentNumber: number;
  /** Sequential message id linking the fragments of one message, or null for single sentences. */
  sequentialId: number | null;
  /** Radio channel: A or B (or 1/2); empty when the receiver does not say. */
  channel: string;
  payload: string;
  fillBits: number;
  tagBlock: TagBlock | null;
};

const MAX_LINE = 1024;

/** Parses one line; throws AisDecodeError naming what is wrong. */
export function parseAisSentence(input: string): AisSentence {
  if (input.length > MAX_LINE)
    throw new AisDecodeError('sentence', `line of ${input.length} characters is too long`);
  let line = input;
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) <= 32) end--;
  let tagBlock: TagBlock | null = null;
  let start = 0;
  if (line.charCodeAt(0) === 92 /* \ */) {
    const close = line.indexOf('\\', 1);
    if (close < 0) throw new AisDecodeError('tagBlock', 'tag block is not closed with a backslash');
    tagBlock = parseTagBlock(line.slice(1, close));
    start = close + 1;
  }
  const bang = line.charCodeAt(start);
  if (bang !== 33 /* ! */ && bang !== 36 /* $ */) {
    throw new AisDecodeError('sentence', 'an AIS sentence starts with ! (or a tag block)');
  }
  const star = line.lastIndexOf('*', end);
  if (star < start || star + 3 > end) throw new AisDecodeError('checksum', 'missing *hh checksum');
  const expected = readHex2(line, star + 1);
  const actual = nmeaChecksum(line, start + 1, star);
  if (expected !== actual) {
    throw new AisDecodeError(
      'checksum',
      `checksum is ${line.slice(star + 1, star + 3)}, computed ${hex2(actual)}`,
    );
  }
  line = line.slice(start + 1, star);
  const fields = line.split(',');
  if (fields.length !== 7)
    throw new AisDecodeError('sentence', `expected 7 fields, found ${fields.length}`);
  const address = fields[0] as string;
  const formatter = address.slice(2);
  if (address.length !== 5 || (formatter !== 'VDM' && formatter !== 'VDO')) {
    throw new AisDecodeError('sentence', `not an AIVDM/AIVDO sentence: ${address}`);
  }
  const fragmentCount = digit(fields[1], 'fragmentCount', 1, 9);
  const fragmentNumber = digit(fields[2], 'fragmentNumber', 1, fragmentCount);
  const sequentialId = fields[3] === '' ? null : digit(fields[3], 'sequentialId', 0, 9);
  const channel = fields[4] as string;
  if (channel.length > 1) throw new AisDecodeError('channel', `unknown radio channel ${channel}`);
  const fillBits = digit(fields[6], 'fillBits', 0, 5);
  return {
    talker: address.slice(0, 2),
    formatter,
    fragmentCount,
    fragmentNumber,
    sequentialId,
    channel,
    payload: fields[5] as string,
    fillBits,
    tagBlock,
  };
}

function digit(text: string | undefined, field: string, min: number, max: number): number {
  const value = text?.length === 1 ? text.charCodeAt(0) - 48 : Number.NaN;
  if (!(value >= min && value <= max))
    throw new AisDecodeError(field, `${field} must be ${min}-${max}, got "${text}"`);
  return value;
}

function parseTagBlock(body: string): TagBlock {
  const star = body.lastIndexOf('*');
  if (star < 0) throw new AisDecodeError('tagBlock', 'tag block has no checksum');
  if (readHex2(body, star + 1) !== nmeaChecksum(body, 0, star)) {
    throw new AisDecodeError('tagBlock', 'tag block checksum does not match');
  }
  const fields: Record<string, string> = {};
  for (const part of body.slice(0, star).split(',')) {
    const colon = part.indexOf(':');
    if (colon > 0) fields[part.slice(0, colon)] = part.slice(colon + 1);
  }
  const tag: TagBlock = { fields };
  if (fields.s !== undefined) tag.source = fields.s;
  if (fields.c !== undefined) {
    const seconds = Number(fields.c);
    if (!Number.isFinite(seconds))
      throw new AisDecodeError('tagBlock', `receive time c:${fields.c} is not a number`);
    tag.receivedAt = new Date(fields.c.length >= 13 ? seconds : seconds * 1000);
  }
  return tag;
}

export type SentenceOptions = {
  talker?: string;
  formatter?: 'VDM' | 'VDO';
  channel?: string;
  /** Needed when the payload spans several sentences. */
  sequentialId?: number;
  tagBlock?: { source?: string; receivedAt?: Date };
};

/** Payload characters per sentence: 60 keeps each sentence within NMEA's 82 characters. */
const CHARS_PER_SENTENCE = 60;

/** Wraps an armoured payload into one or more sentences, fill bits on the last. */
export function encodeAisSentences(
  payload: string,
  fillBits: number,
  options: SentenceOptions = {},
): string[] {
  const talker = options.talker ?? 'AI';
  const formatter = options.formatter ?? 'VDM';
  const channel = options.channel ?? 'A';
  const count = Math.max(1, Math.ceil(payload.length / CHARS_PER_SENTENCE));
  const id = count > 1 ? String(options.sequentialId ?? 0) : '';
  const sentences: string[] = [];
  for (let i = 0; i < count; i++) {
    const chunk = payload.slice(i * CHARS_PER_SENTENCE, (i + 1) * CHARS_PER_SENTENCE);
    const body = `${talker}${formatter},${count},${i + 1},${id},${channel},${chunk},${i === count - 1 ? fillBits : 0}`;
    let sentence = `!${body}*${hex2(nmeaChecksum(body))}`;
    if (i === 0 && options.tagBlock) sentence = encodeTagBlock(options.tagBlock) + sentence;
    sentences.push(sentence);
  }
  return sentences;
}

function encodeTagBlock(tag: { source?: string; receivedAt?: Date }): string {
  const parts: string[] = [];
  if (tag.source) parts.push(`s:${tag.source}`);
  if (tag.receivedAt) parts.push(`c:${Math.floor(tag.receivedAt.getTime() / 1000)}`);
  const body = parts.join(',');
  return `\\${body}*${hex2(nmeaChecksum(body))}\\`;
}
