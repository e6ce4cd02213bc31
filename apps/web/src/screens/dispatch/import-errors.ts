import { CSV_COLUMNS } from '@harbor/shared';

/** One problem of a CSV import, as the board lists it. */
export type ImportProblem = { line: number | null; column: string; messages: string[] };

/** Columns in the file's order; a problem of the whole row (no column) first. */
const columnOrder = (column: string) =>
  column ? (CSV_COLUMNS as readonly string[]).indexOf(column) : -1;

const LINE_KEY = /^line (\d+)(?:\.(.*))?$/;

/**
 * Turns the field errors of a refused import (`{ "line 2.window start": [...], "line 3":
 * [...], "csv": [...] }`) into problems sorted by line, then column (in the file's order); errors about the whole
 * file (no line) come first.
 */
export function importProblems(fieldErrors: Record<string, string[]>): ImportProblem[] {
  const problems = Object.entries(fieldErrors).map(([key, messages]): ImportProblem => {
    const match = LINE_KEY.exec(key);
    if (!match) return { line: null, column: key === 'csv' ? '' : key, messages };
    return { line: Number(match[1]), column: match[2] ?? '', messages };
  });
  return problems.sort(
    (a, b) =>
      (a.line ?? Number.NEGATIVE_INFINITY) - (b.line ?? Number.NEGATIVE_INFINITY) ||
      columnOrder(a.column) - columnOrder(b.column),
  );
}

/** One problem as a line of text, e.g. `Line 2, window start: Invalid ISO datetime`. */
export function formatImportProblem(
  problem: ImportProblem,
  words: { line: (line: number) => string; file: string },
): string {
  const where = problem.line === null ? words.file : words.line(problem.line);
  const column = problem.column ? `, ${problem.column}` : '';
  return `${where}${column}: ${problem.messages.join('; ')}`;
}
