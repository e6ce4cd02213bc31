import { ERROR_CODES } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { errors } from './errors.ts';
import { initialLanguage, namespaces } from './index.ts';

/**
 * Words a Chinese port or fleet user reads as they are: abbreviations and names of the trade
 * (AIS, MMSI, JT/T 808, TEU ...), units, formats and product names.
 */
const TRADE_WORDS = new Set([
  'Harbor',
  'AIS',
  'MMSI',
  'IMO',
  'ETA',
  'ETD',
  'ATA',
  'ATB',
  'ATD',
  'API',
  'CSV',
  'JT',
  'GPS',
  'TEU',
  'KPI',
  'KPIs',
  'UTC',
  'URL',
  'SIM',
  'VIN',
  'ISO',
  'DCSA',
  'LOCODE',
  'SMDG',
  'YYYY-MM-DD',
  'VTS',
  'CPA',
  'TCPA',
  'ACC',
  'NMEA',
  'OpenStreetMap',
  'Esri',
  'Tianditu',
  'AMap',
  'README',
  'JSON',
  // An example container number, the demo password, a distress beacon's AIS name.
  'CSQU',
  'harbor-demo',
  'AIS-SART',
  // What a user types or sends as it is: a key name, an HTTP header and path, an example email.
  'Tab',
  'Authorization',
  'Bearer',
  'ingest',
  'OCR',
  'name',
  'example',
  'com',
]);

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

  it.each(Object.entries(namespaces))(
    'has the same %s strings in both languages, none empty',
    (_name, strings) => {
      expect(keys(strings['zh-CN']).sort()).toEqual(keys(strings.en).sort());
      for (const language of [strings.en, strings['zh-CN']])
        for (const path of keys(language)) {
          const text = path
            .split('.')
            .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], language);
          expect(typeof text === 'string' && text.trim().length > 0, path).toBe(true);
        }
    },
  );

  it('says everything in Chinese in zh-CN: no English word but the trade’s own abbreviations', () => {
    const english: string[] = [];
    for (const [name, strings] of Object.entries(namespaces))
      for (const path of keys(strings['zh-CN'])) {
        const text = path
          .split('.')
          .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], strings['zh-CN']);
        const words = String(text)
          // Values and nested texts are filled in, not read.
          .replace(/\{\{[^}]*\}\}|\$t\([^)]*\)/g, ' ')
          .match(/[A-Za-z][A-Za-z'’-]{2,}/g);
        for (const word of words ?? [])
          if (!TRADE_WORDS.has(word)) english.push(`${name}:${path}: ${word}`);
      }
    expect(english).toEqual([]);
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
