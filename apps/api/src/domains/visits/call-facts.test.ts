import { describe, expect, it } from 'vitest';
import { type CallEvent, callFacts } from './call-facts.ts';
import { portDays } from './kpi-tally.ts';

const t = (hour: number) => new Date(Date.UTC(2026, 10, 25, hour));
const event = (
  kind: CallEvent['kind'],
  hour: number,
  berthId: string | null = null,
): CallEvent => ({
  kind,
  at: t(hour),
  berthId,
  terminalId: null,
});
const visit = { id: 'v', eta: null, terminalId: 'planned' };
const terminalOfBerth = (berthId: string) => `terminal of ${berthId}`;

describe('a call read from its events', () => {
  it('takes a berth terminal from the berth when the event names none', () => {
    const facts = callFacts(visit, [event('BERTHED', 1, 'b1')], terminalOfBerth);
    expect(facts.terminalId).toBe('terminal of b1');
    expect(facts.stays).toEqual([{ terminalId: 'terminal of b1', start: t(1), end: null }]);
  });

  it('keeps the planned terminal until the call berths', () => {
    const facts = callFacts(visit, [event('ARRIVED', 0), event('ANCHORED', 1)], terminalOfBerth);
    expect(facts.terminalId).toBe('planned');
    expect(facts.firstBerthedAt).toBeNull();
  });

  it('reads missing steps forgivingly', () => {
    const facts = callFacts(
      visit,
      [
        event('ARRIVED', 0),
        event('ANCHOR_AWEIGH', 1), // nothing anchored: ignored
        event('ANCHORED', 2),
        event('ANCHORED', 3), // already at anchor: still from 2
        event('BERTHED', 5, 'b1'), // ends the wait: 3 h
        event('BERTHED', 7, 'b2'), // no UNBERTHED from b1: that stay ends here
        event('UNBERTHED', 9, 'b2'),
        event('UNBERTHED', 10, 'b2'), // nothing alongside: ignored
        event('DEPARTED', 11),
      ],
      terminalOfBerth,
    );
    expect(facts.anchorageWaitMs).toBe(3 * 3_600_000);
    expect(facts.stays).toEqual([
      { terminalId: 'terminal of b1', start: t(5), end: t(7) },
      { terminalId: 'terminal of b2', start: t(7), end: t(9) },
    ]);
    expect(facts.lastUnberthedAt).toEqual(t(9));
  });

  it('has no turnaround before it departs, nor without an arrival', () => {
    const steps = [event('BERTHED', 1, 'b1'), event('UNBERTHED', 2, 'b1')];
    expect(
      callFacts(visit, [event('ARRIVED', 0), ...steps], terminalOfBerth).lastUnberthedAt,
    ).toBeNull();
    expect(
      callFacts(visit, [...steps, event('DEPARTED', 3)], terminalOfBerth).lastUnberthedAt,
    ).toBeNull();
  });
});

describe('port days', () => {
  it('runs from local midnight to local midnight', () => {
    expect(portDays('2026-11-24', '2026-11-25', 'Asia/Shanghai')).toEqual([
      {
        date: '2026-11-24',
        start: new Date('2026-11-23T16:00:00Z'),
        end: new Date('2026-11-24T16:00:00Z'),
      },
      {
        date: '2026-11-25',
        start: new Date('2026-11-24T16:00:00Z'),
        end: new Date('2026-11-25T16:00:00Z'),
      },
    ]);
  });

  it('is 23 hours long where the clocks go forward', () => {
    const [day] = portDays('2026-03-29', '2026-03-29', 'Europe/London');
    expect(day?.start).toEqual(new Date('2026-03-29T00:00:00Z'));
    expect(day?.end).toEqual(new Date('2026-03-29T23:00:00Z'));
  });
});
