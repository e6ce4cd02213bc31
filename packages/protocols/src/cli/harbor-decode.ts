import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { BatchedWriter, LineSplitter, OutputError } from './capture-io.ts';
import { LineDecoder, type LineFormat, type LineSink } from './line-decoder.ts';

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
    // `pnpm harbor-decode -- --format ais` passes on the `--` too.
    const argv = process.argv.slice(2);
    parsed = parseArgs({
      args: argv[0] === '--' ? argv.slice(1) : argv,
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
  // Standard output and error copy what they are given (file, pipe or terminal): buffers are reused.
  const out = new BatchedWriter(process.stdout, { canReuse: true });
  const err = new BatchedWriter(process.stderr, { canReuse: true });
  const inputs: [string, Readable][] =
    parsed.positionals.length > 0
      ? parsed.positionals.map((file) => [file, createReadStream(file)])
      : [['stdin', process.stdin]];
  let exitCode = 0;
  try {
    for (const [name, stream] of inputs) {
      try {
        await decodeStream(name, stream, decoder, counts, inputs.length > 1, out, err);
      } catch (error) {
        if (error instanceof OutputError) throw error;
        err.write(`harbor-decode: cannot read ${name}: ${(error as Error).message}\n`);
        exitCode = 1;
      }
    }
    await out.drain();
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    // Its reader went away (`harbor-decode capture | head`): stop decoding, say so.
    err.write(`harbor-decode: stopped, cannot write the output: ${error.message}\n`);
    exitCode = 1;
  }
  const { ais, jt808, nmea } = counts.decoded;
  err.write(
    `harbor-decode: ${counts.lines} lines, ${ais + jt808 + nmea} messages decoded (ais ${ais}, jt808 ${jt808}, nmea ${nmea}), ${counts.errors} errors, ${counts.pending} lines waiting for more fragments\n`,
  );
  await err.drain();
  return exitCode;
}

/** Decodes one input, a chunk at a time; output is written once a chunk's lines are done. */
async function decodeStream(
  name: string,
  stream: Readable,
  decoder: LineDecoder,
  counts: Counts,
  isNamed: boolean,
  out: BatchedWriter,
  err: BatchedWriter,
) {
  let lineNumber = 0;
  const sink: LineSink = {
    decoded(format, head, object, tail) {
      counts.decoded[format]++;
      out.writeJsonLine(head, object, tail);
    },
    error(format, field, message) {
      counts.errors++;
      const where = isNamed ? `${name}:${lineNumber}` : `line ${lineNumber}`;
      err.write(`${where}: ${format}: ${field}: ${message}\n`);
    },
    pending() {
      counts.pending++;
    },
  };
  const onLine = (raw: string) => {
    lineNumber++;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    counts.lines++;
    decoder.decodeInto(line, lineNumber, sink);
  };
  const lines = new LineSplitter();
  stream.setEncoding('utf8');
  for await (const chunk of stream) {
    lines.push(chunk as string, onLine);
    await out.drain();
    await err.drain();
  }
  lines.end(onLine);
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
