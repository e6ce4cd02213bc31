import { type DispatchJobStatus, type Fix, knotsToKmh } from '@harbor/shared';
import type { GeofenceTransition } from '../../pipeline/geofence-engine.ts';
import { straightKm } from './routing.ts';
import type { Step } from './transitions.ts';

/** An active job as the engine sees it: its truck's terminal and its two zones. */
export type WatchedJob = {
  id: string;
  status: DispatchJobStatus;
  terminalPhone: string;
  pickupZone: { id: string; code: string };
  dropoffZone: { id: string; code: string };
  /**
   * The pickup zone is a terminal's gate: the truck drives through it into the terminal and
   * out again, so it leaves loaded on its second exit, not its first.
   */
  pickupIsTerminalGate?: boolean;
  /**
   * Exits from the pickup zone since AT_PICKUP and before this batch's transitions, when the
   * engine has not counted them itself (after a restart, or AT_PICKUP set by hand).
   */
  pickupExitsSoFar?: number;
};

/** Faster than this a truck is driving, not creeping in a queue (JT/T 808 speed is km/h; fixes carry knots). */
export const MOVING_KMH = 5;
/** Farther than this from where it stood when assigned, a truck has left (GPS jitter stays well inside). */
export const LEFT_POSITION_KM = 0.2;

type Observation =
  | { at: number; order: 0; fix: Pick<Fix, 'lat' | 'lon' | 'speedKnots'> }
  | { at: number; order: 1; transition: GeofenceTransition };

/**
 * Decides how a truck's fixes and geofence transitions advance its active job; no I/O. The
 * observations of one batch are taken in time order (at equal times the fix before the zone
 * change it caused), so one batch can carry a job through several statuses:
 * - ASSIGNED -> EN_ROUTE_PICKUP when the truck drives faster than 5 km/h, or is found more
 *   than 200 m from where it stood when first seen on the job;
 * - entering the pickup zone -> AT_PICKUP (through EN_ROUTE_PICKUP if still ASSIGNED);
 * - leaving the pickup zone while AT_PICKUP -> LOADED, then EN_ROUTE_DROPOFF; a terminal's
 *   gate is passed twice (in to the yard or quay, out loaded), so there the second exit counts;
 * - entering the drop-off zone while EN_ROUTE_DROPOFF (or LOADED) -> DELIVERED.
 * The engine remembers, per ASSIGNED job, where its truck stood.
 */
export class DispatchEngine {
  private readonly standing = new Map<string, { lat: number; lon: number; atMs: number }>();
  /** Exits from a terminal-gate pickup zone per AT_PICKUP job. */
  private readonly gateExits = new Map<string, number>();

  plan(
    job: WatchedJob,
    fixes: readonly Pick<Fix, 'fixAt' | 'lat' | 'lon' | 'speedKnots'>[],
    transitions: readonly GeofenceTransition[],
  ): Step[] {
    const observations: Observation[] = [
      ...fixes.map((fix) => ({ at: fix.fixAt.getTime(), order: 0 as const, fix })),
      ...transitions.map((transition) => ({
        at: transition.at.getTime(),
        order: 1 as const,
        transition,
      })),
    ].sort((a, b) => a.at - b.at || a.order - b.order);
    const steps: Step[] = [];
    let status = job.status;
    // Where the truck was: the fix, or the zone crossing, that made the change.
    let where: { lat: number; lon: number } | null = null;
    const go = (to: DispatchJobStatus, at: number, note: string, kind: 'GEOFENCE' | 'SYSTEM') => {
      steps.push({ to, at: new Date(at), note, actor: { kind }, where });
      status = to;
    };
    for (const observation of observations) {
      if ('fix' in observation) {
        if (status !== 'ASSIGNED') continue;
        const { fix } = observation;
        where = { lat: fix.lat, lon: fix.lon };
        const kmh = knotsToKmh(fix.speedKnots ?? 0);
        const stood = this.standing.get(job.id);
        if (kmh > MOVING_KMH) {
          go(
            'EN_ROUTE_PICKUP',
            observation.at,
            `truck started moving (${kmh.toFixed(0)} km/h)`,
            'SYSTEM',
          );
        } else if (!stood) {
          this.standing.set(job.id, { lat: fix.lat, lon: fix.lon, atMs: observation.at });
        } else {
          const movedKm = straightKm(stood, fix);
          if (movedKm > LEFT_POSITION_KM)
            go(
              'EN_ROUTE_PICKUP',
              observation.at,
              `truck left its position (${Math.round(movedKm * 1000)} m)`,
              'SYSTEM',
            );
        }
        continue;
      }
      const { transition } = observation;
      where = { lat: transition.lat, lon: transition.lon };
      const isPickup = transition.zoneId === job.pickupZone.id;
      const isDropoff = transition.zoneId === job.dropoffZone.id;
      const zone = transition.zoneCode;
      if (transition.transition === 'ENTER' && isPickup) {
        if (status === 'ASSIGNED')
          go(
            'EN_ROUTE_PICKUP',
            observation.at,
            `truck on its way, seen entering pickup zone ${zone}`,
            'GEOFENCE',
          );
        if (status === 'EN_ROUTE_PICKUP') {
          go('AT_PICKUP', observation.at, `entered pickup zone ${zone}`, 'GEOFENCE');
          // Counted from here, by the engine itself: no stored exit belongs to this stay.
          if (job.pickupIsTerminalGate) this.gateExits.set(job.id, 0);
        }
      } else if (transition.transition === 'EXIT' && isPickup && status === 'AT_PICKUP') {
        if (job.pickupIsTerminalGate) {
          const exits = (this.gateExits.get(job.id) ?? job.pickupExitsSoFar ?? 0) + 1;
          this.gateExits.set(job.id, exits);
          // The first exit is the truck driving in through the gate.
          if (exits < 2) continue;
        }
        go('LOADED', observation.at, `left pickup zone ${zone} loaded`, 'GEOFENCE');
        go(
          'EN_ROUTE_DROPOFF',
          observation.at,
          `left pickup zone ${zone} for drop-off zone ${job.dropoffZone.code}`,
          'GEOFENCE',
        );
      } else if (transition.transition === 'ENTER' && isDropoff) {
        if (status === 'LOADED')
          go('EN_ROUTE_DROPOFF', observation.at, `seen entering drop-off zone ${zone}`, 'GEOFENCE');
        if (status === 'EN_ROUTE_DROPOFF')
          go('DELIVERED', observation.at, `entered drop-off zone ${zone}`, 'GEOFENCE');
      }
    }
    if (status !== 'ASSIGNED') this.standing.delete(job.id);
    if (status !== 'AT_PICKUP') this.gateExits.delete(job.id);
    return steps;
  }

  /** Whether the engine has counted this job's gate exits itself since AT_PICKUP. */
  knowsGateExits(jobId: string): boolean {
    return this.gateExits.has(jobId);
  }

  /** Forgets a job that left the engine's sight (finished, cancelled, reassigned). */
  forget(jobId: string): void {
    this.standing.delete(jobId);
    this.gateExits.delete(jobId);
  }

  /**
   * Forgets where trucks stood before `before`: a job cancelled or changed by hand while
   * ASSIGNED never comes back through `plan`, and must not be remembered for ever. A job
   * still waiting simply takes its truck's next position as where it stands.
   */
  prune(before: Date): number {
    let pruned = 0;
    for (const [jobId, stood] of this.standing)
      if (stood.atMs < before.getTime()) {
        this.standing.delete(jobId);
        pruned++;
      }
    return pruned;
  }

  get remembered(): number {
    return this.standing.size;
  }
}
