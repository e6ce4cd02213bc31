// Arrays go to PostgreSQL as array literals built here, one string per column: node-postgres
// would otherwise walk every element of every array through its generic value preparation,
// which at tens of thousands of fixes a second costs more than the write itself.

/** `{1.5,NULL,3}`: numbers print as float8 input reads them. */
export function numberArray(values: readonly (number | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) out += ',';
    out += value === null || value === undefined ? 'NULL' : String(value);
  }
  return `${out}}`;
}

const NEEDS_ESCAPE = /["\\]/;

/** `{"a","b",NULL}`: every element quoted, backslash and double quote escaped (PostgreSQL manual §8.15.6). */
export function textArray(values: readonly (string | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) out += ',';
    if (value === null || value === undefined) out += 'NULL';
    else if (NEEDS_ESCAPE.test(value)) out += `"${value.replace(/["\\]/g, '\\$&')}"`;
    else out += `"${value}"`;
  }
  return `${out}}`;
}
