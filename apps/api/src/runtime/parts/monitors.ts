import type { Db } from '@harbor/db';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.ts';
import { AlertMonitor } from '../../domains/alerts/monitor.ts';
import { type JobChangeTopic, jobChangeTopic } from '../../domains/dispatch/job-changes.ts';
import { DispatchMonitor } from '../../domains/dispatch/monitor.ts';
import { requestProofPhoto } from '../../domains/dispatch/proof.ts';
import type { ZoneFences } from '../../domains/port/zones.ts';
import { SafetyMonitor } from '../../domains/safety/monitor.ts';
import type { TerminalCommander } from '../../domains/vehicles/commands.ts';
import type { CallPolicy } from '../../domains/visits/call-policy.ts';
import { VisitTracker } from '../../domains/visits/visit-tracker.ts';
import { loadFenceZones } from '../../pipeline/fence-zones.ts';
import { GeofenceEngine } from '../../pipeline/geofence-engine.ts';
import type { LivePositions } from './live-positions.ts';

export type Monitors = {
  geofence: GeofenceEngine;
  alertMonitor: AlertMonitor;
  safetyMonitor: SafetyMonitor;
  /** What a change of alert rules reloads: the alert rules' monitor and the safety monitor. */
  rules: { reloadRules(): Promise<number> };
  /** What a change of zones reloads: the geofences, the alert rules' zones, the port's areas. */
  zoneFences: ZoneFences;
  jobChanges: JobChangeTopic;
  dispatchMonitor: DispatchMonitor;
  visitTracker: VisitTracker;
  stop(): void;
};

/**
 * What runs after each committed batch of fixes: the alert rules (with their sweep every
 * 30 s), the safety watch (collision risk, anchors dragging), the port call tracker and
 * the dispatch monitor, over the port's geofences.
 */
export async function startMonitors(deps: {
  db: Db;
  positions: LivePositions;
  now: Clock;
  logger: Logger;
  callPolicy?: CallPolicy;
  /** Job changes shared with the other processes (relayed over NATS); else the process's own. */
  jobChanges?: JobChangeTopic;
  /** Asks a delivered job's truck for its proof-of-delivery photo. */
  commander?: Pick<TerminalCommander, 'send'>;
}): Promise<Monitors> {
  const { db, positions, now, logger } = deps;
  const fence = await loadFenceZones(db);
  if (fence.skipped.length > 0)
    logger.warn({ zones: fence.skipped }, 'zones without a valid polygon are not geofenced');
  const geofence = new GeofenceEngine(fence.zones);
  const alertMonitor = new AlertMonitor({
    zonesIn: (kind, key) => geofence.zonesIn(kind, key),
    db,
    alerts: positions.live.alerts,
    zones: fence.zones,
    ownerOf: (kind, key) => positions.latest.ownerOf(kind, key),
    now,
    logger,
  });
  await alertMonitor.start({ latest: positions.latest.all(), sweepEveryMs: 30_000 });
  const jobChanges = deps.jobChanges ?? jobChangeTopic();
  const { commander } = deps;
  const dispatchMonitor = new DispatchMonitor({
    db,
    jobChanges,
    now,
    logger,
    onDelivered: commander ? (job) => requestProofPhoto({ db, commander }, job) : undefined,
  });
  const safetyMonitor = new SafetyMonitor({
    db,
    alerts: positions.live.alerts,
    logger,
    zonesOf: (mmsi) => geofence.zonesIn('VESSEL', mmsi),
  });
  const visitTracker = new VisitTracker({ db, now, logger, policy: deps.callPolicy });
  try {
    await safetyMonitor.start();
    await visitTracker.load();
  } catch (error) {
    alertMonitor.stop();
    throw error;
  }
  return {
    geofence,
    alertMonitor,
    safetyMonitor,
    rules: {
      async reloadRules() {
        const [alertRules, safetyRules] = await Promise.all([
          alertMonitor.reloadRules(),
          safetyMonitor.reloadRules(),
        ]);
        return alertRules + safetyRules;
      },
    },
    zoneFences: {
      async reloadZones() {
        const { zones, skipped } = await loadFenceZones(db);
        if (skipped.length > 0)
          logger.warn({ zones: skipped }, 'zones without a valid polygon are not geofenced');
        geofence.setZones(zones);
        alertMonitor.setZones(zones);
        await visitTracker.reloadAreas();
        logger.info({ zones: zones.length }, 'zones reloaded');
        return zones.length;
      },
    },
    jobChanges,
    dispatchMonitor,
    visitTracker,
    stop: () => alertMonitor.stop(),
  };
}
