import type { Db } from '@harbor/db';
import type { PortKpis, PortKpisInput, SessionUser } from '@harbor/shared';
import type { Clock } from '../../core/clock.ts';
import { HarborError } from '../../core/errors.ts';
import { type CallEvent, type CallFacts, type CallVisit, callFacts } from './call-facts.ts';
import { portDays, tallyPortKpis } from './kpi-tally.ts';

/**
 * Port KPIs per terminal and per day of the port (local midnight to midnight in
 * Port.timezone), computed from the stored port-call events (PortCallEvent), never from a
 * visit's current fields, so any past period can be recomputed and gives the same figures.
 *
 * Definitions, per call (call-facts.ts) and per terminal-day (kpi-tally.ts):
 * - A call counts at the terminal of its first berth (the first BERTHED's terminal; before it
 *   berths, the terminal the schedule planned).
 * - Arrivals: calls whose ARRIVED (entry into the approach area or an anchorage) falls in the day.
 * - Calls per day (berthings): calls whose first BERTHED falls in the day.
 * - Anchorage waiting time: ANCHORED to the next ANCHOR_AWEIGH (or BERTHED), summed, before
 *   the call's first BERTHED; counted on the day of that berthing, and averaged over the
 *   day's berthings (a call that did not anchor waited 0).
 * - Time at berth: the BERTHED -> next UNBERTHED intervals, at the berth's own terminal (a
 *   call that shifts to another terminal's berth counts there), clipped to the day; an
 *   interval still open runs to now (and so to the end of the period asked, if it is past).
 * - Berth occupancy: time at berth / (the terminal's berths × the hours of the day); today,
 *   the hours gone by so far.
 * - Port turnaround: ARRIVED to the last UNBERTHED, for calls that have DEPARTED; counted on
 *   the day of that last UNBERTHED.
 * - Schedule reliability: for calls with a planned arrival (VesselVisit.eta), first BERTHED
 *   minus eta; on time within ± `onTimeWindowHours` (2 by default); the share on time and the
 *   mean absolute deviation, on the day of the first BERTHED.
 *
 * Which calls are read: those with an event from LEAD_DAYS before the period to its end, each
 * with all of its events (before and after), so a call that began before the period is whole.
 * A ship alongside since more than LEAD_DAYS before the period with no event since is not seen
 * (nor is a stay whose UNBERTHED was never recorded kept open for ever).
 */
export const LEAD_DAYS = 31;

type Deps = { db: Pick<Db, 'prisma' | 'sql'>; now: Clock };

const DAY_MS = 86_400_000;

/**
 * Who sees port KPIs: port authority staff, every terminal; a terminal operator's people, the
 * terminals it operates. The KPIs describe a terminal's business, so no one else sees them.
 * Returns the Prisma `where` on Terminal that holds the user to them.
 */
export function kpiTerminalScope(user: SessionUser): { operatorOrganizationId?: string } {
  switch (user.organization.kind) {
    case 'PORT_AUTHORITY':
      return {};
    case 'TERMINAL_OPERATOR':
      return { operatorOrganizationId: user.organization.id };
    default:
      throw new HarborError(
        'forbidden',
        'auth.port-or-terminal-staff-only',
        'only port authority and terminal operator staff see port KPIs',
      );
  }
}

/** The terminals shown: the user's, or the one asked for (NOT_FOUND, or FORBIDDEN if not theirs). */
async function terminalsShown(deps: Deps, user: SessionUser, terminalId: string | undefined) {
  const scope = kpiTerminalScope(user);
  const terminals = await deps.db.prisma.terminal.findMany({
    where: { ...scope, ...(terminalId ? { id: terminalId } : {}) },
    orderBy: { code: 'asc' },
    select: {
      id: true,
      code: true,
      port: { select: { timezone: true } },
      _count: { select: { berths: true } },
    },
  });
  if (terminalId && terminals.length === 0) {
    const exists = await deps.db.prisma.terminal.count({ where: { id: terminalId } });
    if (exists === 0) throw new HarborError('not-found', 'terminal.not-found', 'no such terminal');
    throw new HarborError(
      'forbidden',
      'terminal.not-operated',
      'your organization does not operate this terminal',
    );
  }
  return terminals;
}

export async function portKpis(
  deps: Deps,
  user: SessionUser,
  input: PortKpisInput,
): Promise<PortKpis> {
  const shown = await terminalsShown(deps, user, input.terminalId);
  const terminals = shown.map((row) => ({
    id: row.id,
    code: row.code,
    timezone: row.port.timezone,
    berths: row._count.berths,
    days: portDays(input.from, input.to, row.port.timezone),
  }));
  const starts = terminals.map((terminal) => terminal.days[0]?.start.getTime() ?? Number.NaN);
  const ends = terminals.map((terminal) => terminal.days.at(-1)?.end.getTime() ?? Number.NaN);
  const calls =
    terminals.length === 0
      ? []
      : await callsBetween(
          deps,
          new Date(Math.min(...starts) - LEAD_DAYS * DAY_MS),
          new Date(Math.max(...ends)),
        );
  const tally = tallyPortKpis(calls, terminals, {
    now: deps.now(),
    onTimeWindowMs: input.onTimeWindowHours * 3_600_000,
  });
  return {
    from: input.from,
    to: input.to,
    onTimeWindowHours: input.onTimeWindowHours,
    rows: tally.terminals.flatMap(({ terminal, days }) =>
      days.map(({ date, figures }) => ({
        terminalId: terminal.id,
        terminalCode: terminal.code,
        date,
        ...figures,
      })),
    ),
    terminals: tally.terminals.map(({ terminal, period }) => ({
      terminalId: terminal.id,
      terminalCode: terminal.code,
      timezone: terminal.timezone,
      ...period,
    })),
    total: tally.total,
  };
}

/**
 * Every event a KPI reads (not PILOT_BOARDED or BERTHING) of every call with an event in
 * [$1, $2), with the call's eta and planned terminal; times as epoch milliseconds, so the
 * answer reads the same from PGlite and PostgreSQL. One statement through the plain driver:
 * Prisma's per-row cost (about 80 µs) made a 92-day period take seconds.
 */
const CALL_EVENTS = `WITH calls AS (
  SELECT DISTINCT "visitId" FROM "PortCallEvent" WHERE at >= $1 AND at < $2
)
SELECT e."visitId" AS "visitId", e.kind::text AS kind,
  (extract(epoch FROM e.at) * 1000)::float8 AS "atMs", e."berthId" AS "berthId",
  e."terminalId" AS "terminalId", (extract(epoch FROM v.eta) * 1000)::float8 AS "etaMs",
  v."terminalId" AS "plannedTerminalId"
FROM calls c
JOIN "VesselVisit" v ON v.id = c."visitId"
JOIN "PortCallEvent" e ON e."visitId" = c."visitId"
WHERE e.kind IN ('ARRIVED', 'ANCHORED', 'ANCHOR_AWEIGH', 'BERTHED', 'UNBERTHED', 'DEPARTED')
ORDER BY e."visitId", e.at, e.id`;

type CallEventRow = {
  visitId: string;
  kind: CallEvent['kind'];
  atMs: number;
  berthId: string | null;
  terminalId: string | null;
  etaMs: number | null;
  plannedTerminalId: string | null;
};

/** The facts of every call with an event in [from, to), from all of its events. */
async function callsBetween(deps: Deps, from: Date, to: Date): Promise<CallFacts[]> {
  const { rows } = await deps.db.sql.query<CallEventRow>(CALL_EVENTS, [from, to]);
  const berths = await deps.db.prisma.berth.findMany({ select: { id: true, terminalId: true } });
  const terminalOfBerth = new Map(berths.map((berth) => [berth.id, berth.terminalId]));
  const terminalOf = (id: string) => terminalOfBerth.get(id) ?? null;
  const calls = new Map<string, { visit: CallVisit; events: CallEvent[] }>();
  for (const row of rows) {
    let call = calls.get(row.visitId);
    if (!call) {
      const eta = row.etaMs === null ? null : new Date(Number(row.etaMs));
      call = { visit: { id: row.visitId, eta, terminalId: row.plannedTerminalId }, events: [] };
      calls.set(row.visitId, call);
    }
    call.events.push({
      kind: row.kind,
      at: new Date(Number(row.atMs)),
      berthId: row.berthId,
      terminalId: row.terminalId,
    });
  }
  return [...calls.values()].map((call) => callFacts(call.visit, call.events, terminalOf));
}
