import type { Db } from '@harbor/db';
import type { Fix } from '@harbor/shared';
import type { Logger } from 'pino';
import { BusyMeter } from '../../core/busy-meter.ts';
import type { Config } from '../../env.ts';
import { type FixBus, InProcessFixBus } from '../../pipeline/fix-bus.ts';
import { JetStreamFixBus } from '../../pipeline/jetstream-fix-bus.ts';
import { startTracker, type TrackerStats } from '../../pipeline/tracker.ts';
import type { Monitors } from './monitors.ts';

/** The bus, and the tracker consuming it where this process is a tracker. */
export type Pipeline = {
  bus: FixBus;
  tracker: TrackerStats | null;
  /** How busy the tracker's writes keep it (a tracker process): background work yields to it. */
  writing: BusyMeter | null;
  /** The fix stream's partitions this tracker owns (JetStream only). */
  partitions?: () => { owned: number[]; members: number } | null;
  stop(): Promise<void>;
};

/**
 * Each PGlite commit costs its thread a fixed amount (its write-ahead log through synchronous
 * file calls): gathering a batch longer than PostgreSQL's 5 ms means fewer commits, so less
 * CPU per fix. Measured with PGlite on its own thread: 5 ms carried 17,400 fixes/s against
 * 19,400-20,900 (and cost more CPU a fix with the live map following), 50 ms no more than
 * 25. The live map does not wait for it (the live tap takes fixes as the bus accepts them); a
 * terminal's answer waits up to this much longer (docs/benchmarks.md, issue 20).
 */
const PGLITE_GATHER_MS = 25;

/** How long a stopping tracker may take over the after-write step of its last batches. */
const DRAIN_WITHIN_MS = 5_000;

/**
 * The fix bus (NATS JetStream when configured, else in-process) and, given the monitors (a
 * tracker process), the tracker consuming it into the database, the monitors running after
 * each committed batch. What the bus accepts goes to `onAccepted` at once (the live tap, or
 * the relay to every api process). Stopping closes the bus, which ends the tracker's
 * consumption, and waits for the after-write step of the last batches.
 */
export async function startPipeline(deps: {
  config: Pick<Config, 'busUrl' | 'busStream'>;
  db: Db;
  onAccepted: (fixes: readonly Fix[]) => void;
  monitors: Monitors | null;
  logger: Logger;
}): Promise<Pipeline> {
  const { config, db, onAccepted, monitors, logger } = deps;
  const bus: FixBus = config.busUrl
    ? await JetStreamFixBus.connect({
        url: config.busUrl,
        stream: config.busStream,
        // The default stream keeps the subjects it always had; another gets its own.
        subjectPrefix:
          config.busStream === 'HARBOR_FIXES' ? 'harbor.fixes' : `harbor.${config.busStream}`,
        onAccepted,
      })
    : new InProcessFixBus({ onAccepted });
  logger.info({ bus: config.busUrl ? 'NATS JetStream' : 'in-process' }, 'fix bus ready');
  const partitions = bus instanceof JetStreamFixBus ? () => bus.partitionStats() : undefined;
  if (!monitors) return { bus, tracker: null, writing: null, partitions, stop: () => bus.close() };
  const { alertMonitor, safetyMonitor, visitTracker, dispatchMonitor } = monitors;
  // Several trackers: each sweeps for silence and dwell only the assets it consumes.
  const owns = bus.owns?.bind(bus);
  if (owns) alertMonitor.restrictTo(owns);
  const writing = new BusyMeter();
  const tracker = startTracker(
    {
      db,
      bus,
      writing,
      geofence: monitors.geofence,
      afterWrite: async (batch, transitions) => {
        await alertMonitor.observe(batch, transitions);
        await safetyMonitor.observe(batch, transitions);
        await visitTracker.observe(batch, transitions);
        await dispatchMonitor.observe(batch, transitions);
      },
    },
    {
      // Partitions taken over from another tracker: the alert rules catch up on their assets.
      onAssetsGained: (isGained) => alertMonitor.takeOver(isGained),
      ...(db.kind === 'pglite' ? { maxWaitMs: PGLITE_GATHER_MS } : {}),
    },
  );
  logger.info(
    { zones: monitors.geofence.zoneCount },
    'tracker running with geofences and alert rules',
  );
  return {
    bus,
    tracker,
    writing,
    partitions,
    async stop() {
      await bus.close();
      for (let waited = 0; tracker.observing > 0 && waited < DRAIN_WITHIN_MS; waited += 20)
        await new Promise((resolve) => setTimeout(resolve, 20));
    },
  };
}
