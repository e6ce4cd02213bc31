import { createTestDb, type TestDb, testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { float8ArrayBinary, numberArray, textArray, textArrayBinary } from './sql-arrays.ts';

// The fix store's arrays, read back by the database itself: every value as it was sent, in
// the binary form (what the store sends) and as array literals (what the other statements send).
describe.each(testDbTargets())('arrays for the database on %s', (target) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(target);
  });
  afterAll(() => db.drop());

  const numbers = [0, -0, 1e-7, 0.1 + 0.2, -33.123456789, 1796522400123, 1e300, -1e-300, null, 42];
  const texts = [
    'plain',
    'a"b',
    'back\\slash',
    'comma,{brace}',
    'NULL',
    '',
    ' spaced ',
    '码头-1',
    null,
    '🚢',
  ];

  const roundTrip = async <T>(sql: string, value: unknown): Promise<T[]> => {
    const { rows } = await db.sql.query<{ value: T[] }>(sql, [value]);
    return rows[0]?.value ?? [];
  };

  it('reads every float8 back exactly, NULLs included, in the binary form and as a literal', async () => {
    const read = async (sent: unknown) => {
      const { rows } = await db.sql.query<{ value: string | null }>(
        'SELECT v::text AS value FROM unnest($1::float8[]) WITH ORDINALITY AS a(v, i) ORDER BY i',
        [sent],
      );
      // As text, so that the last digit of each number is compared too.
      return rows.map((row) => (row.value === null ? null : Number(row.value)));
    };
    expect(await read(float8ArrayBinary(numbers))).toEqual(numbers);
    // A literal prints -0 as 0 (String(-0)); the binary form keeps its sign.
    expect(await read(numberArray(numbers))).toEqual(
      numbers.map((n) => (Object.is(n, -0) ? 0 : n)),
    );
  });

  it('reads every text back exactly, NULLs and any UTF-8 included', async () => {
    for (const sent of [textArrayBinary(texts), textArray(texts)])
      expect(await roundTrip('SELECT $1::text[] AS value', sent)).toEqual(texts);
  });

  it('takes empty arrays, and arrays of NULLs only', async () => {
    expect(await roundTrip('SELECT $1::float8[] AS value', float8ArrayBinary([]))).toEqual([]);
    expect(await roundTrip('SELECT $1::text[] AS value', textArrayBinary([]))).toEqual([]);
    expect(
      await roundTrip('SELECT $1::float8[] AS value', float8ArrayBinary([null, null])),
    ).toEqual([null, null]);
    expect(await roundTrip('SELECT $1::text[] AS value', textArrayBinary([null]))).toEqual([null]);
  });
});
