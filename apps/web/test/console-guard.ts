import { format } from 'node:util';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, type MockInstance, vi } from 'vitest';
import { i18n, initialLanguage } from '../src/i18n/index.ts';

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

/**
 * The web's files share a worker's module graph and document (`isolate: false`, about a
 * minute of the suite's time saved): each test's rendered trees are unmounted after it, and
 * each file starts as it would in a document of its own: empty storage, the language the
 * browser's preference gives.
 */
beforeAll(async () => {
  localStorage.clear();
  sessionStorage.clear();
  const language = initialLanguage(null, navigator.languages);
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
});
afterEach(() => {
  cleanup();
});
