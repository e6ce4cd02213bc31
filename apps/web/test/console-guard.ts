import { format } from 'node:util';
import { afterEach, beforeEach, type MockInstance, vi } from 'vitest';

/**
 * Every web unit test fails on a console.error or console.warn. React's development build,
 * which these tests render with, reports its mistakes there: a list without keys, an input
 * turning from uncontrolled to controlled, an element where HTML allows none, an unknown
 * prop, an update outside act(). The browser tests run the production build, which says
 * nothing of them, so this is where they are caught.
 */
let said: string[] = [];
let spies: MockInstance[] = [];

beforeEach(() => {
  said = [];
  spies = (['error', 'warn'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      said.push(`console.${level}: ${format(...args)}`);
    }),
  );
});

afterEach(() => {
  for (const spy of spies) spy.mockRestore();
  if (said.length > 0) throw new Error(`the test wrote to the console:\n${said.join('\n---\n')}`);
});
