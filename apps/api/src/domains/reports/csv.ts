/** RFC 4180 §2.6-2.7: a field holding a comma, quote or line break is quoted, quotes doubled. */
function field(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  // A text cell starting like a formula would run in a spreadsheet (OWASP "CSV injection").
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A CSV document: CRLF line ends (RFC 4180 §2.1), UTF-8 with a byte order mark, which is
 * what makes Excel read it as UTF-8 and show Chinese plates instead of mojibake.
 */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const lines = [header, ...rows].map((row) => row.map(field).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
