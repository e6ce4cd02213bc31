import type { ViewerKey, VisibilityWorld, Who } from '../worlds/visibility.ts';
import type { freshFor } from './fresh.ts';
import type { Outcome, Problems } from './rule.ts';

export type Caller = ReturnType<VisibilityWorld['caller']>;

/** One call of the table: as `who`, through `as`, in the shared world. */
export type Run = {
  as: Caller;
  who: Who;
  world: VisibilityWorld;
  fresh: ReturnType<typeof freshFor>;
  /** Another viewer's caller, to set a call up (an invitation to accept). */
  by(key: ViewerKey): Caller;
};

/** A query or mutation: how to call it, who gets what, and what an answer may show. */
export type Entry = {
  call(run: Run): Promise<unknown>;
  expect(who: Who): Outcome;
  check(answer: unknown, run: Run): Promise<Problems>;
};

/** An entry whose check reads the procedure's own answer type. */
export function entry<T>(spec: {
  call(run: Run): Promise<T>;
  expect(who: Who): Outcome;
  check?(answer: T, run: Run): Problems | Promise<Problems>;
}): Entry {
  return {
    call: spec.call,
    expect: spec.expect,
    check: async (answer, run) => (spec.check ? spec.check(answer as T, run) : []),
  };
}

/** A subscription: how to open it, who may, and what a subscriber must have heard. */
export type Stream = {
  open(run: Run): Promise<AsyncIterable<unknown>>;
  expect(who: Who): Outcome;
  /** Which hub it listens on once open (replay listens on none). */
  listensOn: 'positions' | 'alerts' | 'jobs' | null;
  /** Problems with what arrived after the test published; none once all expected came. */
  heard(items: unknown[], run: Run, published: Published): Problems;
};

/** What the test published while the subscriptions listened, by owner. */
export type Published = {
  fixAt: string;
  alerts: { id: string; owner: 'dhcl' | 'lgft' | null }[];
  jobs: { id: string; owner: 'dhcl' | 'lgft' }[];
};
