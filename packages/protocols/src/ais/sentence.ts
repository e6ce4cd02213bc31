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
  const line = input;
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
  // The checksum's '*' is a few characters from the end: a scan back, not lastIndexOf (which
  // sets up a string reader on every call).
  let star = end - 1;
  while (star >= start && line.charCodeAt(star) !== 42 /* * */) star--;
  if (star < start || star + 3 > end) throw new AisDecodeError('checksum', 'missing *hh checksum');
  const expected = readHex2(line, star + 1);
  const actual = nmeaChecksum(line, start + 1, star);
  if (expected !== actual) {
    throw new AisDecodeError(
      'checksum',
      `checksum is ${line.slice(star + 1, star + 3)}, computed ${hex2(actual)}`,
    );
  }
  // Fields between the address and '*', found by scanning (no split: this runs a million times a second).
  const c1 = line.indexOf(',', start);
  const c2 = line.indexOf(',', c1 + 1);
  const c3 = line.indexOf(',', c2 + 1);
  const c4 = line.indexOf(',', c3 + 1);
  const c5 = line.indexOf(',', c4 + 1);
  const c6 = line.indexOf(',', c5 + 1);
  const c7 = line.indexOf(',', c6 + 1);
  if (
    c1 < 0 ||
    c2 < 0 ||
    c3 < 0 ||
    c4 < 0 ||
    c5 < 0 ||
    c6 < 0 ||
    c6 > star ||
    (c7 >= 0 && c7 < star)
  ) {
    throw new AisDecodeError('sentence', 'expected 7 comma-separated fields before the checksum');
  }
  const isVdm = line.startsWith('VDM', start + 3);
  if (c1 !== start + 6 || (!isVdm && !line.startsWith('VDO', start + 3))) {
    throw new AisDecodeError(
      'sentence',
      `not an AIVDM/AIVDO sentence: ${line.slice(start + 1, c1)}`,
    );
  }
  const fragmentCount = digitAt(line, c1, c2, 'fragmentCount', 1, 9);
  const fragmentNumber = digitAt(line, c2, c3, 'fragmentNumber', 1, fragmentCount);
  const sequentialId = c4 === c3 + 1 ? null : digitAt(line, c3, c4, 'sequentialId', 0, 9);
  if (c5 - c4 > 2)
    throw new AisDecodeError('channel', `unknown radio channel ${line.slice(c4 + 1, c5)}`);
  const fillBits = digitAt(line, c6, star, 'fillBits', 0, 5);
  return {
    talker: line.slice(start + 1, start + 3),
    formatter: isVdm ? 'VDM' : 'VDO',
    fragmentCount,
    fragmentNumber,
    sequentialId,
    channel: line.slice(c4 + 1, c5),
    payload: line.slice(c5 + 1, c6),
    fillBits,
    tagBlock,
  };
}

/** The single digit between the commas at `before` and `after`. */
function digitAt(
  line: string,
  before: number,
  after: number,
  field: string,
  min: number,
  max: number,
): number {
  const value = after === before + 2 ? line.charCodeAt(before + 1) - 48 : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new AisDecodeError(
      field,
      `${field} must be ${min}-${max}, got "${line.slice(before + 1, after)}"`,
    );
  }
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
