import { Prisma } from '@harbor/db';
import { baysCovered, type YardSlotInput } from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';

type Tx = Prisma.TransactionClient;

/**
 * Yard stacking rules, enforced inside the event's transaction. One YardSlot row per occupied
 * 20-ft position; a 40/45-ft unit stands on an odd bay and holds bay and bay + 1. Their primary
 * key (block, bay, row, tier) is the last word under concurrency: two units racing for one slot
 * cannot both commit.
 */

export type HeldSlot = { yardBlockId: string; bay: number; row: number; tier: number };

/** A slot the unit may not take at all: `why` says which rule, in English. */
const notAllowed = (refusal: string, number: string, why: string) =>
  new HarborError('invalid', 'yard.slot-not-allowed', `${refusal}: ${why}`, {
    params: { number, why },
  });

function baysOf(bay: number, span: 1 | 2): number[] {
  return span === 2 ? [bay, bay + 1] : [bay];
}

/**
 * Puts a container into a slot: the slot must lie in the block (of the container's terminal),
 * be free, and stand on containers under every bay it covers. Supports are locked FOR SHARE so
 * a concurrent PICK of one cannot leave this container floating.
 */
export async function occupySlot(
  tx: Tx,
  unit: { containerId: string; number: string; isoSizeType: string; terminalId: string },
  slot: YardSlotInput,
  refusal: string,
): Promise<{ yardBlockId: string; yardBlockCode: string }> {
  const block = await tx.yardBlock.findUnique({
    where: { id: slot.yardBlockId },
    include: { terminal: { select: { code: true } } },
  });
  const refuse = (why: string) => notAllowed(refusal, unit.number, why);
  if (!block) throw refuse(`no yard block ${slot.yardBlockId}`);
  if (block.terminalId !== unit.terminalId) {
    throw refuse(`yard block ${block.code} is in terminal ${block.terminal.code}`);
  }
  const span = baysCovered(unit.isoSizeType);
  const place = `${block.code} bay ${slot.bay} row ${slot.row} tier ${slot.tier}`;
  if (span === 2 && slot.bay % 2 === 0) {
    throw refuse(
      `a 40/45-ft unit stands on an odd bay (1, 3, 5, ...) and covers the next; bay ${slot.bay} is even`,
    );
  }
  const lastBay = slot.bay + span - 1;
  if (lastBay > block.bays || slot.row > block.rows) {
    throw refuse(
      `${place} is outside block ${block.code} (${block.bays} bays × ${block.rows} rows × ${block.tiers} tiers)`,
    );
  }
  if (slot.tier > block.tiers) {
    throw refuse(`tier ${slot.tier} is above the top tier ${block.tiers} of ${block.code}`);
  }
  const bays = baysOf(slot.bay, span);
  const taken = await tx.$queryRaw<{ bay: number; tier: number; number: string }[]>(Prisma.sql`
    SELECT s.bay, s.tier, c.number FROM "YardSlot" s JOIN "Container" c ON c.id = s."containerId"
    WHERE s."yardBlockId" = ${block.id} AND s.row = ${slot.row} AND s.tier = ${slot.tier}
      AND s.bay IN (${Prisma.join(bays)})`);
  const first = taken[0];
  if (first) {
    const taken = `${block.code} bay ${first.bay} row ${slot.row} tier ${first.tier}`;
    throw new HarborError(
      'conflict',
      'yard.slot-taken',
      `${refusal}: ${taken} is taken by ${first.number}`,
      {
        params: { number: unit.number, slot: taken, by: first.number },
      },
    );
  }
  if (slot.tier > 1) {
    const supports = await tx.$queryRaw<{ bay: number }[]>(Prisma.sql`
      SELECT bay FROM "YardSlot"
      WHERE "yardBlockId" = ${block.id} AND row = ${slot.row} AND tier = ${slot.tier - 1}
        AND bay IN (${Prisma.join(bays)})
      FOR SHARE`);
    const supported = new Set(supports.map((support) => support.bay));
    const floating = bays.find((bay) => !supported.has(bay));
    if (floating !== undefined) {
      const above = `${block.code} bay ${floating} row ${slot.row} tier ${slot.tier}`;
      throw new HarborError(
        'conflict',
        'yard.slot-unsupported',
        `${refusal}: nothing stands under ${above}; a container cannot float`,
        { params: { number: unit.number, slot: above } },
      );
    }
  }
  try {
    await tx.yardSlot.createMany({
      data: bays.map((bay) => ({
        yardBlockId: block.id,
        bay,
        row: slot.row,
        tier: slot.tier,
        containerId: unit.containerId,
      })),
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new HarborError(
        'conflict',
        'yard.slot-taken',
        `${refusal}: ${place} was just taken by another container`,
        { params: { number: unit.number, slot: place }, cause: error },
      );
    }
    throw error;
  }
  return { yardBlockId: block.id, yardBlockCode: block.code };
}

/**
 * Takes a container out of its slot(s). Its own rows are locked FOR UPDATE first, so a
 * concurrent DROP onto it (which locks its supports FOR SHARE) either commits before and is
 * seen here, or waits and then finds its support gone.
 */
export async function releaseSlots(
  tx: Tx,
  unit: { containerId: string; number: string },
  refusal: string,
): Promise<HeldSlot | null> {
  const held = await tx.$queryRaw<HeldSlot[]>(Prisma.sql`
    SELECT "yardBlockId", bay, row, tier FROM "YardSlot"
    WHERE "containerId" = ${unit.containerId} ORDER BY bay FOR UPDATE`);
  const first = held[0];
  if (!first) return null;
  const above = await tx.$queryRaw<{ tier: number; number: string }[]>(Prisma.sql`
    SELECT s.tier, c.number FROM "YardSlot" s JOIN "Container" c ON c.id = s."containerId"
    WHERE s."yardBlockId" = ${first.yardBlockId} AND s.row = ${first.row}
      AND s.tier = ${first.tier + 1} AND s.bay IN (${Prisma.join(held.map((slot) => slot.bay))})
    LIMIT 1`);
  const top = above[0];
  if (top) {
    throw new HarborError(
      'conflict',
      'yard.container-buried',
      `${refusal}: ${unit.number} is under ${top.number} at tier ${top.tier}`,
      { params: { number: unit.number, above: top.number, tier: top.tier } },
    );
  }
  await tx.yardSlot.deleteMany({ where: { containerId: unit.containerId } });
  return first;
}
