import type { PortCallEventKind } from '@harbor/db';

/** One stored step of a port call (PortCallEvent), as the KPIs read it. */
export type CallEvent = {
  kind: PortCallEventKind;
  at: Date;
  berthId: string | null;
  terminalId: string | null;
};

/** A spell alongside one berth: BERTHED to the next UNBERTHED, `end` null while still there. */
export type BerthStay = { terminalId: string | null; start: Date; end: Date | null };

/** The call's own row (VesselVisit): its planned arrival and planned terminal. */
export type CallVisit = { id: string; eta: Date | null; terminalId: string | null };

/** What the KPIs need to know of one call, read from its events alone. */
export type CallFacts = {
  visitId: string;
  /** The terminal of its first berth; before it berths, the terminal the schedule planned. */
  terminalId: string | null;
  /** The first ARRIVED: the call's start. */
  arrivedAt: Date | null;
  firstBerthedAt: Date | null;
  /** ANCHORED to the next ANCHOR_AWEIGH (or BERTHED), summed, before the first BERTHED. */
  anchorageWaitMs: number;
  stays: BerthStay[];
  /** The last UNBERTHED of a call that has DEPARTED and ARRIVED: its turnaround's end. */
  lastUnberthedAt: Date | null;
  /** The schedule's planned arrival at the berth. */
  eta: Date | null;
};

/**
 * A call's facts from its events in time order (ties in the order stored). The events are
 * taken as the tracker writes them, and read forgivingly where a step is missing: a BERTHED
 * while still alongside ends the earlier stay there; an UNBERTHED or ANCHOR_AWEIGH with
 * nothing open is ignored; a second ANCHORED while at anchor changes nothing. Anchoring after
 * the first berthing (a shift through an anchorage) is not waiting for the berth.
 */
export function callFacts(
  visit: CallVisit,
  events: readonly CallEvent[],
  terminalOfBerth: (berthId: string) => string | null,
): CallFacts {
  const terminalOf = (event: CallEvent) =>
    event.terminalId ?? (event.berthId ? terminalOfBerth(event.berthId) : null);
  let arrivedAt: Date | null = null;
  let firstBerthedAt: Date | null = null;
  let firstTerminalId: string | null = null;
  let anchoredSince: Date | null = null;
  let anchorageWaitMs = 0;
  let lastUnberthedAt: Date | null = null;
  let hasDeparted = false;
  let open: BerthStay | null = null;
  const stays: BerthStay[] = [];
  const weighAnchor = (at: Date) => {
    if (anchoredSince) anchorageWaitMs += Math.max(0, at.getTime() - anchoredSince.getTime());
    anchoredSince = null;
  };

  for (const event of events) {
    switch (event.kind) {
      case 'ARRIVED':
        arrivedAt ??= event.at;
        break;
      case 'ANCHORED':
        if (!firstBerthedAt) anchoredSince ??= event.at;
        break;
      case 'ANCHOR_AWEIGH':
        weighAnchor(event.at);
        break;
      case 'BERTHED':
        if (!firstBerthedAt) {
          firstBerthedAt = event.at;
          firstTerminalId = terminalOf(event);
          weighAnchor(event.at);
        }
        if (open) open.end = event.at;
        open = { terminalId: terminalOf(event), start: event.at, end: null };
        stays.push(open);
        break;
      case 'UNBERTHED':
        if (open) {
          open.end = event.at;
          lastUnberthedAt = event.at;
        }
        open = null;
        break;
      case 'DEPARTED':
        hasDeparted = true;
        break;
      default:
        // PILOT_BOARDED and BERTHING mark the approach; no KPI reads them.
        break;
    }
  }
  return {
    visitId: visit.id,
    terminalId: firstTerminalId ?? visit.terminalId,
    arrivedAt,
    firstBerthedAt,
    anchorageWaitMs,
    stays,
    lastUnberthedAt: hasDeparted && arrivedAt ? lastUnberthedAt : null,
    eta: visit.eta,
  };
}
