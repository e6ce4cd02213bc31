import {
  type LineAgent,
  SCHEDULE_WINDOW_MS,
  type ScheduledCall,
  scheduleCsv,
} from './line-agent.ts';
import { HarborApiError } from './transports/harbor-session.ts';
import { messageOf } from './transports/sink.ts';

/** Where the schedule goes: Harbor's `visits.importSchedule` (HarborSession), or a test's stand-in. */
export type ScheduleImporter = {
  importSchedule(csv: string): Promise<{ visitsCreated: number }>;
};

export type ScheduleFeedCounters = {
  /** Calls Harbor took (a visit each). */
  imported: number;
  /** Calls Harbor already had (the same vessel and voyage), from an earlier run. */
  known: number;
  /** Imports that failed; their calls go again with the next. */
  failures: number;
};

/**
 * The line agent's side of the port's schedule: at each publication, the calls berthing
 * within the next two days that Harbor does not have yet go to it as one CSV. A call is sent
 * until Harbor takes it; one that has left its berth before it could be sent is dropped.
 * Failures are logged and counted, never thrown: the simulation goes on without a schedule.
 */
export class ScheduleFeed {
  readonly counters: ScheduleFeedCounters = { imported: 0, known: 0, failures: 0 };
  private readonly sent = new Set<string>();

  constructor(
    private readonly agent: LineAgent,
    private readonly importer: ScheduleImporter,
    private readonly log: (line: string) => void,
  ) {}

  /** The calls a publication at `now` sends: not yet sent, berthing within the window, still to leave. */
  due(now: Date): ScheduledCall[] {
    return this.agent
      .callsBerthingBy(new Date(now.getTime() + SCHEDULE_WINDOW_MS))
      .filter(
        (call) => !this.sent.has(keyOf(call)) && !(call.departedAt && call.departedAt <= now),
      );
  }

  async publish(now: Date): Promise<void> {
    let calls = this.due(now);
    const until = new Date(now.getTime() + SCHEDULE_WINDOW_MS).toISOString().slice(0, 16);
    // Once more at most: without the lines Harbor refused as already planned.
    for (let attempt = 0; attempt < 2 && calls.length > 0; attempt++) {
      try {
        const result = await this.importer.importSchedule(scheduleCsv(calls));
        for (const call of calls) this.sent.add(keyOf(call));
        this.counters.imported += calls.length;
        this.log(
          `schedule: ${result.visitsCreated} planned visits imported (calls berthing up to ${until}Z)`,
        );
        return;
      } catch (error) {
        const known = attempt === 0 ? alreadyPlanned(error, calls) : [];
        if (known.length === 0) {
          this.counters.failures++;
          this.log(
            `schedule: import failed (its calls go again with the next): ${messageOf(error)}`,
          );
          return;
        }
        for (const call of known) this.sent.add(keyOf(call));
        this.counters.known += known.length;
        this.log(`schedule: Harbor already has ${known.length} of these calls`);
        calls = calls.filter((call) => !known.includes(call));
      }
    }
  }
}

const keyOf = (call: ScheduledCall) => `${call.mmsi}/${call.voyage}`;

/**
 * The calls of a refused import that Harbor refused only because it already has a visit of
 * the same vessel and voyage (a restarted simulator plans them again); none if anything else
 * was wrong. Field errors are keyed `line N.column`, the header being line 1.
 */
function alreadyPlanned(error: unknown, calls: readonly ScheduledCall[]): ScheduledCall[] {
  if (!(error instanceof HarborApiError) || error.reason !== 'visit.import-refused') return [];
  const fields = Object.keys(error.fieldErrors);
  const lines = fields.map((field) => /^line (\d+)\.voyage$/.exec(field)?.[1]);
  if (fields.length === 0 || lines.some((line) => line === undefined)) return [];
  return lines.flatMap((line) => {
    const call = calls[Number(line) - 2];
    return call ? [call] : [];
  });
}
