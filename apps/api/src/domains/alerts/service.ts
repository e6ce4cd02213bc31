import type { Db, Prisma } from '@harbor/db';
import {
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

type AlertRow = Prisma.AlertGetPayload<object>;
type AlertRuleRow = Prisma.AlertRuleGetPayload<object>;

export function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    organizationId: row.organizationId,
    ruleId: row.ruleId,
    kind: row.kind,
    severity: row.severity,
    assetKind: row.assetKind,
    assetKey: row.assetKey,
    zoneId: row.zoneId,
    message: row.message,
    data: (row.data as Record<string, unknown> | null) ?? null,
    raisedAt: row.raisedAt.toISOString(),
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    acknowledgedById: row.acknowledgedById,
  } satisfies Alert;
}

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
  return toPage(rows, input.limit, toAlert);
}

export async function acknowledgeAlert(deps: Deps, user: SessionUser, id: string, now: Date) {
  const found = await deps.db.prisma.alert.findFirst({ where: { id, ...alertScope(user) } });
  if (!found) throw new HarborError('not-found', 'alert.not-found', 'no such alert');
  // Conditional update: of two people acknowledging at once, one wins and the other is told.
  const { count } = await deps.db.prisma.alert.updateMany({
    where: { id, acknowledgedAt: null },
    data: { acknowledgedAt: now, acknowledgedById: user.id },
  });
  if (count === 0)
    throw new HarborError(
      'conflict',
      'alert.already-acknowledged',
      'the alert is already acknowledged',
    );
  const alert = toAlert(await deps.db.prisma.alert.findUniqueOrThrow({ where: { id } }));
  deps.live?.alerts.publish(alert);
  return alert;
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
