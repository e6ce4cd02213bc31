import { describe, expect, it } from 'vitest';
import { alerts } from './alerts.ts';
import { berthPlan } from './berthPlan.ts';
import { common } from './common.ts';
import { containers } from './containers.ts';
import { dispatch } from './dispatch.ts';
import { initialLanguage } from './index.ts';
import { map } from './map.ts';
import { reports } from './reports.ts';
import { vessels } from './vessels.ts';
import { yard } from './yard.ts';

/** Every key path of a nested strings object, e.g. `nav.map`. */
function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) =>
    keys(inner, prefix ? `${prefix}.${key}` : key),
  );
}

describe('languages', () => {
  it('takes the remembered choice first, then the browser, then Chinese', () => {
    expect(initialLanguage('en', ['zh-CN'])).toBe('en');
    expect(initialLanguage(null, ['en-GB', 'zh-CN'])).toBe('en');
    expect(initialLanguage(null, ['fr-FR', 'zh-TW'])).toBe('zh-CN');
    expect(initialLanguage('xx', ['de-DE'])).toBe('zh-CN');
  });

  it.each(
    Object.entries({
      common,
      map,
      vessels,
      berthPlan,
      yard,
      containers,
      dispatch,
      alerts,
      reports,
    }),
  )('has the same %s strings in both languages, none empty', (_name, strings) => {
    expect(keys(strings['zh-CN']).sort()).toEqual(keys(strings.en).sort());
    for (const language of [strings.en, strings['zh-CN']])
      for (const path of keys(language)) {
        const text = path
          .split('.')
          .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], language);
        expect(typeof text === 'string' && text.trim().length > 0, path).toBe(true);
      }
  });
});
