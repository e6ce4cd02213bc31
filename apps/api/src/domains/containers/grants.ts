import type { Db, Prisma } from '@harbor/db';
import type {
  ContainerGrant,
  GrantContainerAccessInput,
  RevokeContainerAccessInput,
} from '@harbor/shared';

/** Why a grant could not be given or revoked; the router turns it into a tRPC error. */
export class ContainerGrantError extends Error {
  constructor(
    readonly reason: 'NO_SUCH_ORGANIZATION' | 'PORT_AUTHORITY' | 'NO_SUCH_GRANT',
    message: string,
  ) {
    super(message);
  }
}

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
  if (!organization) throw new ContainerGrantError('NO_SUCH_ORGANIZATION', 'no such organization');
  if (organization.kind === 'PORT_AUTHORITY')
    throw new ContainerGrantError(
      'PORT_AUTHORITY',
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
    throw new ContainerGrantError(
      'NO_SUCH_GRANT',
      `the organization has no active ${input.scope} grant to revoke`,
    );
  const row = await deps.db.prisma.containerAccessGrant.findUniqueOrThrow({
    where: { organizationId_scope: key },
    include: grantInclude,
  });
  return toGrant(row);
}
