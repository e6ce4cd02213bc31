import { createRequire } from 'node:module';
import { AisDecoder } from '../src/ais/decoder.ts';
import { aisStream } from './ais-stream.ts';
import { measure, perSecond } from './measure.ts';

// `pnpm bench` (or `pnpm --filter @harbor/protocols bench`): decodes a realistic mixed AIS
// stream with Harbor's decoder and with ggencoder (the most downloaded AIS decoder on npm),
// one core, same input, same run; checks the two agree before timing them.

type GgDecode = new (
  line: string,
  session: Record<string, unknown>,
) => { valid: boolean; mmsi?: string | number; lat?: number };
const { AisDecode } = createRequire(import.meta.url)('ggencoder') as { AisDecode: GgDecode };

const SENTENCES = 200_000;
const lines = aisStream(SENTENCES);

function harbor(): { messages: number; mmsis: number[] } {
  const decoder = new AisDecoder();
  const mmsis: number[] = [];
  for (const line of lines) {
    const result = decoder.push(line, 0);
    if (result?.ok) mmsis.push(result.message.mmsi);
  }
  return { messages: mmsis.length, mmsis };
}

function ggencoder(): { messages: number; mmsis: number[] } {
  const session: Record<string, unknown> = {};
  const mmsis: number[] = [];
  for (const line of lines) {
    const decoded = new AisDecode(line, session);
    if (decoded.valid) mmsis.push(Number(decoded.mmsi));
  }
  return { messages: mmsis.length, mmsis };
}

function report(name: string, run: () => unknown): number {
  const rate = measure(run, lines.length);
  console.log(`${name.padEnd(28)} ${perSecond(rate)} sentences/s`);
  return rate;
}

const ours = harbor();
const theirs = ggencoder();
const agree = ours.mmsis.filter((mmsi, i) => theirs.mmsis[i] === mmsi).length;
console.log(
  `stream: ${lines.length.toLocaleString('en-US')} sentences, ${ours.messages} messages (ggencoder: ${theirs.messages}); MMSIs agree on ${agree}`,
);
const harborRate = report('@harbor/protocols AisDecoder', harbor);
const ggRate = report('ggencoder 1.0.10 AisDecode', ggencoder);
console.log(`ratio: ${(harborRate / ggRate).toFixed(1)}x  (node ${process.version}, one core)`);
