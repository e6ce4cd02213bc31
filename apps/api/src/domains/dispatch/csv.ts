/**
 * A small RFC 4180 CSV reader: fields separated by commas, optionally quoted with `"`
 * (a doubled `""` inside quotes is one quote; quoted fields may hold commas and line
 * breaks), records ended by CRLF or LF. A UTF-8 byte order mark is dropped. Each record
 * keeps the line it started on, so errors can name it.
 */
export type CsvRecord = { line: number; cells: string[] };

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let isQuoted = false;
  let wasQuoted = false;
  const endRecord = () => {
    cells.push(cell);
    // A blank line is no record.
    if (!(cells.length === 1 && cells[0] === '' && !wasQuoted))
      records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
    wasQuoted = false;
  };
  for (; i < text.length; i++) {
    const char = text[i];
    if (isQuoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else isQuoted = false;
      } else {
        if (char === '\n') line++;
        cell += char;
      }
      continue;
    }
    if (char === '"') {
      if (cell.trim() !== '')
        throw new CsvSyntaxError(line, 'a quote inside an unquoted field; quote the whole field');
      cell = '';
      isQuoted = true;
      wasQuoted = true;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
      wasQuoted = false;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += char;
    }
  }
  if (isQuoted) throw new CsvSyntaxError(recordLine, 'a quoted field is never closed');
  if (cell !== '' || cells.length > 0 || wasQuoted) endRecord();
  return records;
}
