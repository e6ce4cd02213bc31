import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// harbor-decode's line decoder is not among @harbor/protocols' exports; the test reads its source.
import { detectFormat, LineDecoder } from '../../../packages/protocols/src/cli/line-decoder.ts';
import { CaptureWriter, captureLines, newCaptureState } from './capture.ts';
import { createScenario } from './scenario.ts';

describe('capture', () => {
  it('writes lines harbor-decode decodes with no errors', async () => {
    const scenario = createScenario({ seed: 'capture', start: new Date('2026-11-25T00:00:00Z') });
    const path = join(mkdtempSync(join(tmpdir(), 'harbor-sim-')), 'traffic.txt');
    const writer = new CaptureWriter(path, 'harbor-sim test');
    const reports = scenario.advanceBy(2 * 3_600_000);
    for (const report of reports) writer.write(report);
    await writer.close();

    const decoder = new LineDecoder();
    const counts = { ais: 0, jt808: 0, errors: 0, pending: 0 };
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((raw, index) => {
        // As harbor-decode reads a file: trimmed, blank and # lines skipped.
        const line = raw.trim();
        if (line === '' || line.startsWith('#')) return;
        expect(detectFormat(line)).not.toBeNull();
        for (const outcome of decoder.decode(line, index + 1)) {
          if (outcome.kind === 'decoded' && outcome.format !== 'nmea') counts[outcome.format]++;
          else if (outcome.kind === 'error') counts.errors++;
          else counts.pending++;
        }
      });
    expect(counts.errors).toBe(0);
    expect(counts.ais).toBeGreaterThan(1000);
    expect(counts.jt808).toBeGreaterThan(5000);
    expect(writer.lines).toBe(counts.ais + counts.jt808 + counts.pending);
  });

  it('numbers each terminal’s frames from 0', () => {
    const scenario = createScenario({
      seed: 'serials',
      start: new Date('2026-11-25T00:00:00Z'),
      vessels: 0,
      vehicles: 2,
    });
    const state = newCaptureState();
    const lines = scenario.advanceBy(120_000).flatMap((report) => captureLines(report, state));
    expect(lines.every((line) => /^7e[0-9a-f]+7e$/.test(line))).toBe(true);
    expect([...state.serials.values()].every((next) => next > 0)).toBe(true);
  });
});
