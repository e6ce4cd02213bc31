import { createWriteStream, type WriteStream } from 'node:fs';
import { toHex } from '@harbor/protocols/jt808';
import { aisSentences, locationMessages, terminalFrame } from './encode-reports.ts';
import type { SimReport } from './reports.ts';

/** What a capture keeps between reports: each terminal's message serial and the AIS sequential id. */
export type CaptureState = { serials: Map<string, number>; sequentialId: number };

export const newCaptureState = (): CaptureState => ({ serials: new Map(), sequentialId: 0 });

/**
 * A report as capture lines in the format `harbor-decode` reads (packages/protocols/src/cli/
 * line-decoder.ts): AIS sentences as they are (tag block first), JT/T 808 frames as lowercase
 * hex from the opening 7e to the closing 7e, one frame per line.
 */
export function captureLines(report: SimReport, state: CaptureState): string[] {
  if (report.kind === 'ais') {
    const groups = aisSentences(report, state.sequentialId);
    state.sequentialId = (state.sequentialId + groups.length) % 10;
    return groups.flat();
  }
  return locationMessages(report.fixes).map(({ body }) => {
    const serial = state.serials.get(report.terminalPhone) ?? 0;
    state.serials.set(report.terminalPhone, (serial + 1) & 0xffff);
    return toHex(terminalFrame(report.terminalPhone, serial, body));
  });
}

/** Writes a scenario's traffic to a capture file, a line per sentence or frame. */
export class CaptureWriter {
  private readonly state = newCaptureState();
  private readonly stream: WriteStream;
  lines = 0;
  errors = 0;

  constructor(
    readonly path: string,
    header: string,
  ) {
    this.stream = createWriteStream(path);
    this.stream.on('error', () => this.errors++);
    // harbor-decode skips lines starting with #.
    this.stream.write(`# ${header}\n`);
  }

  write(report: SimReport): void {
    const lines = captureLines(report, this.state);
    this.lines += lines.length;
    this.stream.write(`${lines.join('\n')}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}
