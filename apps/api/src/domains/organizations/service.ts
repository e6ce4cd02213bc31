import type { Db, Prisma } from '@harbor/db';
import type {
  CreateOrganizationInput,
  Organization,
  SessionUser,
  UpdateOrganizationInput,
} from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { rethrowPrismaError } from '../../core/prisma-errors.ts';
import { canSee, organizationScope } from '../auth/scope.ts';

/** Every organization is read with the count of its users (one subquery). */
const WITH_USER_COUNT = { _count: { select: { users: true } } } as const;
type OrganizationRow = Prisma.OrganizationGetPayload<{ include: typeof WITH_USER_COUNT }>;

export function toOrganization(row: OrganizationRow): Organization {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    nameZh: row.nameZh,
    kind: row.kind,
    userCount: row._count.users,
    createdAt: row.createdAt.toISOString(),
  } satisfies Organization;
}

const notFound = () =>
  new HarborError('not-found', 'organization.not-found', 'no such organization');

export async function listOrganizations(
  deps: { db: Db },
  user: SessionUser,
): Promise<Organization[]> {
  const rows = await deps.db.prisma.organization.findMany({
    // An organization is its own owner (no scope is no filter: undefined in Prisma).
    where: { id: organizationScope(user).organizationId },
    include: WITH_USER_COUNT,
    orderBy: { name: 'asc' },
  });
  return rows.map(toOrganization);
}

export async function getOrganization(
  deps: { db: Db },
  user: SessionUser,
  id: string,
): Promise<Organization> {
  const row = await deps.db.prisma.organization.findUnique({
    where: { id },
    include: WITH_USER_COUNT,
  });
  // An organization is its own owner.
  if (!row || !canSee(user, row.id)) throw notFound();
  return toOrganization(row);
}

export async function createOrganization(
  deps: { db: Db },
  input: CreateOrganizationInput,
): Promise<Organization> {
  try {
    return toOrganization(
      await deps.db.prisma.organization.create({
        data: { ...input, nameZh: input.nameZh ?? null },
        include: WITH_USER_COUNT,
      }),
    );
  } catch (error) {
    rethrowPrismaError(error, {
      conflict: {
        code: 'organization.code-taken',
        message: `an organization with code ${input.code} already exists`,
        params: { code: input.code },
      },
    });
  }
}

/** A new name or Chinese name (the caller is a port authority admin: the router checks). */
export async function updateOrganization(
  deps: { db: Db },
  input: UpdateOrganizationInput,
): Promise<Organization> {
  const { id, ...fields } = input;
  try {
    return toOrganization(
      await deps.db.prisma.organization.update({
        where: { id },
        data: fields,
        include: WITH_USER_COUNT,
      }),
    );
  } catch (error) {
    rethrowPrismaError(error, {
      notFound: { code: 'organization.not-found', message: 'no such organization' },
    });
  }
}
