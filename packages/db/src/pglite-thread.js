// The embedded database's own thread (create-db.ts starts it): PGlite, serving PostgreSQL's
// protocol on a Unix socket through pglite-socket, so that PGlite's work, its synchronous file
// writes at each commit above all, no longer holds the event loop that answers terminals and
// feeds the live map. Plain JavaScript: Node starts a worker thread outside any TypeScript
// loader.
import { readlinkSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** @type {{ dataDir: string | undefined, socketPath: string }} */
const { dataDir, socketPath } = workerData;
const db = await PGlite.create(dataDir);
const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 1 });
await server.start();
parentPort?.on('message', async (message) => {
  if (message !== 'close') return;
  await server.stop();
  await db.close();
  process.exit(0);
});
/** This thread's id in the kernel (Linux), whose CPU time /metrics reports; null elsewhere. */
function kernelThreadId() {
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return null;
  }
}
parentPort?.postMessage({ threadId: kernelThreadId() });
