import type { Db } from '@harbor/db';
import type { ApiKey, OrganizationKind, SessionUser } from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { organizationScope, targetOrganization } from './scope.ts';
import { hashSecret, newSecret } from './secrets.ts';

type ApiKeyRow = {
  id: string;
  organizationId: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  } satisfies ApiKey;
}

/** A new key: shown once, stored as its SHA-256 only. */
export async function createApiKey(
  deps: { db: Db },
  user: SessionUser,
  input: { name: string; organizationId?: string | undefined },
) {
  const organizationId = targetOrganization(user, input.organizationId);
  const key = `hbk_${newSecret(24)}`;
  const row = await deps.db.prisma.apiKey.create({
    data: {
      organizationId,
      name: input.name,
      prefix: key.slice(0, 8),
      keyHash: hashSecret(key),
      createdById: user.id,
    },
  });
  return { apiKey: toApiKey(row), key };
}

export async function listApiKeys(deps: { db: Db }, user: SessionUser): Promise<ApiKey[]> {
  const rows = await deps.db.prisma.apiKey.findMany({
    where: organizationScope(user),
    orderBy: { createdAt: 'desc' },
  });
  return rows.map(toApiKey);
}

export async function revokeApiKey(
  deps: { db: Db; now: () => Date },
  user: SessionUser,
  id: string,
): Promise<ApiKey> {
  const row = await deps.db.prisma.apiKey.findFirst({ where: { id, ...organizationScope(user) } });
  if (!row) throw new HarborError('not-found', 'api-key.not-found', 'no such API key');
  return toApiKey(
    await deps.db.prisma.apiKey.update({
      where: { id },
      data: { revokedAt: row.revokedAt ?? deps.now() },
    }),
  );
}

/** The organization a presented key belongs to, or null for an unknown or revoked key. */
export async function organizationForKey(
  db: Pick<Db, 'prisma'>,
  key: string,
  now: Date,
): Promise<{ id: string; kind: OrganizationKind } | null> {
  const row = await db.prisma.apiKey.findUnique({
    where: { keyHash: hashSecret(key) },
    include: { organization: true },
  });
  if (!row || row.revokedAt) return null;
  await db.prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  return { id: row.organization.id, kind: row.organization.kind };
}
