import type { Db, Prisma } from '@harbor/db';
import {
  type AnswerInspectionInput,
  type SaveSupervisionLinkInput,
  type SessionUser,
  type ShareVehiclesInput,
  type SupervisionLink,
  SupervisionLinkStatusSchema,
  type SupervisionRequest,
} from '@harbor/shared';
import type { Clock } from '../../core/clock.ts';
import { HarborError } from '../../core/errors.ts';

type Deps = { db: Db; now: Clock };

type LinkWithVehicles = Prisma.SupervisionLinkGetPayload<{ include: { vehicles: true } }>;

function toView(row: LinkWithVehicles, held: boolean): SupervisionLink {
  const status = SupervisionLinkStatusSchema.safeParse(row.status);
  return {
    id: row.id,
    enabled: row.enabled,
    edition: row.edition,
    host: row.host,
    port: row.port,
    userId: Number(row.userId),
    gnssCenterId: Number(row.gnssCenterId),
    platformId: row.platformId,
    downLinkIp: row.downLinkIp,
    downLinkPort: row.downLinkPort,
    encrypted: row.encryptM1 !== null,
    held,
    vehicleIds: row.vehicles.map((v) => v.vehicleId),
    stoppedVehicleIds: row.vehicles.filter((v) => v.exchangeStopped).map((v) => v.vehicleId),
    forwardedUntil: row.forwardedUntil?.toISOString() ?? null,
    status: status.success ? status.data : null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * A link as its users see it. Whether a process holds it is the database's judgement: the
 * lease was written with PostgreSQL's clock (links.ts), so it is read against that clock too,
 * not against this process's.
 */
async function viewOf(deps: Pick<Deps, 'db'>, row: LinkWithVehicles): Promise<SupervisionLink> {
  const { rows } = await deps.db.sql.query<{ held: boolean | null }>(
    `SELECT enabled AND "leaseUntil" > now() AS held FROM "SupervisionLink" WHERE id = $1`,
    [row.id],
  );
  return toView(row, rows[0]?.held === true);
}

const notConfigured = () =>
  new HarborError(
    'not-found',
    'supervision.not-configured',
    'this organization has no supervision link',
  );

async function ownLink(deps: Pick<Deps, 'db'>, user: SessionUser) {
  const link = await deps.db.prisma.supervisionLink.findUnique({
    where: { organizationId: user.organization.id },
  });
  if (!link) throw notConfigured();
  return link;
}

/** The user's company's link to its supervision platform, with its status; null when none. */
export async function supervisionLink(
  deps: Deps,
  user: SessionUser,
): Promise<SupervisionLink | null> {
  const row = await deps.db.prisma.supervisionLink.findUnique({
    where: { organizationId: user.organization.id },
    include: { vehicles: { orderBy: { createdAt: 'asc' } } },
  });
  return row ? viewOf(deps, row) : null;
}

/** Creates or changes the company's link; the process holding it reopens it on its next round. */
export async function saveSupervisionLink(
  deps: Deps,
  user: SessionUser,
  input: SaveSupervisionLinkInput,
): Promise<SupervisionLink> {
  const organizationId = user.organization.id;
  const existing = await deps.db.prisma.supervisionLink.findUnique({ where: { organizationId } });
  if (!existing && input.password === undefined)
    throw new HarborError(
      'invalid',
      'supervision.password-required',
      'a new supervision link needs its password',
    );
  const big = (n: number | undefined | null) => (n === undefined || n === null ? null : BigInt(n));
  const data = {
    enabled: input.enabled,
    edition: input.edition,
    host: input.host,
    port: input.port,
    userId: BigInt(input.userId),
    gnssCenterId: BigInt(input.gnssCenterId),
    platformId: input.platformId,
    downLinkIp: input.downLinkIp,
    downLinkPort: input.downLinkPort,
    ...(input.encryption === undefined
      ? {}
      : {
          encryptM1: big(input.encryption?.m1),
          encryptIa1: big(input.encryption?.ia1),
          encryptIc1: big(input.encryption?.ic1),
          encryptKey: big(input.encryption?.key),
        }),
    ...(input.password === undefined ? {} : { password: input.password }),
  };
  const row = await deps.db.prisma.supervisionLink.upsert({
    where: { organizationId },
    create: { ...data, password: input.password ?? '', organizationId },
    update: data,
    include: { vehicles: { orderBy: { createdAt: 'asc' } } },
  });
  return viewOf(deps, row);
}

/** Shares vehicles of the company with the platform, or stops sharing them. */
export async function shareVehicles(
  deps: Deps,
  user: SessionUser,
  input: ShareVehiclesInput,
): Promise<SupervisionLink> {
  const link = await ownLink(deps, user);
  const ids = [...new Set(input.vehicleIds)];
  const own = await deps.db.prisma.vehicle.count({
    where: { id: { in: ids }, organizationId: user.organization.id },
  });
  if (own !== ids.length)
    throw new HarborError(
      'forbidden',
      'supervision.vehicle-other-company',
      "only the company's own vehicles are shared",
    );
  if (input.shared)
    await deps.db.prisma.supervisionLinkVehicle.createMany({
      data: ids.map((vehicleId) => ({ linkId: link.id, vehicleId })),
      skipDuplicates: true,
    });
  else
    await deps.db.prisma.supervisionLinkVehicle.deleteMany({
      where: { linkId: link.id, vehicleId: { in: ids } },
    });
  return viewOf(
    deps,
    await deps.db.prisma.supervisionLink.findUniqueOrThrow({
      where: { id: link.id },
      include: { vehicles: { orderBy: { createdAt: 'asc' } } },
    }),
  );
}

type RequestRow = Prisma.SupervisionRequestGetPayload<object>;

export function toSupervisionRequest(row: RequestRow): SupervisionRequest {
  return {
    id: row.id,
    kind: row.kind,
    infoId: Number(row.infoId),
    objectType: row.objectType,
    objectId: row.objectId,
    content: row.content,
    vehicleId: row.vehicleId,
    receivedAt: row.receivedAt.toISOString(),
    answer: row.answer,
    answeredAt: row.answeredAt?.toISOString() ?? null,
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

/**
 * What the platform sent the company: the inspections still to answer first (they must not
 * scroll out of sight), then the rest, newest first.
 */
export async function supervisionRequests(
  deps: Pick<Deps, 'db'>,
  user: SessionUser,
  input: { limit: number },
): Promise<SupervisionRequest[]> {
  const organizationId = user.organization.id;
  const pending = await deps.db.prisma.supervisionRequest.findMany({
    where: { organizationId, kind: 'INSPECTION', answeredAt: null },
    orderBy: { receivedAt: 'desc' },
    take: input.limit,
  });
  const rest = await deps.db.prisma.supervisionRequest.findMany({
    where: { organizationId, id: { notIn: pending.map((row) => row.id) } },
    orderBy: { receivedAt: 'desc' },
    take: input.limit - pending.length,
  });
  return [...pending, ...rest].map(toSupervisionRequest);
}

/**
 * The duty officer's answer to an inspection (查岗). Stored here; the process holding the link
 * sends it as 0x1301 on its next round and records when.
 */
export async function answerInspection(
  deps: Deps,
  user: SessionUser,
  input: AnswerInspectionInput,
): Promise<SupervisionRequest> {
  const row = await deps.db.prisma.supervisionRequest.findFirst({
    where: { id: input.id, organizationId: user.organization.id },
  });
  if (!row) throw new HarborError('not-found', 'supervision.request-not-found', 'no such request');
  if (row.kind !== 'INSPECTION')
    throw new HarborError('invalid', 'supervision.not-inspection', 'only inspections are answered');
  const { count } = await deps.db.prisma.supervisionRequest.updateMany({
    where: { id: row.id, answeredAt: null },
    data: { answer: input.answer, answeredById: user.id, answeredAt: deps.now() },
  });
  if (count === 0)
    throw new HarborError('conflict', 'supervision.already-answered', 'already answered');
  return toSupervisionRequest(
    await deps.db.prisma.supervisionRequest.findUniqueOrThrow({ where: { id: row.id } }),
  );
}
