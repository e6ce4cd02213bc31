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

// PostgreSQL's binary array format, as array_recv reads a parameter sent in binary (node-postgres
// sends a Buffer so): the number of dimensions (1, or 0 when empty), whether any element is
// NULL, the element type's oid, the length and lower bound (1) of the dimension, then each
// element as its length (-1 for NULL) and its bytes in the type's binary form. For the fix
// store's columns: no number is printed by Harbor and parsed again by PostgreSQL, and nothing
// is made per element (docs/benchmarks.md, issue 20).

const FLOAT8_OID = 701;
const TEXT_OID = 25;
const HEADER_BYTES = 20;

/**
 * The array's header in `view`: one dimension of `count` elements (none when empty), whether
 * any is NULL, the element type; returns where the elements start.
 */
function writeHeader(view: DataView, count: number, oid: number, hasNull: boolean): number {
  view.setInt32(0, count === 0 ? 0 : 1);
  view.setInt32(4, hasNull ? 1 : 0);
  view.setUint32(8, oid);
  if (count === 0) return 12;
  view.setInt32(12, count);
  view.setInt32(16, 1);
  return HEADER_BYTES;
}

function viewOf(buffer: Buffer): DataView {
  return new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

// Each written by a loop of its own over the values, through a DataView, with nothing made
// per element. Through one shared helper taking the element's size and writer as functions,
// the fix store's twelve columns took 1.1 µs a fix; so, 0.45-0.5 (bench/fix-store.ts,
// docs/benchmarks.md, issue 20). Indexed loops: `for…of` made an iterator result per element.

/** A float8[] in PostgreSQL's binary form: each element 8 bytes, big-endian IEEE 754. */
export function float8ArrayBinary(values: readonly (number | null)[]): Buffer {
  let nulls = 0;
  for (let i = 0; i < values.length; i++)
    if (values[i] === null || values[i] === undefined) nulls++;
  const buffer = Buffer.allocUnsafe(
    (values.length === 0 ? 12 : HEADER_BYTES) + 4 * values.length + 8 * (values.length - nulls),
  );
  const view = viewOf(buffer);
  let at = writeHeader(view, values.length, FLOAT8_OID, nulls > 0);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      view.setInt32(at, -1);
      at += 4;
    } else {
      view.setInt32(at, 8);
      view.setFloat64(at + 4, value);
      at += 12;
    }
  }
  return buffer;
}

/**
 * A text[] in PostgreSQL's binary form: each element its UTF-8 bytes. ASCII, what the fix
 * store's columns hold (kinds, phones, statuses), is copied a character at a time; anything
 * else goes through node's UTF-8 encoder.
 */
export function textArrayBinary(values: readonly (string | null)[]): Buffer {
  let bytes = (values.length === 0 ? 12 : HEADER_BYTES) + 4 * values.length;
  let hasNull = false;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) hasNull = true;
    else bytes += isAscii(value) ? value.length : Buffer.byteLength(value, 'utf8');
  }
  const buffer = Buffer.allocUnsafe(bytes);
  const view = viewOf(buffer);
  let at = writeHeader(view, values.length, TEXT_OID, hasNull);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      view.setInt32(at, -1);
      at += 4;
      continue;
    }
    const length = writeText(buffer, value, at + 4);
    view.setInt32(at, length);
    at += 4 + length;
  }
  return buffer;
}

function isAscii(value: string): boolean {
  for (let c = 0; c < value.length; c++) if (value.charCodeAt(c) > 0x7f) return false;
  return true;
}

/** `value` as UTF-8 at `at`; its bytes. ASCII a character at a time, the rest by node's encoder. */
function writeText(buffer: Buffer, value: string, at: number): number {
  for (let c = 0; c < value.length; c++) {
    const code = value.charCodeAt(c);
    // Not ASCII: node writes the whole of it, over what was copied so far.
    if (code > 0x7f) return buffer.write(value, at, 'utf8');
    buffer[at + c] = code;
  }
  return value.length;
}
