import type { Db } from '@harbor/db';
import { type FieldIssue, type ImportScheduleResult, isValidImo } from '@harbor/shared';
import { z } from 'zod';
import { CsvError, type CsvProblem, type CsvRecord, parseCsv, ruleIssue } from '../../core/csv.ts';
import { fieldIssueOf, type HarborError } from '../../core/errors.ts';
import { wallClockToUtc } from '../../core/wall-clock.ts';
import { createCuratedVessel } from '../vessels/static-data.ts';
import { fieldErrors, toVesselVisit, visitInclude } from './mapping.ts';

/** The schedule's columns, and the header spellings each accepts (compared lower-case, letters and digits only). */
const COLUMNS = {
  vessel: ['vessel', 'vesselmmsiorimo', 'mmsiorimo', 'mmsi', 'imo'],
  vesselName: ['vesselname', 'name'],
  voyage: ['voyage', 'voyagenumber', 'voyageno'],
  terminal: ['terminal', 'terminalcode'],
  berth: ['berth', 'berthcode'],
  eta: ['eta'],
  etd: ['etd'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['vessel', 'terminal', 'eta'];

const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .transform((value) => value || undefined);

/** One schedule line; dates stay text until the terminal (and so the port's time zone) is known. */
const ScheduleRow = z.object({
  vessel: z
    .string()
    .trim()
    .transform((text, ctx) => {
      const imo = text.replace(/^IMO\s*/i, '');
      if (/^\d{9}$/.test(text)) return { mmsi: Number(text), imo: null };
      if (/^\d{7}$/.test(imo) && isValidImo(Number(imo))) return { mmsi: null, imo: Number(imo) };
      ctx.addIssue({
        code: 'custom',
        message: 'an MMSI (9 digits) or an IMO number (7 digits with a valid check digit)',
        params: { rule: 'vessel-id' },
      });
      return z.NEVER;
    }),
  vesselName: optional(50),
  voyage: optional(20),
  terminal: z.string().trim().min(1, 'a terminal code'),
  berth: optional(10),
  eta: z
    .string()
    .trim()
    .regex(DATE_TIME, 'a date and time: 2026-11-26T08:00Z, or 2026-11-26 16:00 in port time'),
  etd: z
    .string()
    .trim()
    .regex(DATE_TIME, 'a date and time: 2026-11-26T08:00Z, or 2026-11-26 16:00 in port time')
    .or(z.literal(''))
    .transform((value) => value || undefined),
});

/** A date with an offset is taken as written; without one it is wall-clock time in the port's zone. */
function toDate(text: string, timezone: string): Date {
  const iso = text.replace(' ', 'T');
  return /(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? new Date(iso) : wallClockToUtc(iso, timezone);
}

/** The refusal of a file: its problems as field errors keyed `line N.column`. */
function rejected(problems: CsvProblem[]): HarborError {
  return fieldErrors(new CsvError(problems).issues, 'visit.import-refused');
}

/**
 * Imports a berth schedule, all or nothing: every line is checked (vessel known, or its
 * MMSI and name given so it can be created; terminal and berth exist; ETD after ETA; no
 * visit of the same vessel and voyage yet) and every problem reported by line and column
 * before anything is written; then the new vessels and the visits go in one transaction.
 */
export async function importSchedule(
  deps: { db: Pick<Db, 'prisma'> },
  csv: string,
): Promise<ImportScheduleResult> {
  let records: CsvRecord[];
  try {
    records = parseCsv(csv);
  } catch (error) {
    if (error instanceof CsvError) throw rejected(error.problems);
    throw error;
  }
  const [header, ...lines] = records;
  if (!header || lines.length === 0)
    throw rejected([
      {
        line: null,
        message: 'a header line and at least one visit',
        issue: ruleIssue('csv-no-rows'),
      },
    ]);
  const problems: CsvProblem[] = [];
  const positions = new Map<Column, number>();
  header.fields.forEach((name, index) => {
    const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
    const column = (Object.keys(COLUMNS) as Column[]).find((c) =>
      (COLUMNS[c] as readonly string[]).includes(key),
    );
    if (!column)
      problems.push({
        line: header.line,
        column: name,
        message: 'unknown column',
        issue: ruleIssue('csv-unknown-column'),
      });
    else positions.set(column, index);
  });
  for (const column of REQUIRED)
    if (!positions.has(column))
      problems.push({
        line: header.line,
        column,
        message: 'missing column',
        issue: ruleIssue('csv-missing-column'),
      });
  if (problems.length > 0) throw rejected(problems);

  const rows = lines.flatMap((record) => {
    // A column the file leaves out (only optional ones may be) reads as an empty cell.
    const cells = Object.fromEntries(
      (Object.keys(COLUMNS) as Column[]).map((column) => {
        const index = positions.get(column);
        return [column, index === undefined ? '' : (record.fields[index] ?? '')];
      }),
    );
    const parsed = ScheduleRow.safeParse(cells);
    if (parsed.success) return [{ line: record.line, ...parsed.data }];
    for (const issue of parsed.error.issues)
      problems.push({
        line: record.line,
        column: issue.path.map(String).join('.'),
        message: issue.message,
        issue: fieldIssueOf(issue),
      });
    return [];
  });

  const prisma = deps.db.prisma;
  const terminals = await prisma.terminal.findMany({
    include: { port: { select: { timezone: true } }, berths: { select: { id: true, code: true } } },
  });
  const vessels = await prisma.vessel.findMany({
    where: {
      OR: [
        { mmsi: { in: rows.flatMap((row) => row.vessel.mmsi ?? []) } },
        { imo: { in: rows.flatMap((row) => row.vessel.imo ?? []) } },
      ],
    },
  });
  const plans = rows.flatMap((row) => {
    const at = (column: string, message: string, issue: FieldIssue) =>
      problems.push({ line: row.line, column, message, issue });
    const matching = terminals.filter((terminal) => terminal.code === row.terminal.toUpperCase());
    const terminal = matching.length === 1 ? matching[0] : undefined;
    if (!terminal)
      at(
        'terminal',
        matching.length ? 'terminal code in more than one port' : 'no such terminal',
        ruleIssue(matching.length ? 'terminal-ambiguous' : 'no-terminal'),
      );
    const berth = row.berth
      ? terminal?.berths.find((b) => b.code === row.berth?.toUpperCase())
      : undefined;
    if (terminal && row.berth && !berth)
      at(
        'berth',
        `no berth ${row.berth} at ${terminal.code}`,
        ruleIssue('no-berth', { berth: row.berth, terminal: terminal.code }),
      );
    const known = vessels.find((v) =>
      row.vessel.mmsi !== null ? v.mmsi === row.vessel.mmsi : v.imo === row.vessel.imo,
    );
    if (!known && row.vessel.mmsi === null)
      at(
        'vessel',
        'no vessel with this IMO number: give its MMSI and name',
        ruleIssue('no-vessel-imo'),
      );
    if (!known && row.vessel.mmsi !== null && !row.vesselName)
      at('vesselName', 'a new vessel needs its name', ruleIssue('vessel-name-needed'));
    if (!terminal) return [];
    const eta = toDate(row.eta, terminal.port.timezone);
    const etd = row.etd ? toDate(row.etd, terminal.port.timezone) : null;
    if (Number.isNaN(eta.getTime())) at('eta', 'not a real date', ruleIssue('not-a-date'));
    if (etd && (Number.isNaN(etd.getTime()) || etd <= eta))
      at('etd', 'ETD is after ETA', ruleIssue('etd-after-eta'));
    return [{ ...row, terminal, berthId: berth?.id ?? null, known, eta, etd }];
  });
  const voyages = plans.filter((plan) => plan.known && plan.voyage);
  const existing = await prisma.vesselVisit.findMany({
    where: {
      status: { not: 'CANCELLED' },
      OR: voyages.map((plan) => ({ vesselId: plan.known?.id, voyageNumber: plan.voyage })),
    },
    select: { vesselId: true, voyageNumber: true },
  });
  for (const plan of voyages)
    if (existing.some((e) => e.vesselId === plan.known?.id && e.voyageNumber === plan.voyage))
      problems.push({
        line: plan.line,
        column: 'voyage',
        message: 'this vessel already has a visit with this voyage',
        issue: ruleIssue('voyage-taken'),
      });
  if (problems.length > 0) throw rejected(problems);

  return prisma.$transaction(async (tx) => {
    const created = new Map<number, string>();
    const visits = [];
    for (const plan of plans) {
      let vesselId = plan.known?.id;
      if (!vesselId && plan.vessel.mmsi !== null) {
        const mmsi = plan.vessel.mmsi;
        vesselId =
          created.get(mmsi) ??
          (await createCuratedVessel(tx, mmsi, { name: plan.vesselName ?? null })).id;
        created.set(mmsi, vesselId);
      }
      if (!vesselId) continue;
      const visit = await tx.vesselVisit.create({
        data: {
          vesselId,
          portId: plan.terminal.portId,
          terminalId: plan.terminal.id,
          // The actual berth starts as the plan; the visit tracker moves it on berthing.
          berthId: plan.berthId,
          plannedBerthId: plan.berthId,
          voyageNumber: plan.voyage ?? null,
          eta: plan.eta,
          etd: plan.etd,
        },
        include: visitInclude,
      });
      visits.push(toVesselVisit(visit));
    }
    return { visitsCreated: visits.length, vesselsCreated: created.size, visits };
  });
}
