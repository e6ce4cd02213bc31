import { METRES_PER_NM, type PortCallEventKind, type VesselVisitStatus } from '@harbor/shared';

/** At or below this speed over ground a ship is brought up: at anchor or alongside. */
export const STOPPED_KNOTS = 0.5;
/** At or above this speed a ship is under way (below it she may be swinging at anchor). */
export const UNDER_WAY_KNOTS = 1;
/** A ship leaving a berth may still be shifting until this long after: a later berth or anchorage reopens the call. */
export const REOPEN_WITHIN_MS = 12 * 3_600_000;

export type BerthRef = { zoneId: string; berthId: string; terminalId: string };

/** Where a position lies among one port's areas (port-areas.ts). */
export type Place = {
  portId: string;
  /** Inside the port's approach area (an APPROACH zone, an anchorage or a berth). */
  inApproach: boolean;
  /** The anchorage zone it is in. */
  anchorage: string | null;
  berth: BerthRef | null;
  /** The pilot boarding ground it is in. */
  pilot: string | null;
  inFairway: boolean;
  /** Metres to the nearest berth of the port. */
  toBerthM: number;
  /** Bearing to the nearest berth, for "heading in". */
  bearingToBerthDeg: number;
};

/** One AIS position of the ship, as the tracker sees it. */
export type Sample = {
  at: number;
  lon: number;
  lat: number;
  speedKnots: number | null;
  courseDeg: number | null;
  /** AIS navigational status as the gateway names it: AT_ANCHOR, MOORED, UNDER_WAY_USING_ENGINE... */
  status: string | null;
};

/** What the machine keeps of a call: the columns it writes, and what it must remember. */
export type CallState = {
  status: VesselVisitStatus;
  berthId: string | null;
  terminalId: string | null;
  arrivedAt: Date | null;
  anchoredAt: Date | null;
  ata: Date | null;
  atd: Date | null;
  /** The berth alongside (BERTHED), with its zone. */
  alongside: BerthRef | null;
  /** The anchorage the ship lies in (AT_ANCHOR). */
  anchorageZoneId: string | null;
  /** When the ship last left a berth on this call: the call's ATD if nothing follows. */
  lastUnberthedAt: Date | null;
  hasPilotBoarded: boolean;
};

export type CallEvent = {
  kind: PortCallEventKind;
  at: Date;
  lon: number;
  lat: number;
  zoneId: string | null;
  berthId: string | null;
  terminalId: string | null;
};

/** How a step ended the call, if it did. */
export type CallEnding =
  /** Left the port after berthing: DEPARTED, closed. */
  | 'departed'
  /** Left the port without anchoring or berthing: it was passing, or turned away. */
  | 'abandoned'
  | null;

const isStopped = (s: Sample) => s.speedKnots !== null && s.speedKnots <= STOPPED_KNOTS;
const isUnderWay = (s: Sample) =>
  s.status !== 'AT_ANCHOR' && s.status !== 'MOORED' && (s.speedKnots ?? 0) >= UNDER_WAY_KNOTS;

/** In an anchorage and brought up: AIS status "at anchor", or speed near zero. */
export const isAnchored = (s: Sample, place: Place | null) =>
  place?.anchorage != null && (s.status === 'AT_ANCHOR' || isStopped(s));

/** In a berth and brought up: AIS status "moored", or speed near zero. */
export const isAlongside = (s: Sample, place: Place | null) =>
  place?.berth != null && (s.status === 'MOORED' || isStopped(s));

/**
 * Moves a call on by one position of its ship, in time order, and returns the events that
 * position showed. States: APPROACHING → AT_ANCHOR → BERTHING → BERTHED (ATB) → DEPARTED
 * (ATD); a call that has been alongside and moves towards a berth again is SHIFTING. Leaving
 * a berth makes the call DEPARTED with its ATD, but for REOPEN_WITHIN_MS and while the ship
 * is still in the port's approach area a later berth or anchorage reopens it as a shift; the
 * call is over (DEPARTED event) when the ship leaves the approach area. `place` is null when
 * the position lies outside every area of the call's port.
 */
export function advanceCall(
  state: CallState,
  s: Sample,
  place: Place | null,
): { events: CallEvent[]; ending: CallEnding } {
  const events: CallEvent[] = [];
  const at = new Date(s.at);
  const emit = (kind: PortCallEventKind, where: Partial<BerthRef> = {}) =>
    events.push({
      kind,
      at,
      lon: s.lon,
      lat: s.lat,
      zoneId: where.zoneId ?? null,
      berthId: where.berthId ?? null,
      terminalId: where.terminalId ?? null,
    });
  const hasBerthed = state.ata !== null;

  const berth = (ref: BerthRef) => {
    emit('BERTHED', ref);
    state.status = 'BERTHED';
    state.alongside = ref;
    state.anchorageZoneId = null;
    state.berthId = ref.berthId;
    state.terminalId = ref.terminalId;
    state.ata ??= at;
    state.atd = null;
  };
  const anchor = (zoneId: string) => {
    emit('ANCHORED', { zoneId });
    state.status = 'AT_ANCHOR';
    state.anchorageZoneId = zoneId;
    state.anchoredAt ??= at;
    state.atd = null;
  };
  const unberth = () => {
    if (state.alongside) emit('UNBERTHED', state.alongside);
    state.alongside = null;
    state.lastUnberthedAt = at;
  };

  if (place?.pilot && !state.hasPilotBoarded && !hasBerthed && state.status !== 'DEPARTED') {
    emit('PILOT_BOARDED', { zoneId: place.pilot });
    state.hasPilotBoarded = true;
  }
  const inPort = place?.inApproach === true;

  switch (state.status) {
    case 'BERTHED': {
      if (place?.berth && place.berth.berthId === state.alongside?.berthId) break;
      unberth();
      // Out of one berth and into the next at one position: a shift along the quay.
      if (place?.berth) {
        berth(place.berth);
        break;
      }
      state.status = 'DEPARTED';
      state.atd = at;
      if (!inPort) return { events: [...events, departed(s)], ending: 'departed' };
      break;
    }
    case 'DEPARTED': {
      if (place?.berth && isAlongside(s, place)) berth(place.berth);
      else if (place?.anchorage && isAnchored(s, place)) anchor(place.anchorage);
      else if (!inPort) return { events: [...events, departed(s)], ending: 'departed' };
      break;
    }
    case 'AT_ANCHOR': {
      if (place?.berth && isAlongside(s, place)) {
        emit('ANCHOR_AWEIGH', { zoneId: state.anchorageZoneId ?? undefined });
        berth(place.berth);
        break;
      }
      if (place?.anchorage && !isUnderWay(s)) break;
      emit('ANCHOR_AWEIGH', { zoneId: state.anchorageZoneId ?? undefined });
      state.anchorageZoneId = null;
      if (hasBerthed) state.status = 'SHIFTING';
      else {
        emit('BERTHING');
        state.status = 'BERTHING';
      }
      break;
    }
    default: {
      // PLANNED, APPROACHING, BERTHING, SHIFTING
      if (place?.berth && isAlongside(s, place)) berth(place.berth);
      else if (place?.anchorage && isAnchored(s, place)) anchor(place.anchorage);
      else if (
        (state.status === 'APPROACHING' || state.status === 'PLANNED') &&
        isUnderWay(s) &&
        place !== null &&
        (place.inFairway || place.toBerthM <= BERTHING_WITHIN_M)
      ) {
        emit('BERTHING');
        state.status = hasBerthed ? 'SHIFTING' : 'BERTHING';
      }
    }
  }
  if (!inPort && state.status !== 'DEPARTED') {
    // Out of the port without being alongside now.
    if (state.ata === null) return { events, ending: 'abandoned' };
    state.status = 'DEPARTED';
    state.atd = state.lastUnberthedAt ?? at;
    return { events: [...events, departed(s)], ending: 'departed' };
  }
  return { events, ending: null };
}

/** Within this distance of a berth a ship under way inbound is berthing (about the turning basin). */
export const BERTHING_WITHIN_M = 2 * METRES_PER_NM;

function departed(s: Sample): CallEvent {
  return {
    kind: 'DEPARTED',
    at: new Date(s.at),
    lon: s.lon,
    lat: s.lat,
    zoneId: null,
    berthId: null,
    terminalId: null,
  };
}
