import { ERROR_CODES } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { alerts } from './alerts.ts';
import { berthPlan } from './berthPlan.ts';
import { common } from './common.ts';
import { containers } from './containers.ts';
import { dispatch } from './dispatch.ts';
import { errors } from './errors.ts';
import { initialLanguage } from './index.ts';
import { map } from './map.ts';
import { portKpis } from './portKpis.ts';
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
      portKpis,
      yard,
      containers,
      dispatch,
      alerts,
      reports,
      errors,
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

  it('has a text for every error code of the api, in both languages, with the same values', () => {
    const codes = [...ERROR_CODES].sort();
    expect(keys(errors.en).sort()).toEqual(codes);
    expect(keys(errors['zh-CN']).sort()).toEqual(codes);
    const values = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const path of codes) {
      const [subject = '', what = ''] = path.split('.');
      const text = (language: typeof errors.en) =>
        (language as Record<string, Record<string, string>>)[subject]?.[what] ?? '';
      expect(values(text(errors['zh-CN'])), path).toEqual(values(text(errors.en)));
    }
  });
});
