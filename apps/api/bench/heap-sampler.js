// Loaded (`node --import`) into a Harbor process the benchmark starts while BENCH_HEAP_PROF
// names a directory (test/harbor-process.ts). Where Harbor's garbage comes from, over a window
// the benchmark chooses: the first SIGUSR2 starts V8's sampling heap profiler, the second stops
// it and writes the profile to BENCH_HEAP_PROF/harbor-<pid>.heapprofile (the file appears
// whole: written beside, then renamed).
//
// Unlike `node --heap-prof`, which keeps only what is still alive at exit, this profile keeps
// what the garbage collector took back meanwhile (V8's includeObjectsCollectedByMajorGC and
// ...MinorGC): every allocation is sampled, short-lived or not, so it says which code makes a
// fix's garbage (bench/profile-summary.ts, summariseHeapProfile). One sample about every
// 16 KiB allocated, as DevTools' default is 32: a run allocates gigabytes.
import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.BENCH_HEAP_PROF;
const SAMPLING_INTERVAL = 16_384;
// BENCH_ALLOC_SURVIVORS=1: only what outlived a young-generation collection (what the scavenger
// copies, and promotes to the old generation): the objects behind the scavenges' pauses.
const survivors = process.env.BENCH_ALLOC_SURVIVORS === '1';

if (dir) {
  const session = new Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) =>
      session.post(method, params ?? {}, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    );
  let isSampling = false;
  process.on('SIGUSR2', () => {
    const wasSampling = isSampling;
    isSampling = !isSampling;
    const step = wasSampling
      ? post('HeapProfiler.stopSampling').then(({ profile }) => {
          const file = join(dir, `harbor-${process.pid}.heapprofile`);
          writeFileSync(`${file}.part`, JSON.stringify(profile));
          renameSync(`${file}.part`, file);
        })
      : post('HeapProfiler.startSampling', {
          samplingInterval: SAMPLING_INTERVAL,
          includeObjectsCollectedByMajorGC: true,
          includeObjectsCollectedByMinorGC: !survivors,
        });
    step.catch((error) => process.stderr.write(`heap sampler: ${error}\n`));
  });
}
