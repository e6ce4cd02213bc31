import { AisDecoder } from '@harbor/protocols/ais';
import { decodeJt808Frame } from '@harbor/protocols/jt808';
import type { Fix } from '@harbor/shared';
import { aisSentences, createScenario, locationMessages, terminalFrame } from '@harbor/simulator';
import { positionFix } from '../src/edges/gateways/ais-ingest.ts';
import { fixOf } from '../src/edges/gateways/jt808-session.ts';

/**
 * The simulator's Port of Shanghai fleet over `hours` from `start`, as the gateways would
 * store it: every truck report encoded as a JT/T 808 frame and decoded again, every ship's
 * as AIS sentences through the AIS decoder, so each value has exactly its protocol's
 * precision. Handed out in time-ordered batches of about `batch` fixes.
 */
export function* simulatedFixes(options: {
  start: number;
  hours: number;
  trucks: number;
  vessels: number;
  seed?: string;
  batch?: number;
}): Generator<Fix[]> {
  const scenario = createScenario({
    seed: options.seed ?? 'history-bench',
    start: new Date(options.start),
    vehicles: options.trucks,
    vessels: options.vessels,
    hasFaults: false,
  });
  const decoder = new AisDecoder();
  const end = options.start + options.hours * 3_600_000;
  let serial = 0;
  let batch: Fix[] = [];
  for (let at = options.start; at < end; ) {
    at = Math.min(at + 60_000, end);
    for (const report of scenario.advanceTo(new Date(at))) {
      if (report.kind === 'truck') {
        for (const message of locationMessages(report.fixes)) {
          const decoded = decodeJt808Frame(
            terminalFrame(report.terminalPhone, serial++ & 0xffff, message.body),
          );
          const body = decoded.body;
          const locations =
            'location' in body ? [body.location] : 'locations' in body ? body.locations : [];
          for (const location of locations) {
            const fix = fixOf(
              report.terminalPhone,
              location,
              new Date(report.sentAt.getTime() + 400),
            );
            if (fix) batch.push(fix);
          }
        }
      } else {
        for (const [i, lines] of aisSentences(report, serial++ % 10).entries()) {
          let result = null;
          for (const line of lines) result = decoder.push(line, report.sentAt.getTime());
          if (!result?.ok || i >= report.messages.length) continue;
          const fix = positionFix(
            result.message,
            report.sentAt,
            new Date(report.sentAt.getTime() + 40),
          );
          if (fix) batch.push(fix);
        }
      }
    }
    if (batch.length >= (options.batch ?? 5_000)) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
