import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads plain and quoted fields, keeping each record line', () => {
    const text = '\ufeffa,b,c\r\n1,"two, three","say ""hi"""\n\n"multi\nline",x,\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['1', 'two, three', 'say "hi"'] },
      { line: 4, cells: ['multi\nline', 'x', ''] },
    ]);
  });

  it('reads a last record without a line break', () => {
    expect(parseCsv('a,b\n1,2')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
    ]);
  });

  it('names the line of an unclosed quote or a stray quote', () => {
    expect(() => parseCsv('a,b\n1,"open\n')).toThrow(
      new CsvSyntaxError(2, 'a quoted field is never closed'),
    );
    expect(() => parseCsv('a,b\n1,x"y\n')).toThrow(CsvSyntaxError);
  });
});
