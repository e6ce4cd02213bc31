import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { aisStream } from './ais-stream.ts';

// `pnpm --filter @harbor/protocols bench` (or `tsx bench/decode-vs-gpsdecode.ts [--capture
// FILE] [--runs N] [--baseline BIN]`): harbor-decode and gpsd's `gpsdecode -j` decode the
// same AIS capture as whole processes, start-up and JSON output included, alternately (the
// order reversed every round, so a drift in the machine's load falls on both), each writing
// its JSON to a file. Prints each run's wall time and, where /proc gives it, the process's
// CPU time (user + system), then the medians and sentences/s. Without gpsdecode (Debian:
// apt-get install gpsd-clients) it says so and times harbor-decode alone. --baseline times
// another harbor-decode entry alongside (an older checkout's bin/harbor-decode.mjs).

const { values } = parseArgs({
  options: {
    capture: { type: 'string' },
    runs: { type: 'string', default: '5' },
    baseline: { type: 'string' },
  },
});
const RUNS = Number(values.runs);
const SENTENCES = 260_000;
const HARBOR = join(import.meta.dirname, '../bin/harbor-decode.mjs');

const dir = mkdtempSync(join(tmpdir(), 'harbor-decode-bench-'));
const capture = values.capture ?? join(dir, 'ais.nmea');
if (!values.capture) writeFileSync(capture, `${aisStream(SENTENCES).join('\n')}\n`);
const sentences = readFileSync(capture, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#')).length;

type Tool = {
  name: string;
  command: string;
  args: string[];
  output: string;
  wallMs: number[];
  cpuMs: number[];
};
const harbor: Tool = {
  name: 'harbor-decode',
  command: process.execPath,
  args: [HARBOR],
  output: 'harbor.json',
  wallMs: [],
  cpuMs: [],
};
const gpsdecode: Tool = {
  name: 'gpsdecode -j',
  command: 'gpsdecode',
  args: ['-j'],
  output: 'gpsdecode.json',
  wallMs: [],
  cpuMs: [],
};
const baseline: Tool | null = values.baseline
  ? {
      name: 'baseline',
      command: process.execPath,
      args: [values.baseline],
      output: 'baseline.json',
      wallMs: [],
      cpuMs: [],
    }
  : null;

/** CPU time of the waited-for children so far (cutime + cstime of /proc/self/stat), in ms; null off Linux. */
function childrenCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of proc(5), counted from the state (field 3) here; clock ticks of 10 ms.
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return null;
  }
}

/** One whole run: stdin the capture, stdout a file; returns the number of JSON lines written. */
function run(tool: Tool, record: boolean): number {
  const input = openSync(capture, 'r');
  const outputPath = join(dir, tool.output);
  const output = openSync(outputPath, 'w');
  const cpuBefore = childrenCpuMs();
  const started = process.hrtime.bigint();
  const result = spawnSync(tool.command, tool.args, { stdio: [input, output, 'pipe'] });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuAfter = childrenCpuMs();
  closeSync(input);
  closeSync(output);
  if (result.error) throw result.error;
  if (result.status !== 0)
    throw new Error(`${tool.name} exited with ${result.status}: ${result.stderr.toString()}`);
  if (record) {
    tool.wallMs.push(wallMs);
    if (cpuBefore !== null && cpuAfter !== null) tool.cpuMs.push(cpuAfter - cpuBefore);
  }
  return readFileSync(outputPath, 'utf8').split('\n').length - 1;
}

const hasGpsdecode = !spawnSync('gpsdecode', ['-V']).error;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`.padStart(9);

console.log(
  `capture: ${sentences.toLocaleString('en-US')} AIS sentences${values.capture ? ` (${capture})` : ' (bench/ais-stream.ts, fixed seed)'}; ${RUNS} runs each, node ${process.version}`,
);
// Warm-up, untimed: builds harbor-decode's bundle if it is stale and brings the capture into the page cache.
const messages = run(harbor, false);
console.log(`harbor-decode: ${messages.toLocaleString('en-US')} JSON lines`);
if (hasGpsdecode) {
  console.log(`gpsdecode -j:  ${run(gpsdecode, false).toLocaleString('en-US')} JSON lines`);
} else {
  console.log(
    'gpsdecode is not installed (Debian: apt-get install gpsd-clients): timing harbor-decode alone',
  );
}

if (baseline)
  console.log(
    `baseline:      ${run(baseline, false).toLocaleString('en-US')} JSON lines (${values.baseline})`,
  );
const tools = [harbor, ...(hasGpsdecode ? [gpsdecode] : []), ...(baseline ? [baseline] : [])];
for (let round = 0; round < RUNS; round++) {
  for (const tool of round % 2 === 0 ? tools : [...tools].reverse()) run(tool, true);
}

for (const tool of tools) {
  const wall = median(tool.wallMs);
  const cpu = tool.cpuMs.length > 0 ? `, CPU ${ms(median(tool.cpuMs))}` : '';
  const rate = Math.round((sentences / wall) * 1000).toLocaleString('en-US');
  const runs = tool.wallMs.map((value) => Math.round(value)).join(', ');
  console.log(
    `${tool.name.padEnd(14)} wall ${ms(wall)}${cpu}  ${rate.padStart(9)} sentences/s   runs: ${runs} ms`,
  );
}
/** How many times faster harbor-decode is than `other`, by median wall and CPU time. */
function speedup(other: Tool): string {
  const wall = median(other.wallMs) / median(harbor.wallMs);
  const cpu = harbor.cpuMs.length > 0 ? median(other.cpuMs) / median(harbor.cpuMs) : Number.NaN;
  return `${wall.toFixed(2)}x by wall time${Number.isNaN(cpu) ? '' : `, ${cpu.toFixed(2)}x by CPU time`}`;
}
if (hasGpsdecode)
  console.log(`harbor-decode against gpsdecode -j: ${speedup(gpsdecode)} (above 1: faster)`);
if (baseline) console.log(`harbor-decode against the baseline: ${speedup(baseline)}`);
rmSync(dir, { recursive: true, force: true });
