import type { Db, Prisma } from '@harbor/db';
import { type Fix, OPEN_VISIT_STATUSES } from '@harbor/shared';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.ts';
import type { GeofenceTransition } from '../../pipeline/geofence-engine.ts';
import { angleBetweenDeg } from '../port/geodesy.ts';
import { effectiveParticulars } from '../vessels/particulars.ts';
import { ensureVessel } from '../vessels/static-data.ts';
import { mmsiOf } from './approach.ts';
import {
  advanceCall,
  type CallEvent,
  type CallState,
  isAlongside,
  isAnchored,
  type Place,
  REOPEN_WITHIN_MS,
  type Sample,
  UNDER_WAY_KNOTS,
} from './call-machine.ts';
import {
  type CallDecision,
  type CallPolicy,
  callDecision,
  DEFAULT_CALL_POLICY,
} from './call-policy.ts';
import { type ArrivalFix, predictArrival } from './eta.ts';
import { type ArrivalGeometry, arrivalInput, loadArrivalGeometry } from './fairway-geometry.ts';
import { PortAreas } from './port-areas.ts';

/** A planned visit matches a ship arriving up to this long after its ETA... */
const MATCH_LATE_MS = 2 * 86_400_000;
/** ...or this long before it (early, to wait at anchor). */
const MATCH_EARLY_MS = 7 * 86_400_000;
/** How much of a ship's track the arrival predictor reads. */
const RECENT_MS = 2 * 3_600_000;
/** Positions kept per ship waiting for its static data (class A sends it every 6 minutes). */
const PENDING_MAX = 500;
/** How long a ship's "no call" (a tug's type) is trusted before its particulars are read again. */
const DECISION_TTL_MS = 10 * 60_000;

const IN_PORT_STATUSES = OPEN_VISIT_STATUSES.filter((status) => status !== 'PLANNED');

/**
 * The calls the tracker follows at `atMs`: those in port, and those that left their berth
 * within REOPEN_WITHIN_MS and have not left the port area (a later berth or anchorage may
 * still make it a shift).
 */
function callsFollowed(atMs: number) {
  return {
    OR: [
      { status: { in: [...IN_PORT_STATUSES] } },
      {
        status: 'DEPARTED',
        atd: { gte: new Date(atMs - REOPEN_WITHIN_MS) },
        events: { none: { kind: 'DEPARTED' } },
      },
    ],
  } satisfies Prisma.VesselVisitWhereInput;
}

export type VisitTrackerStats = {
  opened: number;
  matched: number;
  unplanned: number;
  abandoned: number;
  events: number;
  failed: number;
};

type Call = CallState & {
  id: string | null;
  vesselId: string;
  portId: string;
  isPlanned: boolean;
  eta: Date | null;
  /** The ETA the ship last reported in AIS message 5. */
  aisEta: Date | null;
  predictedEta: Date | null;
  predictedPilotEta: Date | null;
  events: CallEvent[];
  isClosed: boolean;
  isAbandoned: boolean;
  /** The columns as last written (JSON), to skip writes that change nothing. */
  written?: string;
};

const callSelect = {
  id: true,
  vesselId: true,
  portId: true,
  status: true,
  berthId: true,
  terminalId: true,
  plannedBerthId: true,
  arrivedAt: true,
  anchoredAt: true,
  ata: true,
  atd: true,
  eta: true,
  predictedEta: true,
  predictedPilotEta: true,
  voyageNumber: true,
  vessel: { select: { mmsi: true, aisEta: true } },
  berth: { select: { zoneId: true } },
  events: {
    where: { kind: { in: ['PILOT_BOARDED', 'DEPARTED', 'BERTHED', 'UNBERTHED', 'ANCHORED'] } },
    orderBy: { at: 'desc' },
    select: { kind: true, at: true, zoneId: true, berthId: true, terminalId: true },
  },
} satisfies Prisma.VesselVisitSelect;
type CallRow = Prisma.VesselVisitGetPayload<{ select: typeof callSelect }>;

/**
 * Port calls from the AIS track, fed after each committed tracker batch. A commercial ship
 * (call-policy.ts: by AIS ship type and size; tugs, pilot boats and other harbour craft are
 * not calls) entering the port's approach area heading in, or anchoring or berthing in it,
 * opens a call: its planned visit when one matches (the same vessel by MMSI, or by IMO number,
 * with an ETA within days of the arrival), else a new unplanned one. Each position then moves
 * the call through its states (call-machine.ts), and every step is stored as a PortCallEvent
 * at the time of the fix that showed it, so the KPIs can be recomputed from them and a
 * replayed track gives the same call. A call the ship leaves without anchoring or berthing
 * (a ship passing through) is withdrawn: a planned one goes back to PLANNED, an unplanned one
 * is deleted. While a ship heads in, the call carries its predicted arrival at the berth.
 * A failure for one ship is logged and counted, never thrown.
 */
export class VisitTracker {
  readonly stats: VisitTrackerStats = {
    opened: 0,
    matched: 0,
    unplanned: 0,
    abandoned: 0,
    events: 0,
    failed: 0,
  };
  private areas = PortAreas.of([]);
  private arrival: ArrivalGeometry = { ports: new Map(), berths: new Map(), invalidFairways: [] };
  /** Each followed ship's positions of the last RECENT_MS, for the arrival predictor. */
  private readonly recent = new Map<number, ArrivalFix[]>();
  /** MMSIs with a call in port or one that may still reopen. */
  private readonly tracked = new Set<number>();
  /**
   * The positions in the approach area of a ship whose particulars are not known yet (at most
   * PENDING_MAX): replayed into its call once its static data makes it one.
   */
  private readonly pending = new Map<number, { sample: Sample; place: Place }[]>();
  private readonly decisions = new Map<number, { decision: CallDecision; at: number }>();
  private readonly lastAt = new Map<number, number>();

  constructor(
    private readonly deps: {
      db: Pick<Db, 'prisma'>;
      now: Clock;
      logger?: Logger;
      policy?: CallPolicy;
    },
  ) {}

  async load(): Promise<void> {
    this.areas = await PortAreas.load(this.deps.db);
    this.arrival = await loadArrivalGeometry(this.deps.db);
    for (const { portId, message } of this.arrival.invalidFairways)
      this.deps.logger?.warn(
        { portId, message },
        'fairway network not valid: arrivals predicted in straight lines',
      );
    const rows = await this.deps.db.prisma.vesselVisit.findMany({
      where: callsFollowed(this.deps.now().getTime()),
      select: { vessel: { select: { mmsi: true } } },
    });
    for (const row of rows) this.tracked.add(row.vessel.mmsi);
  }

  /** Reads the port's areas again, after a zone was drawn, changed or deleted. */
  async reloadAreas(): Promise<void> {
    this.areas = await PortAreas.load(this.deps.db);
  }

  /** The tracker's after-write step. */
  async observe(fixes: readonly Fix[], _transitions: readonly GeofenceTransition[]): Promise<void> {
    const tracks = new Map<number, { sample: Sample; place: Place | null }[]>();
    for (const fix of fixes) {
      const mmsi = mmsiOf(fix.assetKind, fix.assetKey);
      if (mmsi === null) continue;
      const place = this.areas.placeOf(fix.lon, fix.lat);
      if (!place && !this.tracked.has(mmsi) && !this.pending.has(mmsi)) continue;
      const list = tracks.get(mmsi) ?? [];
      list.push({
        sample: {
          at: fix.fixAt.getTime(),
          lon: fix.lon,
          lat: fix.lat,
          speedKnots: fix.speedKnots,
          courseDeg: fix.courseDeg,
          status: fix.status,
        },
        place,
      });
      tracks.set(mmsi, list);
    }
    if (tracks.size === 0) return;
    const earliest = Math.min(
      ...[...tracks.values()].flatMap((list) => list.map((p) => p.sample.at)),
    );
    const rows = await this.deps.db.prisma.vesselVisit.findMany({
      where: {
        vessel: { mmsi: { in: [...tracks.keys()] } },
        ...callsFollowed(earliest),
      },
      select: callSelect,
      orderBy: { updatedAt: 'desc' },
    });
    for (const [mmsi, list] of tracks) {
      list.sort((a, b) => a.sample.at - b.sample.at);
      try {
        const rowsOf = rows.filter((row) => row.vessel.mmsi === mmsi);
        const row = rowsOf.find((r) => r.status !== 'DEPARTED') ?? rowsOf[0] ?? null;
        await this.follow(mmsi, list, row ? toCall(row) : null);
      } catch (error) {
        this.stats.failed++;
        this.deps.logger?.error({ err: error, mmsi }, 'port call not updated from the AIS track');
      }
    }
  }

  private async follow(
    mmsi: number,
    track: { sample: Sample; place: Place | null }[],
    found: Call | null,
  ): Promise<void> {
    let call = found;
    const touched = new Set<Call>();
    let latest: Sample | null = null;
    for (const { sample, place: anyPlace } of track) {
      if (sample.at <= (this.lastAt.get(mmsi) ?? Number.NEGATIVE_INFINITY)) continue;
      this.lastAt.set(mmsi, sample.at);
      this.remember(mmsi, sample);
      latest = sample;
      if (call?.isClosed) call = null;
      if (
        call?.status === 'DEPARTED' &&
        sample.at - (call.atd?.getTime() ?? 0) > REOPEN_WITHIN_MS
      ) {
        // Gone from the berth half a day without coming back: the call is over.
        call.isClosed = true;
        call = null;
      }
      if (!call) {
        if (!anyPlace?.inApproach) {
          this.pending.delete(mmsi);
          continue;
        }
        const opened = await this.open(mmsi, sample, anyPlace);
        if (!opened) continue;
        call = opened.call;
        // What the ship did while its type was unknown, in order, before this position.
        for (const earlier of opened.backlog) this.step(call, earlier.sample, earlier.place);
        touched.add(call);
      }
      if (call.isClosed) continue;
      const place =
        anyPlace?.portId === call.portId
          ? anyPlace
          : this.areas.placeOf(sample.lon, sample.lat, call.portId);
      this.step(call, sample, place);
      touched.add(call);
    }
    if (call && !call.isClosed && latest) {
      this.predict(mmsi, call);
      touched.add(call);
    }
    for (const each of touched) await this.save(each);
    if (call && !call.isClosed) this.tracked.add(mmsi);
    else this.tracked.delete(mmsi);
    if (!this.tracked.has(mmsi) && !this.pending.has(mmsi)) this.recent.delete(mmsi);
  }

  private remember(mmsi: number, sample: Sample) {
    const list = this.recent.get(mmsi) ?? [];
    list.push({
      atMs: sample.at,
      lon: sample.lon,
      lat: sample.lat,
      speedKnots: sample.speedKnots,
      courseDeg: sample.courseDeg,
      status: sample.status,
    });
    const from = list.findIndex((fix) => fix.atMs >= sample.at - RECENT_MS);
    if (from > 0) list.splice(0, from);
    this.recent.set(mmsi, list);
  }

  private step(call: Call, sample: Sample, place: Place | null) {
    if (call.isClosed) return;
    const { events, ending } = advanceCall(call, sample, place);
    call.events.push(...events);
    if (ending === 'departed') call.isClosed = true;
    if (ending === 'abandoned') {
      call.isAbandoned = true;
      call.isClosed = true;
    }
  }

  /**
   * Opens a call for a commercial ship heading in, or brought up in the port, with the
   * positions seen before its type was known; null when it makes none (yet).
   */
  private async open(
    mmsi: number,
    sample: Sample,
    place: Place,
  ): Promise<{ call: Call; backlog: { sample: Sample; place: Place }[] } | null> {
    const cached = this.decisions.get(mmsi);
    let decision = cached && sample.at - cached.at < DECISION_TTL_MS ? cached.decision : null;
    const prisma = this.deps.db.prisma;
    const vessel = decision === 'no-call' ? null : await ensureVessel(prisma, mmsi);
    if (vessel) {
      decision = callDecision(
        effectiveParticulars(vessel),
        this.deps.policy ?? DEFAULT_CALL_POLICY,
      );
      this.decisions.set(mmsi, { decision, at: sample.at });
    }
    if (decision === 'no-call' || !vessel) return null;
    const backlog = this.pending.get(mmsi) ?? [];
    const first = backlog[0]?.sample ?? sample;
    const imo = effectiveParticulars(vessel).imo;
    const planned = await prisma.vesselVisit.findMany({
      where: {
        portId: place.portId,
        status: 'PLANNED',
        OR: [{ vesselId: vessel.id }, ...(imo !== null ? [{ vessel: { imo } }] : [])],
        eta: { gte: new Date(first.at - MATCH_LATE_MS), lte: new Date(first.at + MATCH_EARLY_MS) },
      },
      select: callSelect,
    });
    const match = planned.sort(
      (a, b) =>
        Math.abs((a.eta?.getTime() ?? 0) - first.at) - Math.abs((b.eta?.getTime() ?? 0) - first.at),
    )[0];
    // A ship whose type is not known yet waits for it, unless the schedule expects her: the
    // line's plan says she makes a call.
    if (decision === 'unknown' && !match) {
      if (backlog.length < PENDING_MAX) backlog.push({ sample, place });
      this.pending.set(mmsi, backlog);
      return null;
    }
    const isHeadingIn =
      sample.courseDeg !== null &&
      (sample.speedKnots ?? 0) >= UNDER_WAY_KNOTS &&
      angleBetweenDeg(sample.courseDeg, place.bearingToBerthDeg) <= 90;
    if (!match && !isHeadingIn && !isAnchored(sample, place) && !isAlongside(sample, place))
      return null;
    this.pending.delete(mmsi);
    const call: Call = match
      ? { ...toCall(match), vesselId: vessel.id, aisEta: vessel.aisEta }
      : {
          id: null,
          vesselId: vessel.id,
          portId: place.portId,
          isPlanned: false,
          status: 'PLANNED',
          berthId: null,
          terminalId: null,
          arrivedAt: null,
          anchoredAt: null,
          ata: null,
          atd: null,
          eta: null,
          aisEta: vessel.aisEta,
          predictedEta: null,
          predictedPilotEta: null,
          alongside: null,
          anchorageZoneId: null,
          lastUnberthedAt: null,
          hasPilotBoarded: false,
          events: [],
          isClosed: false,
          isAbandoned: false,
        };
    call.status = 'APPROACHING';
    call.arrivedAt = new Date(first.at);
    call.events.push({
      kind: 'ARRIVED',
      at: new Date(first.at),
      lon: first.lon,
      lat: first.lat,
      zoneId: null,
      berthId: null,
      terminalId: null,
    });
    this.stats.opened++;
    if (match) this.stats.matched++;
    else this.stats.unplanned++;
    return { call, backlog };
  }

  /**
   * The predicted arrival at the pilot boarding ground and the berth of a ship not yet
   * alongside (eta.ts: along the fairway, from its recent track, its AIS ETA and the
   * schedule); none once it is alongside or gone, or while its berth is not known.
   */
  private predict(mmsi: number, call: Call) {
    const inbound = ['APPROACHING', 'AT_ANCHOR', 'BERTHING', 'SHIFTING'].includes(call.status);
    const input =
      inbound && call.berthId
        ? arrivalInput(this.arrival, call.berthId, {
            fixes: this.recent.get(mmsi) ?? [],
            aisEtaMs: call.aisEta?.getTime() ?? null,
            plannedEtaMs: call.eta?.getTime() ?? null,
          })
        : null;
    const prediction = input ? predictArrival(input) : null;
    // To the minute: a prediction is no finer, and jitter below it is not worth a write.
    const minute = (ms: number | null | undefined) =>
      ms == null ? null : new Date(Math.round(ms / 60_000) * 60_000);
    call.predictedEta = minute(prediction?.berthEtaMs);
    call.predictedPilotEta = minute(prediction?.pilotEtaMs);
  }

  private async save(call: Call) {
    const prisma = this.deps.db.prisma;
    this.stats.events += call.events.length;
    const events = call.events.splice(0);
    if (call.isAbandoned) {
      this.stats.abandoned++;
      if (call.id === null) return;
      if (call.isPlanned) {
        await prisma.$transaction([
          prisma.portCallEvent.deleteMany({ where: { visitId: call.id } }),
          prisma.vesselVisit.update({
            where: { id: call.id },
            data: {
              status: 'PLANNED',
              arrivedAt: null,
              anchoredAt: null,
              predictedEta: null,
              predictedPilotEta: null,
            },
          }),
        ]);
      } else {
        await prisma.vesselVisit
          .delete({ where: { id: call.id } })
          // A call something else already refers to (a container loaded on it) stays, cancelled.
          .catch(() =>
            prisma.vesselVisit.update({
              where: { id: call.id ?? '' },
              data: { status: 'CANCELLED' },
            }),
          );
      }
      return;
    }
    const data = columnsOf(call);
    const written = JSON.stringify(data);
    // Most positions change nothing of the call: no write then.
    if (call.id !== null && events.length === 0 && written === call.written) return;
    call.written = written;
    const rows = (visitId: string) => events.map((event) => ({ ...event, visitId }));
    if (call.id === null) {
      const created = await prisma.vesselVisit.create({
        data: { ...data, portId: call.portId, events: { create: events } },
        select: { id: true },
      });
      call.id = created.id;
      return;
    }
    const id = call.id;
    if (events.length === 0) await prisma.vesselVisit.update({ where: { id }, data });
    else
      await prisma.$transaction([
        prisma.vesselVisit.update({ where: { id }, data }),
        prisma.portCallEvent.createMany({ data: rows(id) }),
      ]);
  }
}

/** The columns the tracker writes on a call. */
function columnsOf(call: Call) {
  return {
    vesselId: call.vesselId,
    status: call.status,
    berthId: call.berthId,
    terminalId: call.terminalId,
    arrivedAt: call.arrivedAt,
    anchoredAt: call.anchoredAt,
    ata: call.ata,
    atd: call.atd,
    predictedEta: call.predictedEta,
    predictedPilotEta: call.predictedPilotEta,
  };
}

function toCall(row: CallRow): Call {
  const latest = (kind: string) => row.events.find((event) => event.kind === kind) ?? null;
  const berthed = latest('BERTHED');
  const unberthed = latest('UNBERTHED');
  const anchored = latest('ANCHORED');
  // A call berthed before events were recorded has no BERTHED event: its berth says where.
  const isAlongsideNow =
    row.status === 'BERTHED' &&
    row.berthId !== null &&
    (berthed === null || unberthed === null || berthed.at.getTime() >= unberthed.at.getTime());
  const call: Call = {
    id: row.id,
    vesselId: row.vesselId,
    portId: row.portId,
    isPlanned: row.eta !== null || row.plannedBerthId !== null || row.voyageNumber !== null,
    status: row.status,
    berthId: row.berthId,
    terminalId: row.terminalId,
    arrivedAt: row.arrivedAt,
    anchoredAt: row.anchoredAt,
    ata: row.ata,
    atd: row.atd,
    eta: row.eta,
    aisEta: row.vessel.aisEta,
    predictedEta: row.predictedEta,
    predictedPilotEta: row.predictedPilotEta,
    alongside: isAlongsideNow
      ? {
          zoneId: berthed?.zoneId ?? row.berth?.zoneId ?? '',
          berthId: berthed?.berthId ?? row.berthId ?? '',
          terminalId: berthed?.terminalId ?? row.terminalId ?? '',
        }
      : null,
    anchorageZoneId: row.status === 'AT_ANCHOR' ? (anchored?.zoneId ?? null) : null,
    lastUnberthedAt: unberthed?.at ?? null,
    hasPilotBoarded: latest('PILOT_BOARDED') !== null,
    events: [],
    isClosed: false,
    isAbandoned: false,
  };
  call.written = JSON.stringify(columnsOf(call));
  return call;
}
