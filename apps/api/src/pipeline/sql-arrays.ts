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

function arrayHeader(buffer: Buffer, length: number, hasNull: boolean, oid: number): number {
  buffer.writeInt32BE(length === 0 ? 0 : 1, 0);
  buffer.writeInt32BE(hasNull ? 1 : 0, 4);
  buffer.writeUInt32BE(oid, 8);
  if (length === 0) return 12;
  buffer.writeInt32BE(length, 12);
  buffer.writeInt32BE(1, 16);
  return HEADER_BYTES;
}

/** A float8[] in PostgreSQL's binary form: each element 8 bytes, big-endian IEEE 754. */
export function float8ArrayBinary(values: readonly (number | null)[]): Buffer {
  const buffer = Buffer.allocUnsafe(HEADER_BYTES + values.length * 12);
  let hasNull = false;
  let at = HEADER_BYTES;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      hasNull = true;
      buffer.writeInt32BE(-1, at);
      at += 4;
    } else {
      buffer.writeInt32BE(8, at);
      buffer.writeDoubleBE(value, at + 4);
      at += 12;
    }
  }
  arrayHeader(buffer, values.length, hasNull, FLOAT8_OID);
  return values.length === 0 ? buffer.subarray(0, 12) : buffer.subarray(0, at);
}

/** A text[] in PostgreSQL's binary form: each element its UTF-8 bytes. */
export function textArrayBinary(values: readonly (string | null)[]): Buffer {
  let bytes = HEADER_BYTES;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    bytes += 4 + (value === null || value === undefined ? 0 : Buffer.byteLength(value, 'utf8'));
  }
  const buffer = Buffer.allocUnsafe(bytes);
  let hasNull = false;
  let at = HEADER_BYTES;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      hasNull = true;
      buffer.writeInt32BE(-1, at);
      at += 4;
    } else {
      const length = buffer.write(value, at + 4, 'utf8');
      buffer.writeInt32BE(length, at);
      at += 4 + length;
    }
  }
  arrayHeader(buffer, values.length, hasNull, TEXT_OID);
  return values.length === 0 ? buffer.subarray(0, 12) : buffer;
}
