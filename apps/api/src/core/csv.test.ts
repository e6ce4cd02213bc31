import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv } from './csv.ts';

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, with their line numbers', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\n\nlast,')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['two\nlines', 'z'] },
      { line: 6, fields: ['last', ''] },
    ]);
  });

  it('keeps the line after a multi-line field and a blank line, and a last record without a line break', () => {
    const text = '\ufeffa,b,c\r\n1,"two, three","say ""hi"""\n\n"multi\nline",x,\n9,8,7';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'two, three', 'say "hi"'] },
      { line: 4, fields: ['multi\nline', 'x', ''] },
      { line: 6, fields: ['9', '8', '7'] },
    ]);
  });

  it('drops blank lines but keeps a line holding an empty quoted field, and spaces before a quote', () => {
    expect(parseCsv('a\n\n""\n  "b"\n')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 3, fields: [''] },
      { line: 4, fields: ['b'] },
    ]);
  });

  it('refuses an unclosed quote and a quote inside an unquoted field, naming the line', () => {
    expect(() => parseCsv('a,b\n1,"open\n')).toThrow(CsvError);
    expect(() => parseCsv('a\n"open')).toThrow(
      expect.objectContaining({
        problems: [
          {
            line: 2,
            message: 'a quoted field is not closed',
            issue: { code: 'rule.csv-unclosed-quote' },
          },
        ],
      }),
    );
    expect(() => parseCsv('a\nb"c')).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ line: 2 })] }),
    );
  });
});

describe('CsvError', () => {
  it('keys each problem by line and column, a whole line by its line, the file as csv', () => {
    const kind = { code: 'invalid-value' };
    const columns = { code: 'rule.csv-column-count', params: { expected: 8, found: 3 } };
    const empty = { code: 'rule.csv-no-rows' };
    const error = new CsvError([
      { line: 3, column: 'kind', message: 'unknown kind', issue: kind },
      { line: 5, message: 'expected 8 columns, found 3', issue: columns },
      { line: null, message: 'the file has no rows', issue: empty },
    ]);
    expect(error.issues).toEqual([
      { path: ['line 3', 'kind'], message: 'unknown kind', fieldIssue: kind },
      { path: ['line 5'], message: 'expected 8 columns, found 3', fieldIssue: columns },
      { path: ['csv'], message: 'the file has no rows', fieldIssue: empty },
    ]);
  });
});
