import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { i18n, initialLanguage } from '../src/i18n/index.ts';

/**
 * The web's files share a worker's module graph and document (`isolate: false` in
 * vitest.config.ts, about a minute of the suite's time saved): each test's rendered trees are
 * unmounted after it, and each file starts as it would in a document of its own: empty
 * storage, the language the browser's preference gives.
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
