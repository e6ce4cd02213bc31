import type { Db, Prisma } from '@harbor/db';
import {
  type AcknowledgeAlertsInput,
  type AcknowledgeAlertsResult,
  type Alert,
  type AlertRule,
  AlertRuleParamsSchema,
  type CreateAlertRuleInput,
  type ListAlertsInput,
  type SessionUser,
  type UpdateAlertRuleInput,
} from '@harbor/shared';
import { fieldDetailsOf, HarborError } from '../../core/errors.ts';
import { pageArgs, toPage } from '../../core/pagination.ts';
import type { Topic } from '../../core/topic.ts';
import { organizationScope, targetOrganization } from '../auth/scope.ts';
import { describeAlerts } from './describe.ts';

type AlertRuleRow = Prisma.AlertRuleGetPayload<object>;

/** A stored rule as the contract shows it; settings that no longer validate are shown as stored. */
export function toAlertRule(row: AlertRuleRow): AlertRule {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    nameZh: row.nameZh,
    enabled: row.enabled,
    severity: row.severity,
    kind: row.kind,
    params: row.params,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  } as AlertRule;
}

type Deps = {
  db: Db;
  /** The live fan-out; an acknowledgement goes out on its alerts topic. */
  live?: { alerts: Topic<Alert> } | undefined;
  alertMonitor: { reloadRules(): Promise<number> };
};

export function alertScope(user: SessionUser, organizationId?: string): Prisma.AlertWhereInput {
  // A requested organization narrows the caller's scope, never widens it.
  return { AND: [organizationScope(user), organizationId ? { organizationId } : {}] };
}

export async function listAlerts(deps: Deps, user: SessionUser, input: ListAlertsInput) {
  const where: Prisma.AlertWhereInput = {
    ...alertScope(user, input.organizationId),
    ...(input.kind ? { kind: input.kind } : {}),
    ...(input.acknowledged === undefined
      ? {}
      : { acknowledgedAt: input.acknowledged ? { not: null } : null }),
    ...(input.assetKind ? { assetKind: input.assetKind } : {}),
    ...(input.assetKey ? { assetKey: input.assetKey } : {}),
  };
  const rows = await deps.db.prisma.alert.findMany({
    where,
    orderBy: [{ raisedAt: 'desc' }, { id: 'desc' }],
    ...pageArgs(input, organizationScope(user)),
  });
  const page = toPage(rows, input.limit, (row) => row);
  return { items: await describeAlerts(deps.db.prisma, page.items), nextCursor: page.nextCursor };
}

/**
 * Acknowledges the alerts in one transaction, with the comment on each. Every id must be an
 * alert the user may see (else nothing is acknowledged: not-found); those someone had already
 * acknowledged are left as they were and listed. Of two people acknowledging at once, each
 * alert goes to one of them (a conditional update).
 */
export async function acknowledgeAlerts(
  deps: Deps,
  user: SessionUser,
  input: AcknowledgeAlertsInput,
  now: Date,
): Promise<AcknowledgeAlertsResult> {
  const ids = [...new Set(input.ids)];
  const rows = await deps.db.prisma.$transaction(async (tx) => {
    const visible = await tx.alert.count({ where: { id: { in: ids }, ...alertScope(user) } });
    if (visible !== ids.length)
      throw new HarborError('not-found', 'alert.not-found', 'no such alert');
    const rows = await tx.alert.updateManyAndReturn({
      where: { id: { in: ids }, acknowledgedAt: null },
      data: {
        acknowledgedAt: now,
        acknowledgedById: user.id,
        acknowledgeComment: input.comment ?? null,
      },
    });
    return rows;
  });
  const acknowledged = await describeAlerts(deps.db.prisma, rows);
  for (const alert of acknowledged) deps.live?.alerts.publish(alert);
  const done = new Set(rows.map((row) => row.id));
  return { acknowledged, alreadyAcknowledged: ids.filter((id) => !done.has(id)) };
}

/** How many alerts the user may see were raised since they last opened the alerts and are open. */
export async function countUnreadAlerts(deps: Deps, user: SessionUser) {
  const { alertsSeenAt } = await deps.db.prisma.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { alertsSeenAt: true },
  });
  const count = await deps.db.prisma.alert.count({
    where: {
      ...alertScope(user),
      acknowledgedAt: null,
      ...(alertsSeenAt ? { raisedAt: { gt: alertsSeenAt } } : {}),
    },
  });
  return { count };
}

/**
 * The user saw the alerts raised until `upTo` (never later than now; until now without it):
 * those are read. The mark only moves forward: a late call for an earlier view changes nothing.
 */
export async function markAlertsSeen(deps: Deps, user: SessionUser, now: Date, upTo?: Date) {
  const seen = upTo && upTo < now ? upTo : now;
  await deps.db.prisma.user.updateMany({
    where: { id: user.id, OR: [{ alertsSeenAt: null }, { alertsSeenAt: { lt: seen } }] },
    data: { alertsSeenAt: seen },
  });
  return { ok: true as const };
}

export async function listAlertRules(deps: Deps, user: SessionUser): Promise<AlertRule[]> {
  const rows = await deps.db.prisma.alertRule.findMany({
    where: organizationScope(user),
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
  return rows.map(toAlertRule);
}

export async function createAlertRule(deps: Deps, user: SessionUser, input: CreateAlertRuleInput) {
  const organizationId = targetOrganization(user, input.organizationId);
  const organization = await deps.db.prisma.organization.findUnique({
    where: { id: organizationId },
  });
  if (!organization)
    throw new HarborError('not-found', 'organization.not-found', 'no such organization');
  const row = await deps.db.prisma.alertRule.create({
    data: {
      organizationId,
      name: input.name,
      nameZh: input.nameZh ?? null,
      enabled: input.enabled,
      severity: input.severity,
      kind: input.kind,
      params: input.params,
    },
  });
  await deps.alertMonitor.reloadRules();
  return toAlertRule(row);
}

async function findVisibleRule(deps: Deps, user: SessionUser, id: string) {
  const row = await deps.db.prisma.alertRule.findFirst({
    where: { id, ...organizationScope(user) },
  });
  if (!row) throw new HarborError('not-found', 'alert-rule.not-found', 'no such alert rule');
  return row;
}

export async function updateAlertRule(deps: Deps, user: SessionUser, input: UpdateAlertRuleInput) {
  const current = await findVisibleRule(deps, user, input.id);
  let params: object | undefined;
  if (input.params) {
    const parsed = AlertRuleParamsSchema.safeParse({ kind: current.kind, params: input.params });
    if (!parsed.success)
      throw new HarborError(
        'invalid',
        'alert-rule.settings-invalid',
        `settings do not fit a ${current.kind} rule`,
        { params: { kind: current.kind }, ...fieldDetailsOf(parsed.error.issues) },
      );
    params = parsed.data.params;
  }
  const row = await deps.db.prisma.alertRule.update({
    where: { id: input.id },
    data: {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.nameZh === undefined ? {} : { nameZh: input.nameZh }),
      ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
      ...(input.severity === undefined ? {} : { severity: input.severity }),
      ...(params ? { params } : {}),
    },
  });
  await deps.alertMonitor.reloadRules();
  return toAlertRule(row);
}

export async function deleteAlertRule(deps: Deps, user: SessionUser, id: string) {
  await findVisibleRule(deps, user, id);
  await deps.db.prisma.alertRule.delete({ where: { id } });
  await deps.alertMonitor.reloadRules();
  return { ok: true as const };
}
