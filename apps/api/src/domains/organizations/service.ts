import type { Db } from '@harbor/db';
import type { CreateOrganizationInput, Organization, SessionUser } from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { rethrowPrismaError } from '../../core/prisma-errors.ts';
import { isPortStaff } from '../auth/scope.ts';

type OrganizationRow = {
  id: string;
  code: string;
  name: string;
  kind: Organization['kind'];
  createdAt: Date;
};

export function toOrganization(row: OrganizationRow): Organization {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listOrganizations(
  deps: { db: Db },
  user: SessionUser,
): Promise<Organization[]> {
  const rows = await deps.db.prisma.organization.findMany({
    where: isPortStaff(user) ? {} : { id: user.organization.id },
    orderBy: { name: 'asc' },
  });
  return rows.map(toOrganization);
}

export async function getOrganization(
  deps: { db: Db },
  user: SessionUser,
  id: string,
): Promise<Organization> {
  const row = await deps.db.prisma.organization.findUnique({ where: { id } });
  if (!row || (!isPortStaff(user) && row.id !== user.organization.id)) {
    throw new HarborError('not-found', 'organization.not-found', 'no such organization');
  }
  return toOrganization(row);
}

export async function createOrganization(
  deps: { db: Db },
  input: CreateOrganizationInput,
): Promise<Organization> {
  try {
    return toOrganization(await deps.db.prisma.organization.create({ data: input }));
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
