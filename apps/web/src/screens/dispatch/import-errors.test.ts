import { describe, expect, it } from 'vitest';
import { formatImportProblem, importProblems } from './import-errors.ts';

const words = { line: (line: number) => `Line ${line}`, file: 'File' };

describe('CSV import errors', () => {
  it('sorts problems by line number (not text), then column in file order, file-wide ones first', () => {
    const problems = importProblems({
      'line 10.reference': ['reference repeats line 2'],
      'line 2.window end': ['window end must be after window start'],
      'line 2.window start': ['Invalid ISO datetime'],
      'line 2.drop-off zone code': ['unknown zone XX'],
      'line 2': ['reference repeats line 1'],
      'line 1': ['the header row must be: reference,kind'],
      csv: ['the file is empty'],
    });
    expect(problems.map((problem) => [problem.line, problem.column])).toEqual([
      [null, ''],
      [1, ''],
      [2, ''],
      [2, 'drop-off zone code'],
      [2, 'window start'],
      [2, 'window end'],
      [10, 'reference'],
    ]);
  });

  it('formats a problem with its line, column and every message', () => {
    const [problem] = importProblems({
      'line 3.window end': ['Invalid ISO datetime', 'window end must be after window start'],
    });
    expect(problem && formatImportProblem(problem, words)).toBe(
      'Line 3, window end: Invalid ISO datetime; window end must be after window start',
    );
  });

  it('formats a problem of a whole line or of the file', () => {
    const problems = importProblems({ 'line 4': ['expected 8 columns, found 7'], csv: ['empty'] });
    expect(problems.map((problem) => formatImportProblem(problem, words))).toEqual([
      'File: empty',
      'Line 4: expected 8 columns, found 7',
    ]);
  });
});
