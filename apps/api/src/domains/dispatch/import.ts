import type { Db } from '@harbor/db';
import {
  type CreateDispatchJobInput,
  CSV_COLUMN_OF,
  CSV_COLUMNS,
  DispatchJobCsvRow,
  type SessionUser,
} from '@harbor/shared';
import { CsvError, type CsvProblem, type CsvRecord, parseCsv, ruleIssue } from '../../core/csv.ts';
import { fieldDetailsOf, fieldIssueOf, HarborError } from '../../core/errors.ts';
import { rethrowPrismaError } from '../../core/prisma-errors.ts';
import { assertFleetOperator, jobData, resolveRefs, unknownRefs } from './jobs.ts';

export const MAX_IMPORT_ROWS = 5_000;

const normalizeHeader = (cell: string) =>
  cell
    .trim()
    .toLowerCase()
    .replace(/[_\s]+/g, ' ');

/**
 * Reads and validates a CSV of jobs; either every row is good, or the problems come back
 * listed by line and column and nothing is created.
 */
export function readJobsCsv(text: string): {
  jobs: { line: number; job: CreateDispatchJobInput }[];
  problems: CsvProblem[];
} {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) return { jobs: [], problems: error.problems };
    throw error;
  }
  const [header, ...rows] = records;
  const expected = CSV_COLUMNS.join(',');
  if (!header || header.fields.map(normalizeHeader).join(',') !== expected)
    return {
      jobs: [],
      problems: [
        {
          line: header?.line ?? 1,
          message: `the header row must be: ${expected}`,
          issue: ruleIssue('csv-header', { expected }),
        },
      ],
    };
  if (rows.length === 0)
    return {
      jobs: [],
      problems: [{ line: 2, message: 'the file has no jobs', issue: ruleIssue('csv-no-rows') }],
    };
  if (rows.length > MAX_IMPORT_ROWS)
    return {
      jobs: [],
      problems: [
        {
          line: 1,
          message: `at most ${MAX_IMPORT_ROWS} jobs per file`,
          issue: ruleIssue('csv-too-many-rows', { max: MAX_IMPORT_ROWS }),
        },
      ],
    };
  const jobs: { line: number; job: CreateDispatchJobInput }[] = [];
  const problems: CsvProblem[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of rows) {
    if (fields.length !== CSV_COLUMNS.length) {
      problems.push({
        line,
        message: `expected ${CSV_COLUMNS.length} columns, found ${fields.length}`,
        issue: ruleIssue('csv-column-count', {
          expected: CSV_COLUMNS.length,
          found: fields.length,
        }),
      });
      continue;
    }
    const raw = Object.fromEntries(
      Object.entries(CSV_COLUMN_OF).map(([field, column]) => [
        field,
        fields[CSV_COLUMNS.indexOf(column)],
      ]),
    );
    const parsed = DispatchJobCsvRow.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({
          line,
          column: CSV_COLUMN_OF[String(issue.path[0])],
          message: issue.message,
          issue: fieldIssueOf(issue),
        });
      continue;
    }
    const earlier = seen.get(parsed.data.reference);
    if (earlier !== undefined)
      problems.push({
        line,
        column: 'reference',
        message: `reference repeats line ${earlier}`,
        issue: ruleIssue('csv-repeats', { line: earlier }),
      });
    seen.set(parsed.data.reference, line);
    jobs.push({ line, job: parsed.data });
  }
  return { jobs, problems };
}

/** The refusal of a file: its problems as field errors keyed `line N.column`. */
function rejected(problems: CsvProblem[]): HarborError {
  const cause = new CsvError(problems);
  return new HarborError(
    'invalid',
    'job.import-refused',
    `${problems.length} problem(s) in the file; nothing was imported`,
    { params: { problems: problems.length }, ...fieldDetailsOf(cause.issues), cause },
  );
}

export async function importJobs(
  deps: { db: Db },
  user: SessionUser,
  csv: string,
  now: Date,
): Promise<{ created: number; ids: string[] }> {
  assertFleetOperator(user);
  const { jobs, problems } = readJobsCsv(csv);
  if (problems.length > 0) throw rejected(problems);
  const refs = await resolveRefs(
    deps.db,
    [...new Set(jobs.flatMap(({ job }) => [job.pickupZoneCode, job.dropoffZoneCode]))],
    [...new Set(jobs.flatMap(({ job }) => (job.containerNumber ? [job.containerNumber] : [])))],
  );
  const existing = await deps.db.prisma.dispatchJob.findMany({
    where: {
      organizationId: user.organization.id,
      reference: { in: jobs.map(({ job }) => job.reference) },
    },
    select: { reference: true },
  });
  const taken = new Set(existing.map((job) => job.reference));
  for (const { line, job } of jobs) {
    for (const { field, message, code, params } of unknownRefs(job, refs))
      problems.push({
        line,
        column: CSV_COLUMN_OF[field] ?? field,
        message,
        issue: { code, params },
      });
    if (taken.has(job.reference))
      problems.push({
        line,
        column: 'reference',
        message: `a job with reference ${job.reference} already exists`,
        issue: { code: 'job.reference-taken', params: { reference: job.reference } },
      });
  }
  if (problems.length > 0) throw rejected(problems);
  try {
    // All or nothing: one transaction for the jobs and their first events.
    const ids = await deps.db.prisma.$transaction(async (tx) => {
      const created = await tx.dispatchJob.createManyAndReturn({
        data: jobs.map(({ job }) => jobData(job, refs, user.organization.id, user.id)),
        select: { id: true },
      });
      await tx.dispatchJobEvent.createMany({
        data: created.map(({ id }) => ({
          jobId: id,
          toStatus: 'PLANNED' as const,
          at: now,
          actorKind: 'USER' as const,
          actorUserId: user.id,
          note: 'imported from CSV',
        })),
      });
      return created.map(({ id }) => id);
    });
    return { created: ids.length, ids };
  } catch (error) {
    rethrowPrismaError(error, {
      conflict: {
        code: 'job.references-taken',
        message: 'a job with one of these references was created meanwhile',
      },
    });
  }
}
