import type { Db, Prisma } from '@harbor/db';
import type {
  CreateDispatchJobInput,
  DispatchJob,
  DispatchJobDetail,
  DispatchJobEvent,
  ErrorParams,
  ListDispatchJobsInput,
  SessionUser,
} from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { pageArgs, toPage } from '../../core/pagination.ts';
import { rethrowPrismaError } from '../../core/prisma-errors.ts';
import { isPortStaff, organizationScope } from '../auth/scope.ts';
import { MEDIA_LISTED, toTerminalMedia } from '../vehicles/media.ts';
import { DELIVERY_PHOTO_LISTED, toDeliveryPhoto } from './delivery-photos.ts';
import type { JobChangeTopic } from './job-changes.ts';

type Deps = { db: Db };

const zoneRef = { select: { id: true, code: true, name: true, nameZh: true } } as const;
export const jobInclude = {
  pickupZone: zoneRef,
  dropoffZone: zoneRef,
  vehicle: { select: { id: true, plate: true } },
  driver: { select: { id: true, name: true } },
  container: { select: { number: true } },
} as const satisfies Prisma.DispatchJobInclude;
export type JobRow = Prisma.DispatchJobGetPayload<{ include: typeof jobInclude }>;

const eventInclude = { actorUser: { select: { id: true, name: true } } } as const;

export type JobEventRow = Prisma.DispatchJobEventGetPayload<{ include: typeof eventInclude }>;

export function toJob(row: JobRow): DispatchJob {
  return {
    id: row.id,
    organizationId: row.organizationId,
    reference: row.reference,
    kind: row.kind,
    status: row.status,
    containerNumber: row.container?.number ?? null,
    pickupZone: row.pickupZone,
    dropoffZone: row.dropoffZone,
    windowStart: row.windowStart.toISOString(),
    windowEnd: row.windowEnd.toISOString(),
    vehicle: row.vehicle,
    driver: row.driver,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    requiresProofPhoto: row.requiresProofPhoto,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  } satisfies DispatchJob;
}

export function toJobEvent(row: JobEventRow): DispatchJobEvent {
  return {
    id: row.id,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    at: row.at.toISOString(),
    actorKind: row.actorKind,
    actorUser: row.actorUser,
    note: row.note,
    position: row.lat === null || row.lon === null ? null : { lat: row.lat, lon: row.lon },
  } satisfies DispatchJobEvent;
}

/** Another company's job is NOT_FOUND, like a missing one: its existence is not leaked. */
export async function findVisibleJob(deps: Deps, user: SessionUser, id: string): Promise<JobRow> {
  const row = await deps.db.prisma.dispatchJob.findFirst({
    where: { id, ...organizationScope(user) },
    include: jobInclude,
  });
  if (!row) throw new HarborError('not-found', 'job.not-found', 'no such dispatch job');
  return row;
}

/**
 * A job is run by its own company: port staff may read every fleet's jobs but not change
 * them, and another company's job is not even visible.
 */
export async function findOwnJob(deps: Deps, user: SessionUser, id: string): Promise<JobRow> {
  const row = await findVisibleJob(deps, user, id);
  if (row.organizationId !== user.organization.id)
    throw new HarborError(
      'forbidden',
      'job.other-company',
      "only the job's own company may change it",
    );
  return row;
}

/**
 * The user's company's job, when it is this truck's: what a command or a gate booking made for
 * a job must name.
 */
export async function findOwnJobOfTruck(
  deps: Deps,
  user: SessionUser,
  jobId: string,
  vehicle: { id: string; plate: string },
): Promise<JobRow> {
  const job = await findOwnJob(deps, user, jobId);
  if (job.vehicleId !== vehicle.id)
    throw new HarborError('invalid', 'job.other-truck', 'the job is not this truck’s', {
      params: { plate: vehicle.plate },
    });
  return job;
}

/** Dispatch jobs are a logistics company's own: port staff read them, they do not create them. */
export function assertFleetOperator(user: SessionUser): void {
  if (isPortStaff(user))
    throw new HarborError(
      'forbidden',
      'job.fleet-only',
      "dispatch jobs are created by the fleet's own company",
    );
}

export type ResolvedRefs = { zones: Map<string, string>; containers: Map<string, string> };

/** Looks up the zone codes and container numbers a set of jobs names, in two queries. */
export async function resolveRefs(
  db: Pick<Db, 'prisma'>,
  zoneCodes: string[],
  containerNumbers: string[],
): Promise<ResolvedRefs> {
  const [zones, containers] = await Promise.all([
    db.prisma.zone.findMany({
      where: { code: { in: zoneCodes } },
      select: { id: true, code: true },
    }),
    containerNumbers.length > 0
      ? db.prisma.container.findMany({
          where: { number: { in: containerNumbers } },
          select: { id: true, number: true },
        })
      : [],
  ]);
  return {
    zones: new Map(zones.map((zone) => [zone.code, zone.id])),
    containers: new Map(containers.map((container) => [container.number, container.id])),
  };
}

export function jobData(
  input: CreateDispatchJobInput,
  refs: ResolvedRefs,
  organizationId: string,
  createdById: string,
): Prisma.DispatchJobUncheckedCreateInput {
  return {
    organizationId,
    createdById,
    reference: input.reference,
    kind: input.kind,
    containerId: input.containerNumber
      ? (refs.containers.get(input.containerNumber) ?? null)
      : null,
    pickupZoneId: refs.zones.get(input.pickupZoneCode) as string,
    dropoffZoneId: refs.zones.get(input.dropoffZoneCode) as string,
    windowStart: new Date(input.windowStart),
    windowEnd: new Date(input.windowEnd),
    note: input.note ?? null,
    requiresProofPhoto: input.requiresProofPhoto,
  };
}

/** A reference a job names that Harbor does not know: the field, and what is wrong with it. */
export type UnknownRef = {
  field: string;
  code: 'zone.not-found' | 'container.not-found';
  message: string;
  params: ErrorParams;
};

/** The references a job names that Harbor does not know. */
export function unknownRefs(input: CreateDispatchJobInput, refs: ResolvedRefs): UnknownRef[] {
  const problems: UnknownRef[] = [];
  for (const field of ['pickupZoneCode', 'dropoffZoneCode'] as const)
    if (!refs.zones.has(input[field]))
      problems.push({
        field,
        code: 'zone.not-found',
        message: `no zone ${input[field]} in the port`,
        params: { zone: input[field] },
      });
  if (input.containerNumber && !refs.containers.has(input.containerNumber))
    problems.push({
      field: 'containerNumber',
      code: 'container.not-found',
      message: `container ${input.containerNumber} is not registered in Harbor`,
      params: { number: input.containerNumber },
    });
  return problems;
}

/** A new job's first event goes to `dispatch.live` too, so a board shows the job at once. */
export async function createJob(
  deps: Deps & { jobChanges?: JobChangeTopic | undefined },
  user: SessionUser,
  input: CreateDispatchJobInput,
  now: Date,
): Promise<DispatchJob> {
  assertFleetOperator(user);
  const refs = await resolveRefs(
    deps.db,
    [input.pickupZoneCode, input.dropoffZoneCode],
    input.containerNumber ? [input.containerNumber] : [],
  );
  const [problem] = unknownRefs(input, refs);
  if (problem)
    throw new HarborError('not-found', problem.code, problem.message, { params: problem.params });
  try {
    const row = await deps.db.prisma.dispatchJob.create({
      data: {
        ...jobData(input, refs, user.organization.id, user.id),
        events: {
          create: {
            toStatus: 'PLANNED',
            at: now,
            actorKind: 'USER',
            actorUserId: user.id,
            note: 'created',
          },
        },
      },
      include: { ...jobInclude, events: { include: eventInclude } },
    });
    const job = toJob(row);
    const [event] = row.events;
    if (event) deps.jobChanges?.publish({ job, event: toJobEvent(event) });
    return job;
  } catch (error) {
    rethrowPrismaError(error, {
      conflict: {
        code: 'job.reference-taken',
        message: `a job with reference ${input.reference} already exists`,
        params: { reference: input.reference },
      },
    });
  }
}

const SORT_COLUMN = {
  windowStart: 'windowStart',
  createdAt: 'createdAt',
  reference: 'reference',
  status: 'status',
} as const;

export async function listJobs(deps: Deps, user: SessionUser, input: ListDispatchJobsInput) {
  const search = input.search?.toUpperCase();
  const where: Prisma.DispatchJobWhereInput = {
    AND: [
      organizationScope(user),
      input.status ? { status: { in: input.status } } : {},
      input.vehicleId ? { vehicleId: input.vehicleId } : {},
      input.to ? { windowStart: { lt: new Date(input.to) } } : {},
      input.from ? { windowEnd: { gt: new Date(input.from) } } : {},
      search
        ? {
            OR: [
              { reference: { contains: input.search, mode: 'insensitive' } },
              { container: { number: { contains: search.replace(/[\s\-/.]/g, '') } } },
            ],
          }
        : {},
    ],
  };
  const rows = await deps.db.prisma.dispatchJob.findMany({
    where,
    include: jobInclude,
    // The id breaks ties, so cursor pages neither repeat nor skip rows with equal keys.
    orderBy: [{ [SORT_COLUMN[input.sortBy]]: input.sortDir }, { id: input.sortDir }],
    ...pageArgs(input, organizationScope(user)),
  });
  return toPage(rows, input.limit, toJob);
}

export async function getJob(
  deps: Deps,
  user: SessionUser,
  id: string,
): Promise<DispatchJobDetail> {
  const row = await findVisibleJob(deps, user, id);
  const events = await deps.db.prisma.dispatchJobEvent.findMany({
    where: { jobId: id },
    include: eventInclude,
    orderBy: [{ at: 'asc' }, { id: 'asc' }],
  });
  const photos = await deps.db.prisma.terminalMedia.findMany({
    where: { dispatchJobId: id },
    select: MEDIA_LISTED,
    orderBy: [{ takenAt: 'asc' }, { id: 'asc' }],
  });
  const deliveryPhotos = await deps.db.prisma.deliveryPhoto.findMany({
    where: { dispatchJobId: id },
    select: DELIVERY_PHOTO_LISTED,
    orderBy: [{ uploadedAt: 'asc' }, { id: 'asc' }],
  });
  return {
    ...toJob(row),
    events: events.map(toJobEvent),
    photos: photos.map(toTerminalMedia),
    deliveryPhotos: deliveryPhotos.map(toDeliveryPhoto),
  };
}

export { eventInclude };
