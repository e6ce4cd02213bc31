/** One problem of a refused schedule import, by CSV line. */
export type ImportProblem = { line: number | null; field: string; message: string };

/**
 * The api's `fieldErrors` of a refused import (`{ "line 3.eta": ["..."] }`) as a list by
 * line, then field; keys without a line (`csv`) come first.
 */
export function importProblems(fieldErrors: Record<string, string[]>): ImportProblem[] {
  const problems: ImportProblem[] = [];
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const match = key.match(/^line (\d+)(?:\.(.+))?$/);
    const line = match ? Number(match[1]) : null;
    const field = match ? (match[2] ?? '') : key;
    for (const message of messages) problems.push({ line, field, message });
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.field.localeCompare(b.field));
}
