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
 * One dimension of `values`: `size` gives an element's bytes, `write` writes them at an
 * offset and returns how many it wrote.
 */
function binaryArray<T>(
  values: readonly (T | null | undefined)[],
  oid: number,
  size: (value: T) => number,
  write: (buffer: Buffer, value: T, at: number) => number,
): Buffer {
  // Indexed loops: `for…of` here made an iterator result per element (1 KB a fix over the
  // store's twelve columns, V8's sampling heap profiler; docs/benchmarks.md, issue 20).
  let bytes = values.length === 0 ? 12 : HEADER_BYTES;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    bytes += 4 + (value === null || value === undefined ? 0 : size(value));
  }
  const buffer = Buffer.allocUnsafe(bytes);
  buffer.writeInt32BE(values.length === 0 ? 0 : 1, 0);
  buffer.writeUInt32BE(oid, 8);
  let hasNull = false;
  if (values.length > 0) {
    buffer.writeInt32BE(values.length, 12);
    buffer.writeInt32BE(1, 16);
  }
  let at = values.length === 0 ? 12 : HEADER_BYTES;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      hasNull = true;
      buffer.writeInt32BE(-1, at);
      at += 4;
    } else {
      const length = write(buffer, value, at + 4);
      buffer.writeInt32BE(length, at);
      at += 4 + length;
    }
  }
  buffer.writeInt32BE(hasNull ? 1 : 0, 4);
  return buffer;
}

/** A float8[] in PostgreSQL's binary form: each element 8 bytes, big-endian IEEE 754. */
export function float8ArrayBinary(values: readonly (number | null)[]): Buffer {
  return binaryArray(
    values,
    FLOAT8_OID,
    () => 8,
    (buffer, value, at) => buffer.writeDoubleBE(value, at) - at,
  );
}

/** A text[] in PostgreSQL's binary form: each element its UTF-8 bytes. */
export function textArrayBinary(values: readonly (string | null)[]): Buffer {
  return binaryArray(
    values,
    TEXT_OID,
    (value) => Buffer.byteLength(value, 'utf8'),
    (buffer, value, at) => buffer.write(value, at, 'utf8'),
  );
}
