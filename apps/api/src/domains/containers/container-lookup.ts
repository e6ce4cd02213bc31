import { type Db, Prisma } from '@harbor/db';
import type { ContainerPlace, EquipmentEventType } from '@harbor/shared';
import type { StateLike } from './state-view.ts';

export type ContainerLookupRow = {
  id: string;
  number: string;
  isoSizeType: string;
  tareKg: number | null;
  maxGrossKg: number | null;
  state: StateLike | null;
};

type FlatRow = Omit<ContainerLookupRow, 'state'> & {
  place: ContainerPlace | null;
  emptyIndicator: 'EMPTY' | 'LADEN' | null;
  terminalId: string | null;
  terminalCode: string | null;
  zoneId: string | null;
  zoneCode: string | null;
  yardBlockId: string | null;
  yardBlockCode: string | null;
  bay: number | null;
  row: number | null;
  tier: number | null;
  vesselVisitId: string | null;
  vehicleId: string | null;
  lastEventId: string | null;
  lastEventType: EquipmentEventType | null;
  lastEventAt: Date | null;
  arrivedAt: Date | null;
};

/**
 * A container and its current place by number in one statement: the lookup behind
 * containers.get, the hot path of the port (gate, dispatch, integrators). Through the Prisma
 * client the nested include costs a round trip per relation; one join costs one.
 */
export async function findContainerByNumber(
  db: Pick<Db, 'prisma'>,
  number: string,
): Promise<ContainerLookupRow | null> {
  const rows = await db.prisma.$queryRaw<FlatRow[]>(Prisma.sql`
    SELECT c.id, c.number, c."isoSizeType", c."tareKg", c."maxGrossKg",
      s.place::text AS place, s."emptyIndicator"::text AS "emptyIndicator",
      s."terminalId", t.code AS "terminalCode", s."zoneId", z.code AS "zoneCode",
      s."yardBlockId", b.code AS "yardBlockCode", s.bay, s.row, s.tier,
      s."vesselVisitId", s."vehicleId", s."lastEventId", s."lastEventType"::text AS "lastEventType",
      s."lastEventAt", s."arrivedAt"
    FROM "Container" c
    LEFT JOIN "ContainerState" s ON s."containerId" = c.id
    LEFT JOIN "Terminal" t ON t.id = s."terminalId"
    LEFT JOIN "Zone" z ON z.id = s."zoneId"
    LEFT JOIN "YardBlock" b ON b.id = s."yardBlockId"
    WHERE c.number = ${number}`);
  const row = rows[0];
  if (!row) return null;
  const { place, emptyIndicator, lastEventId, lastEventType, lastEventAt } = row;
  return {
    id: row.id,
    number: row.number,
    isoSizeType: row.isoSizeType,
    tareKg: row.tareKg,
    maxGrossKg: row.maxGrossKg,
    state:
      place && emptyIndicator && lastEventId && lastEventType && lastEventAt
        ? {
            place,
            emptyIndicator,
            terminalId: row.terminalId,
            terminal: row.terminalCode ? { code: row.terminalCode } : null,
            zoneId: row.zoneId,
            zone: row.zoneCode ? { code: row.zoneCode } : null,
            yardBlockId: row.yardBlockId,
            yardBlock: row.yardBlockCode ? { code: row.yardBlockCode } : null,
            bay: row.bay,
            row: row.row,
            tier: row.tier,
            vesselVisitId: row.vesselVisitId,
            vehicleId: row.vehicleId,
            lastEventId,
            lastEventType,
            lastEventAt,
            arrivedAt: row.arrivedAt,
          }
        : null,
  };
}
