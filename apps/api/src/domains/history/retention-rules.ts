import type { Db } from '@harbor/db';
import type { HistoryRetention, SessionUser, SetTrackRetentionInput } from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { assertPortWriter, organizationScope } from '../auth/scope.ts';
import type { HistoryPolicy } from './policy.ts';

type Deps = { db: Pick<Db, 'prisma'>; history: HistoryPolicy };

/** The history settings, with the track rules of the organizations the user sees. */
export async function historyRetention(deps: Deps, user: SessionUser): Promise<HistoryRetention> {
  const policy = deps.history;
  const rules = await deps.db.prisma.trackRetention.findMany({
    where: organizationScope(user),
    select: { organizationId: true, assetKind: true, keepDays: true },
    orderBy: [{ organizationId: 'asc' }, { assetKind: 'asc' }],
  });
  return { ...policy, rules };
}

/**
 * Sets (or, with null, removes) an organization's own rule for its tracks of one kind. How
 * long history is kept is the platform's storage: port authority staff decide it. Applies to
 * what is compacted from then on at once, and to the tracks compacted before at the next
 * upkeep round (within the hour), which gives them the expiry of the new rule.
 */
export async function setTrackRetention(
  deps: Deps,
  user: SessionUser,
  input: SetTrackRetentionInput,
): Promise<HistoryRetention> {
  assertPortWriter(user);
  const policy = deps.history;
  const organization = await deps.db.prisma.organization.findUnique({
    where: { id: input.organizationId },
    select: { kind: true },
  });
  if (!organization)
    throw new HarborError('not-found', 'organization.not-found', 'no such organization');
  if (input.assetKind === 'VESSEL' && organization.kind !== 'PORT_AUTHORITY')
    throw new HarborError(
      'invalid',
      'history.vessels-are-port-data',
      "ships' tracks belong to the port: their retention is set on the port authority",
    );
  if (input.keepDays !== null && input.keepDays < policy.hotDays)
    throw new HarborError(
      'invalid',
      'history.keep-shorter-than-hot',
      `tracks are kept at least the ${policy.hotDays} days of raw fixes; ${input.keepDays} is too short`,
      { params: { hotDays: policy.hotDays, keepDays: input.keepDays } },
    );
  const key = { organizationId: input.organizationId, assetKind: input.assetKind };
  const { prisma } = deps.db;
  const requestedAt = new Date();
  // With the rule, a change for upkeep to apply to the tracks already compacted (upkeep.ts).
  await prisma.$transaction([
    input.keepDays === null
      ? prisma.trackRetention.deleteMany({ where: key })
      : prisma.trackRetention.upsert({
          where: { organizationId_assetKind: key },
          create: { ...key, keepDays: input.keepDays },
          update: { keepDays: input.keepDays },
        }),
    prisma.trackRetentionChange.upsert({
      where: { organizationId_assetKind: key },
      create: { ...key, requestedAt },
      update: { requestedAt, version: { increment: 1 } },
    }),
  ]);
  return historyRetention(deps, user);
}
