import type { Db, Prisma } from '@harbor/db';
import type { Alert, AlertAsset } from '@harbor/shared';

type AlertRow = Prisma.AlertGetPayload<object>;
type Names = {
  plates: Map<string, string>;
  vessels: Map<string, string | null>;
  zones: Map<string, { id: string; code: string; name: string; nameZh: string | null }>;
  rules: Map<string, { id: string; name: string; nameZh: string | null }>;
  users: Map<string, { id: string; name: string }>;
};

const MMSI = /^\d{9}$/;
const unique = <T>(values: (T | null)[]) => [...new Set(values.filter((v): v is T => v !== null))];

/**
 * Alerts as people read them: each with its asset's plate or ship name, its zone's and rule's
 * names and who acknowledged it. The names are read for the whole batch at once, one read
 * per kind of name (never one per alert), so a page, a replay or a stored batch costs the same
 * few small queries whatever its size.
 */
export async function describeAlerts(
  prisma: Db['prisma'],
  rows: readonly AlertRow[],
): Promise<Alert[]> {
  if (rows.length === 0) return [];
  const keysOf = (kind: 'VEHICLE' | 'VESSEL') =>
    unique(rows.map((row) => (row.assetKind === kind ? row.assetKey : null)));
  const phones = keysOf('VEHICLE');
  const mmsis = keysOf('VESSEL').filter((key) => MMSI.test(key));
  const zoneIds = unique(rows.map((row) => row.zoneId));
  const ruleIds = unique(rows.map((row) => row.ruleId));
  const userIds = unique(rows.map((row) => row.acknowledgedById));
  const none = Promise.resolve([]);
  const [devices, vessels, zones, rules, users] = await Promise.all([
    phones.length === 0
      ? none
      : prisma.device.findMany({
          where: { terminalPhone: { in: phones }, vehicleId: { not: null } },
          select: { terminalPhone: true, vehicle: { select: { plate: true } } },
        }),
    mmsis.length === 0
      ? none
      : prisma.vessel.findMany({
          where: { mmsi: { in: mmsis.map(Number) } },
          select: { mmsi: true, name: true, aisName: true },
        }),
    zoneIds.length === 0
      ? none
      : prisma.zone.findMany({
          where: { id: { in: zoneIds } },
          select: { id: true, code: true, name: true, nameZh: true },
        }),
    ruleIds.length === 0
      ? none
      : prisma.alertRule.findMany({
          where: { id: { in: ruleIds } },
          select: { id: true, name: true, nameZh: true },
        }),
    userIds.length === 0
      ? none
      : prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }),
  ]);
  const names: Names = {
    plates: new Map(
      devices.flatMap((d) => (d.vehicle ? [[d.terminalPhone, d.vehicle.plate] as const] : [])),
    ),
    // The effective name: curated, else what the ship's AIS static data says (vessels/particulars.ts).
    vessels: new Map(
      vessels.map((v) => [String(v.mmsi).padStart(9, '0'), v.name ?? v.aisName] as const),
    ),
    zones: new Map(zones.map((zone) => [zone.id, zone])),
    rules: new Map(rules.map((rule) => [rule.id, rule])),
    users: new Map(users.map((user) => [user.id, user])),
  };
  return rows.map((row) => toAlert(row, names));
}

/** One stored alert as people read it (`describeAlerts` of one). */
export async function describeAlert(prisma: Db['prisma'], row: AlertRow): Promise<Alert> {
  const [alert] = await describeAlerts(prisma, [row]);
  if (!alert) throw new Error('describeAlerts lost an alert');
  return alert;
}

function assetOf(row: AlertRow, names: Names): AlertAsset | null {
  if (!row.assetKind || !row.assetKey) return null;
  const isVessel = row.assetKind === 'VESSEL';
  return {
    kind: row.assetKind,
    key: row.assetKey,
    plate: isVessel ? null : (names.plates.get(row.assetKey) ?? null),
    name: isVessel ? (names.vessels.get(row.assetKey) ?? null) : null,
    mmsi: isVessel && MMSI.test(row.assetKey) ? row.assetKey : null,
  };
}

/** A stored alert as the contract shows it, with the names read for its batch. */
function toAlert(row: AlertRow, names: Names): Alert {
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
    asset: assetOf(row, names),
    zone: (row.zoneId && names.zones.get(row.zoneId)) || null,
    rule: (row.ruleId && names.rules.get(row.ruleId)) || null,
    acknowledgedBy: (row.acknowledgedById && names.users.get(row.acknowledgedById)) || null,
    acknowledgeComment: row.acknowledgeComment,
  } satisfies Alert;
}
