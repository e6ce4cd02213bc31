// Who may see what, for every procedure of the app router and every kind of user: a table
// of the expected outcome (allowed, or refused with UNAUTHORIZED, FORBIDDEN or NOT_FOUND) and
// of what an allowed answer or stream may hold, never another organization's trucks, jobs,
// alerts or people. A procedure without a row fails the first test. The rows are in
// test/visibility/*; the seeded world in test/worlds/visibility.ts.
import { setTimeout as sleep } from 'node:timers/promises';
import { testDbTargets } from '@harbor/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/runtime/app-router.ts';
import type { Entry, Published, Run, Stream } from './visibility/entry.ts';
import { freshFor } from './visibility/fresh.ts';
import { organizationTable } from './visibility/organization-table.ts';
import { portTable } from './visibility/port-table.ts';
import type { Outcome, Problems } from './visibility/rule.ts';
import { streams } from './visibility/streams.ts';
import { streamedAlert, streamedJobChange } from './worlds/harbor-services.ts';
import {
  buildVisibilityWorld,
  fixOf,
  PHONES,
  T0,
  type ViewerKey,
  type VisibilityWorld,
  type Who,
} from './worlds/visibility.ts';

const table: Record<string, Entry> = { ...organizationTable, ...portTable };

const outcomeOf = (error: unknown): string =>
  error instanceof TRPCError ? error.code : `not a TRPCError: ${String(error)}`;

/** Per viewer: what a call came to (OK, or the refusal), and problems with what it showed. */
type Verdict = {
  outcomes: Partial<Record<ViewerKey, Outcome | string>>;
  problems: Partial<Record<ViewerKey, Problems>>;
};

describe.each(testDbTargets())('who sees what, procedure by procedure, on %s', (target) => {
  let world: VisibilityWorld;
  beforeAll(async () => {
    world = await buildVisibilityWorld(target);
  }, 120_000);
  afterAll(() => world.db.drop());

  const viewer = (key: ViewerKey): Who => {
    const who = world.viewers.find((candidate) => candidate.key === key);
    if (!who) throw new Error(`no viewer ${key}`);
    return who;
  };
  const runAs = (who: Who, signal?: AbortSignal): Run => ({
    as: world.caller(who, signal),
    who,
    world,
    fresh: freshFor(world),
    by: (key) => world.caller(viewer(key)),
  });
  const expected = (expect: (who: Who) => Outcome): Verdict => ({
    outcomes: Object.fromEntries(world.viewers.map((who) => [who.key, expect(who)])),
    problems: {},
  });

  it('has a row for every procedure of the app router, and no other', () => {
    const rows = [...Object.keys(table), ...Object.keys(streams)].sort();
    expect(rows).toEqual(Object.keys(appRouter._def.procedures).sort());
  });

  it.each(Object.keys(table))('%s', async (path) => {
    const row = table[path] as Entry;
    const verdict: Verdict = { outcomes: {}, problems: {} };
    for (const who of world.viewers) {
      const run = runAs(who);
      try {
        const answer = await row.call(run);
        verdict.outcomes[who.key] = 'OK';
        const problems = await row.check(answer, run);
        if (problems.length > 0) verdict.problems[who.key] = problems;
      } catch (error) {
        verdict.outcomes[who.key] = outcomeOf(error);
      }
    }
    expect(verdict).toEqual(expected(row.expect));
  });

  it('streams positions, alerts and job changes only to whoever may see them', async () => {
    type Subscriber = {
      path: string;
      stream: Stream;
      run: Run;
      stop: AbortController;
      items: unknown[];
      error: unknown;
    };
    const subscribers: Subscriber[] = [];
    for (const [path, stream] of Object.entries(streams))
      for (const who of world.viewers) {
        const stop = new AbortController();
        const subscriber: Subscriber = {
          path,
          stream,
          run: runAs(who, stop.signal),
          stop,
          items: [],
          error: null,
        };
        subscribers.push(subscriber);
        void (async () => {
          try {
            for await (const item of await stream.open(subscriber.run)) subscriber.items.push(item);
          } catch (error) {
            if (!stop.signal.aborted) subscriber.error = error;
          }
        })();
      }
    const allowed = (hub: Stream['listensOn']) =>
      subscribers.filter((s) => s.stream.listensOn === hub && s.stream.expect(s.run.who) === 'OK')
        .length;
    const listening = () => {
      const { positions, alerts, jobs } = world.live.listeners();
      return (
        positions >= allowed('positions') && alerts >= allowed('alerts') && jobs >= allowed('jobs')
      );
    };
    await expect.poll(listening, { timeout: 10_000 }).toBe(true);

    const at = new Date(T0.getTime() + 60_000);
    const published: Published = {
      fixAt: at.toISOString(),
      alerts: [
        { id: world.dhcl.alert, owner: 'dhcl' },
        { id: world.lgft.alert, owner: 'lgft' },
        { id: world.portAlert, owner: null },
      ],
      jobs: [
        { id: world.dhcl.job, owner: 'dhcl' },
        { id: world.lgft.job, owner: 'lgft' },
      ],
    };
    await world.live.publish({
      fixes: [
        fixOf('VEHICLE', PHONES.dhcl, at),
        fixOf('VEHICLE', PHONES.lgft, at),
        fixOf('VEHICLE', PHONES.unregistered, at),
        fixOf('VESSEL', world.vessel.mmsi, at),
      ],
      alerts: await Promise.all(published.alerts.map(({ id }) => streamedAlert(world.db, id))),
      jobChanges: await Promise.all(
        published.jobs.map(({ id }) => streamedJobChange(world.db, id)),
      ),
    });

    const problemsOf = (s: Subscriber) => s.stream.heard(s.items, s.run, published);
    const settled = (s: Subscriber) => s.error !== null || problemsOf(s).length === 0;
    // Until everyone heard what it should (at most 10 s: what is wrong shows in the verdict),
    // then long enough for anything that should not come to have come.
    for (let waited = 0; waited < 10_000 && !subscribers.every(settled); waited += 50)
      await sleep(50);
    await sleep(300);
    for (const s of subscribers) s.stop.abort();

    const verdicts: Record<string, Verdict> = {};
    const expectations: Record<string, Verdict> = {};
    for (const [path, stream] of Object.entries(streams)) {
      verdicts[path] = { outcomes: {}, problems: {} };
      expectations[path] = expected(stream.expect);
    }
    for (const s of subscribers) {
      const verdict = verdicts[s.path] as Verdict;
      const key = s.run.who.key;
      verdict.outcomes[key] = s.error === null ? 'OK' : outcomeOf(s.error);
      const problems = s.error === null ? problemsOf(s) : [];
      if (problems.length > 0) verdict.problems[key] = problems;
    }
    expect(verdicts).toEqual(expectations);
  });
});
