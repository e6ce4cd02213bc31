import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { LineDecoder, type LineFormat } from './line-decoder.ts';

const USAGE = `usage: harbor-decode [--format ais|jt808|nmea] [FILE...]

Reads NMEA 0183 AIS sentences (!AIVDM/!AIVDO, with or without tag blocks), NMEA GPS
sentences ($--RMC, $--GGA, $--VTG) and JT/T 808 frames written as hex, one per line, from
the files or standard input, and prints one JSON object per decoded message. The format is
detected per line unless --format says. Errors go to standard error with their line
number; a summary of counts ends the run. A bad line never stops it.`;

type Counts = {
  lines: number;
  decoded: Record<LineFormat, number>;
  errors: number;
  pending: number;
};

async function main(): Promise<number> {
  let parsed: ReturnType<
    typeof parseArgs<{
      options: { format: { type: 'string' }; help: { type: 'boolean' } };
      allowPositionals: true;
    }>
  >;
  try {
    parsed = parseArgs({
      options: { format: { type: 'string' }, help: { type: 'boolean' } },
      allowPositionals: true,
    });
  } catch (error) {
    process.stderr.write(`harbor-decode: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const format = parsed.values.format ?? null;
  if (format !== null && format !== 'ais' && format !== 'jt808' && format !== 'nmea') {
    process.stderr.write(`harbor-decode: --format must be ais, jt808 or nmea, not "${format}"\n`);
    return 2;
  }
  const decoder = new LineDecoder(format);
  const counts: Counts = {
    lines: 0,
    decoded: { ais: 0, jt808: 0, nmea: 0 },
    errors: 0,
    pending: 0,
  };
  const inputs: [string, Readable][] =
    parsed.positionals.length > 0
      ? parsed.positionals.map((file) => [file, createReadStream(file)])
      : [['stdin', process.stdin]];
  let exitCode = 0;
  for (const [name, stream] of inputs) {
    try {
      await decodeStream(name, stream, decoder, counts, inputs.length > 1);
    } catch (error) {
      process.stderr.write(`harbor-decode: cannot read ${name}: ${(error as Error).message}\n`);
      exitCode = 1;
    }
  }
  const { ais, jt808, nmea } = counts.decoded;
  process.stderr.write(
    `harbor-decode: ${counts.lines} lines, ${ais + jt808 + nmea} messages decoded (ais ${ais}, jt808 ${jt808}, nmea ${nmea}), ${counts.errors} errors, ${counts.pending} lines waiting for more fragments\n`,
  );
  return exitCode;
}

async function decodeStream(
  name: string,
  stream: Readable,
  decoder: LineDecoder,
  counts: Counts,
  isNamed: boolean,
) {
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  for await (const raw of lines) {
    lineNumber++;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    counts.lines++;
    for (const outcome of decoder.decode(line, lineNumber)) {
      if (outcome.kind === 'decoded') {
        counts.decoded[outcome.format]++;
        process.stdout.write(`${JSON.stringify(outcome.json)}\n`);
      } else if (outcome.kind === 'error') {
        counts.errors++;
        const where = isNamed ? `${name}:${lineNumber}` : `line ${lineNumber}`;
        process.stderr.write(`${where}: ${outcome.format}: ${outcome.field}: ${outcome.message}\n`);
      } else counts.pending++;
    }
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `harbor-decode: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
