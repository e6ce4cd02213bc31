import type { FieldIssue, ValidationRule } from '@harbor/shared';

/**
 * The CSV reader of every import (dispatch jobs, berth schedules) and the one error they
 * refuse a file with.
 *
 * RFC 4180 records: fields separated by commas, records by CRLF or LF; a field in double
 * quotes may hold commas, line breaks and doubled quotes (§2.5-2.7). A UTF-8 byte order mark
 * (Excel writes one) is skipped; blank lines are dropped. Each record keeps the line it
 * starts on, so a problem can name it.
 */
export type CsvRecord = { line: number; fields: string[] };

/**
 * One problem of a file: its line (1-based; `null` for the file as a whole) and column, if one
 * is at fault; `message` in English, `issue` the same as a code a client translates.
 */
export type CsvProblem = {
  line: number | null;
  column?: string;
  message: string;
  issue: FieldIssue;
};

/**
 * A file refused with every problem found in it. `issues` are shaped like a zod failure's,
 * so the error formatter lists them as field errors keyed `line N.column` (`line N` for a
 * whole line, `csv` for the whole file).
 */
export class CsvError extends Error {
  override name = 'CsvError';
  readonly issues: { path: string[]; message: string; fieldIssue: FieldIssue }[];

  constructor(readonly problems: CsvProblem[]) {
    super(`${problems.length} problem(s) in the file; nothing was imported`);
    this.issues = problems.map(({ line, column, message, issue }) => ({
      path: line === null ? ['csv'] : [`line ${line}`, ...(column ? [column] : [])],
      message,
      fieldIssue: issue,
    }));
  }
}

/** A problem of a contract's own rule (VALIDATION_RULES), with the values its text needs. */
export const ruleIssue = (
  rule: ValidationRule,
  params?: Readonly<Record<string, string | number>>,
): FieldIssue => (params ? { code: `rule.${rule}`, params } : { code: `rule.${rule}` });

const syntaxError = (line: number, message: string, rule: ValidationRule) =>
  new CsvError([{ line, message, issue: ruleIssue(rule) }]);

/** The file's records; throws a `CsvError` naming the line of a quote out of place. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let isQuoted = false;
  let wasQuoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    fields.push(field);
    // A blank line is no record; a line holding only `""` is one with an empty field.
    if (fields.length > 1 || fields[0] !== '' || wasQuoted)
      records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    wasQuoted = false;
  };
  for (; i < text.length; i++) {
    const char = text[i];
    if (isQuoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        isQuoted = false;
      } else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"') {
      // Spaces before the opening quote are dropped; anything else there is a mistake.
      if (field.trim() !== '')
        throw syntaxError(
          line,
          'a quote inside an unquoted field; quote the whole field',
          'csv-quote',
        );
      field = '';
      isQuoted = true;
      wasQuoted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
      wasQuoted = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += char;
    }
  }
  if (isQuoted) throw syntaxError(recordLine, 'a quoted field is not closed', 'csv-unclosed-quote');
  endRecord();
  return records;
}
