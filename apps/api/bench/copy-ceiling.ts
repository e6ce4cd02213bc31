import { createRequire } from 'node:module';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { postgresCpuSeconds } from './cpu.ts';

// The database's raw ceiling for the end-to-end benchmark (bench/e2e-ingest.ts): PostgreSQL's
// own `COPY` of as many fix rows as the throughput run sent, into a table shaped like the
// history table (`LIKE "PositionFix"`: its columns, defaults, primary key and BRIN index, as
// a plain table where "PositionFix" is partitioned by day). Rows like the run's: the same
// trucks, each truck's fixes a second apart, positions in the port of Yangshan. The rows are
// made before the clock starts, so the time is PostgreSQL's (and the socket's), not the
// making of text.

// The pg driver Harbor uses (@harbor/db's dependency), loaded from where @harbor/db finds it.
type PgClient = {
  connect(): Promise<void>;
  query(text: string): Promise<unknown>;
  query<T extends Writable>(stream: T): T;
  end(): Promise<void>;
};
type PgModule = { Client: new (config: { connectionString: string }) => PgClient };
type CopyFromStream = Writable & { rowCount: number };
const pg = createRequire(import.meta.resolve('@harbor/db'))('pg') as PgModule;
const { from: copyFrom } = createRequire(import.meta.url)('pg-copy-streams') as {
  from(text: string): CopyFromStream;
};

const TABLE = 'bench_copy_ceiling';
const COLUMNS = `"assetKind", "assetKey", "fixAt", "receivedAt", lat, lon, "speedKnots", "courseDeg", "headingDeg", "altitudeM", status, source`;
/** Yangshan's quays and roads, where the load generator's trucks drive. */
const PORT = { minLat: 30.6, maxLat: 30.66, minLon: 122.0, maxLon: 122.12 };
const ROWS_PER_CHUNK = 5_000;

export type CopyCeiling = {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** PostgreSQL's CPU per row (all its processes, as bench/cpu.ts counts them). */
  postgresUsPerRow: number;
};

/** `rows` fix rows as COPY text, in chunks, truck after truck as the run sent them. */
function copyText(rows: number, terminalPhones: readonly string[], startMs: number): Buffer[] {
  const chunks: Buffer[] = [];
  const trucks = terminalPhones.length;
  // A deterministic walk per truck through the port.
  let seed = 20;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const lat = terminalPhones.map(() => PORT.minLat + random() * (PORT.maxLat - PORT.minLat));
  const lon = terminalPhones.map(() => PORT.minLon + random() * (PORT.maxLon - PORT.minLon));
  const receivedAt = Date.now();
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const truck = i % trucks;
    const report = Math.floor(i / trucks);
    const fixAt = startMs + report * 1000;
    lat[truck] = Math.min(
      PORT.maxLat,
      Math.max(PORT.minLat, (lat[truck] ?? 0) + (random() - 0.5) * 2e-4),
    );
    lon[truck] = Math.min(
      PORT.maxLon,
      Math.max(PORT.minLon, (lon[truck] ?? 0) + (random() - 0.5) * 2e-4),
    );
    lines.push(
      `VEHICLE\t${terminalPhones[truck]}\t${new Date(fixAt).toISOString()}\t${new Date(receivedAt + i / 30).toISOString()}\t` +
        `${(lat[truck] ?? 0).toFixed(6)}\t${(lon[truck] ?? 0).toFixed(6)}\t32.4\t${(report * 7) % 360}\t\\N\t10\tACC_ON\tJT808\n`,
    );
    if (lines.length === ROWS_PER_CHUNK) {
      chunks.push(Buffer.from(lines.join('')));
      lines = [];
    }
  }
  if (lines.length > 0) chunks.push(Buffer.from(lines.join('')));
  return chunks;
}

/**
 * COPY of `rows` fix rows into a fresh table like "PositionFix" in the database at `url`
 * (dropped afterwards): wall time, rows a second and PostgreSQL's CPU per row.
 */
export async function copyCeiling(
  url: string,
  options: { rows: number; terminalPhones: readonly string[]; start: Date },
): Promise<CopyCeiling> {
  const chunks = copyText(options.rows, options.terminalPhones, options.start.getTime());
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS ${TABLE}`);
    await client.query(
      `CREATE TABLE ${TABLE} (LIKE "PositionFix" INCLUDING DEFAULTS INCLUDING INDEXES)`,
    );
    const cpuBefore = postgresCpuSeconds();
    const began = performance.now();
    const sink = client.query(copyFrom(`COPY ${TABLE} (${COLUMNS}) FROM STDIN`));
    await pipeline(Readable.from(chunks), sink);
    const seconds = (performance.now() - began) / 1000;
    const cpu = postgresCpuSeconds() - cpuBefore;
    return {
      rows: sink.rowCount,
      seconds,
      rowsPerSecond: sink.rowCount / seconds,
      postgresUsPerRow: (cpu * 1e6) / Math.max(1, sink.rowCount),
    };
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${TABLE}`).catch(() => undefined);
    await client.end();
  }
}
