import type { Db, Prisma } from '@harbor/db';
import type {
  ContainerGrant,
  GrantContainerAccessInput,
  RevokeContainerAccessInput,
} from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';

type Deps = { db: Pick<Db, 'prisma'>; now: () => Date };

const grantInclude = {
  organization: { select: { code: true, name: true } },
} satisfies Prisma.ContainerAccessGrantInclude;
type GrantRow = Prisma.ContainerAccessGrantGetPayload<{ include: typeof grantInclude }>;

function toGrant(row: GrantRow): ContainerGrant {
  return {
    organizationId: row.organizationId,
    organizationCode: row.organization.code,
    organizationName: row.organization.name,
    scope: row.scope,
    reason: row.reason,
    grantedAt: row.grantedAt.toISOString(),
    grantedById: row.grantedById,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedById: row.revokedById,
    isActive: row.revokedAt === null,
  } satisfies ContainerGrant;
}

/** Grants of one organization or of all, active ones unless revoked ones are asked for too. */
export async function listContainerGrants(
  deps: Deps,
  filter: { organizationId?: string | undefined; includeRevoked: boolean },
): Promise<ContainerGrant[]> {
  const rows = await deps.db.prisma.containerAccessGrant.findMany({
    where: {
      ...(filter.organizationId ? { organizationId: filter.organizationId } : {}),
      ...(filter.includeRevoked ? {} : { revokedAt: null }),
    },
    include: grantInclude,
    orderBy: [{ organization: { code: 'asc' } }, { scope: 'asc' }],
  });
  return rows.map(toGrant);
}

/**
 * Opens `scope` to the organization, or renews the grant (a new reason, a new date, no
 * longer revoked). The port authority itself sees everything and takes no grant.
 */
export async function grantContainerAccess(
  deps: Deps,
  grantedById: string,
  input: GrantContainerAccessInput,
): Promise<ContainerGrant> {
  const organization = await deps.db.prisma.organization.findUnique({
    where: { id: input.organizationId },
    select: { kind: true },
  });
  if (!organization)
    throw new HarborError('not-found', 'organization.not-found', 'no such organization');
  if (organization.kind === 'PORT_AUTHORITY')
    throw new HarborError(
      'invalid',
      'grant.port-authority-sees-all',
      'the port authority sees every container already; grants are for other organizations',
    );
  const decided = {
    reason: input.reason ?? null,
    grantedAt: deps.now(),
    grantedById,
    revokedAt: null,
    revokedById: null,
  };
  const row = await deps.db.prisma.containerAccessGrant.upsert({
    where: {
      organizationId_scope: { organizationId: input.organizationId, scope: input.scope },
    },
    create: { organizationId: input.organizationId, scope: input.scope, ...decided },
    update: decided,
    include: grantInclude,
  });
  return toGrant(row);
}

/** Closes `scope` again: the organization is back to the containers it handles. */
export async function revokeContainerAccess(
  deps: Deps,
  revokedById: string,
  input: RevokeContainerAccessInput,
): Promise<ContainerGrant> {
  const key = { organizationId: input.organizationId, scope: input.scope };
  const updated = await deps.db.prisma.containerAccessGrant.updateMany({
    where: { ...key, revokedAt: null },
    data: { revokedAt: deps.now(), revokedById },
  });
  if (updated.count === 0)
    throw new HarborError(
      'not-found',
      'grant.not-found',
      `the organization has no active ${input.scope} grant to revoke`,
      { params: { scope: input.scope } },
    );
  const row = await deps.db.prisma.containerAccessGrant.findUniqueOrThrow({
    where: { organizationId_scope: key },
    include: grantInclude,
  });
  return toGrant(row);
}
