import { describe, expect, it } from 'vitest';
import type { LineAgent, ScheduledCall } from './line-agent.ts';
import { ScheduleFeed } from './schedule-feed.ts';
import { HarborApiError } from './transports/harbor-session.ts';

const START = new Date('2026-11-25T08:00:00Z');
const HOUR_MS = 3_600_000;
const at = (hours: number) => new Date(START.getTime() + hours * HOUR_MS);

function call(mmsi: number, berthHours: number, stayHours = 12): ScheduledCall {
  const eta = at(berthHours);
  return {
    mmsi,
    vesselName: `SHIP ${mmsi}`,
    voyage: eta.toISOString().slice(2, 13).replace(/[-T]/g, ''),
    terminal: 'YSP4',
    berth: 'B01',
    eta,
    etd: at(berthHours + stayHours),
    berthedAt: eta,
    departedAt: at(berthHours + stayHours),
  };
}

// Alongside at the start, berthing on the first day, on the second, on the third.
const CALLS = [call(1, 0), call(2, 10), call(3, 40), call(2, 60)];
const agent: LineAgent = {
  callsBerthingBy: (until) => CALLS.filter((c) => c.berthedAt <= until),
};

/** Harbor as the feed sees it: takes a CSV, or refuses it as told. */
function harbor(answers: ((csv: string) => Error | null)[] = []) {
  const received: string[][] = [];
  return {
    received,
    importSchedule: async (csv: string) => {
      const lines = csv.split('\r\n').slice(1);
      received.push(lines.map((line) => line.split(',').slice(0, 3).join(' ')));
      const error = answers.shift()?.(csv);
      if (error) throw error;
      return { visitsCreated: lines.length };
    },
  };
}

describe('ScheduleFeed', () => {
  it('sends the calls of the next two days, each once', async () => {
    const log: string[] = [];
    const importer = harbor();
    const feed = new ScheduleFeed(agent, importer, (line) => log.push(line));
    await feed.publish(START);
    await feed.publish(at(24));
    await feed.publish(at(48));
    expect(importer.received).toEqual([
      ['1 SHIP 1 26112508', '2 SHIP 2 26112518', '3 SHIP 3 26112700'],
      ['2 SHIP 2 26112720'],
    ]);
    expect(feed.counters).toEqual({ imported: 4, known: 0, failures: 0 });
    expect(log[0]).toBe(
      'schedule: 3 planned visits imported (calls berthing up to 2026-11-27T08:00Z)',
    );
  });

  it('logs a failed import and sends its calls again with the next, unless they have sailed', async () => {
    const log: string[] = [];
    const importer = harbor([() => new HarborApiError('auth.login: fetch failed', null)]);
    const feed = new ScheduleFeed(agent, importer, (line) => log.push(line));
    await feed.publish(START);
    expect(log).toEqual([
      'schedule: import failed (its calls go again with the next): auth.login: fetch failed',
    ]);
    await feed.publish(at(24));
    // SHIP 1 left at +12 h and the first SHIP 2 call at +22 h: too late to plan.
    expect(importer.received[1]).toEqual(['3 SHIP 3 26112700', '2 SHIP 2 26112720']);
    expect(feed.counters).toEqual({ imported: 2, known: 0, failures: 1 });
  });

  it('leaves out the calls Harbor already has from an earlier run, and sends the rest', async () => {
    const refusal = new HarborApiError(
      'visits.importSchedule: line 3.voyage: this vessel already has a visit with this voyage',
      'BAD_REQUEST',
      'visit.import-refused',
      { 'line 3.voyage': ['this vessel already has a visit with this voyage'] },
    );
    const importer = harbor([() => refusal]);
    const feed = new ScheduleFeed(agent, importer, () => {});
    await feed.publish(START);
    expect(importer.received).toEqual([
      ['1 SHIP 1 26112508', '2 SHIP 2 26112518', '3 SHIP 3 26112700'],
      ['1 SHIP 1 26112508', '3 SHIP 3 26112700'],
    ]);
    expect(feed.counters).toEqual({ imported: 2, known: 1, failures: 0 });
    await feed.publish(at(24));
    expect(importer.received[2]).toEqual(['2 SHIP 2 26112720']);
  });

  it('does not retry a file refused for anything else', async () => {
    const refusal = new HarborApiError('bad', 'BAD_REQUEST', 'visit.import-refused', {
      'line 3.voyage': ['this vessel already has a visit with this voyage'],
      'line 2.berth': ['no berth B01 at YSP4'],
    });
    const importer = harbor([() => refusal]);
    const feed = new ScheduleFeed(agent, importer, () => {});
    await feed.publish(START);
    expect(importer.received).toHaveLength(1);
    expect(feed.counters).toEqual({ imported: 0, known: 0, failures: 1 });
  });
});
