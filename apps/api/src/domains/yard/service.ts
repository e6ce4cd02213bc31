import type { Db } from '@harbor/db';
import {
  containerLengthFeet,
  type FreeSlot,
  type FreeSlotsInput,
  type YardBlockGrid,
  type YardBlockSummary,
  type YardOccupancy,
} from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';
import { type ContainerVisibility, visibleContainerIds } from '../containers/visibility.ts';

type Deps = { db: Pick<Db, 'prisma'> };
type BlockRow = {
  id: string;
  terminalId: string;
  code: string;
  bays: number;
  rows: number;
  tiers: number;
};

/** Occupied slots and containers per block, for the blocks given. */
async function blockCounts(deps: Deps, blockIds: string[]) {
  const [slots, containers] = await Promise.all([
    deps.db.prisma.yardSlot.groupBy({
      by: ['yardBlockId'],
      where: { yardBlockId: { in: blockIds } },
      _count: { _all: true },
    }),
    deps.db.prisma.containerState.groupBy({
      by: ['yardBlockId'],
      where: { yardBlockId: { in: blockIds }, place: 'TERMINAL' },
      _count: { _all: true },
    }),
  ]);
  const slotsBy = new Map(slots.map((row) => [row.yardBlockId, row._count._all]));
  const containersBy = new Map(containers.map((row) => [row.yardBlockId, row._count._all]));
  return (blockId: string) => ({
    occupiedTeu: slotsBy.get(blockId) ?? 0,
    containers: containersBy.get(blockId) ?? 0,
  });
}

const ratio = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;

function summarise(
  block: BlockRow,
  counts: { occupiedTeu: number; containers: number },
): YardBlockSummary {
  const capacityTeu = block.bays * block.rows * block.tiers;
  return {
    id: block.id,
    terminalId: block.terminalId,
    code: block.code,
    bays: block.bays,
    rows: block.rows,
    tiers: block.tiers,
    groundSlots: block.bays * block.rows,
    capacityTeu,
    ...counts,
    utilisation: ratio(counts.occupiedTeu, capacityTeu),
  };
}

/** A terminal's blocks with capacity, occupancy and utilisation, by code. */
export async function listYardBlocks(deps: Deps, terminalId: string): Promise<YardBlockSummary[]> {
  const blocks = await deps.db.prisma.yardBlock.findMany({
    where: { terminalId },
    orderBy: { code: 'asc' },
  });
  const countsOf = await blockCounts(
    deps,
    blocks.map((block) => block.id),
  );
  return blocks.map((block) => summarise(block, countsOf(block.id)));
}

/**
 * One block's grid: every occupied slot with its container, for the bay × row view. A slot
 * holding a container the viewer does not see shows as occupied, without number or load.
 */
export async function getYardBlock(
  deps: Deps,
  visibility: ContainerVisibility,
  yardBlockId: string,
): Promise<YardBlockGrid> {
  const block = await deps.db.prisma.yardBlock.findUnique({ where: { id: yardBlockId } });
  if (!block) throw new HarborError('not-found', 'yard-block.not-found', 'no such yard block');
  const slots = await deps.db.prisma.yardSlot.findMany({
    where: { yardBlockId },
    orderBy: [{ bay: 'asc' }, { row: 'asc' }, { tier: 'asc' }],
  });
  // YardSlot carries no relation to Container (the slot rows are derived), so join by id here.
  const containers = await deps.db.prisma.container.findMany({
    where: { id: { in: [...new Set(slots.map((slot) => slot.containerId))] } },
    select: {
      id: true,
      number: true,
      isoSizeType: true,
      state: { select: { emptyIndicator: true, bay: true } },
    },
  });
  const byId = new Map(containers.map((container) => [container.id, container]));
  const visible = await visibleContainerIds(deps, visibility, [...byId.keys()]);
  const countsOf = await blockCounts(deps, [block.id]);
  return {
    block: summarise(block, countsOf(block.id)),
    slots: slots.flatMap((slot) => {
      const container = byId.get(slot.containerId);
      if (!container) return [];
      const isVisible = visible.has(container.id);
      return [
        {
          bay: slot.bay,
          row: slot.row,
          tier: slot.tier,
          containerNumber: isVisible ? container.number : null,
          isoSizeType: container.isoSizeType,
          lengthFeet: containerLengthFeet(container.isoSizeType) ?? 20,
          emptyIndicator: isVisible ? (container.state?.emptyIndicator ?? null) : null,
          isFirstBay: container.state?.bay === slot.bay,
        },
      ];
    }),
  };
}

/**
 * Where a unit of `lengthFeet` may legally go: on top of each stack (the ground when empty),
 * below the top tier; a 40/45-ft unit on an odd bay whose stack and the next one's are equally
 * high, so it stands on both. Blocks by code, then bay, row: the first `limit` of them.
 */
export async function findFreeSlots(deps: Deps, input: FreeSlotsInput): Promise<FreeSlot[]> {
  const blocks = await deps.db.prisma.yardBlock.findMany({
    where: input.yardBlockId ? { id: input.yardBlockId } : { terminalId: input.terminalId },
    orderBy: { code: 'asc' },
  });
  const slots = await deps.db.prisma.yardSlot.findMany({
    where: { yardBlockId: { in: blocks.map((block) => block.id) } },
    select: { yardBlockId: true, bay: true, row: true, tier: true },
  });
  // Stacks hold no gaps (no container floats), so a stack's height is its highest tier.
  const heights = new Map<string, number>();
  const key = (blockId: string, bay: number, row: number) => `${blockId}:${bay}:${row}`;
  for (const slot of slots) {
    const k = key(slot.yardBlockId, slot.bay, slot.row);
    heights.set(k, Math.max(heights.get(k) ?? 0, slot.tier));
  }
  const span = input.lengthFeet > 20 ? 2 : 1;
  const free: FreeSlot[] = [];
  for (const block of blocks) {
    for (let bay = 1; bay + span - 1 <= block.bays; bay += span) {
      for (let row = 1; row <= block.rows; row++) {
        const height = heights.get(key(block.id, bay, row)) ?? 0;
        if (span === 2 && (heights.get(key(block.id, bay + 1, row)) ?? 0) !== height) continue;
        if (height >= block.tiers) continue;
        free.push({ yardBlockId: block.id, yardBlockCode: block.code, bay, row, tier: height + 1 });
        if (free.length >= input.limit) return free;
      }
    }
  }
  return free;
}

/** Capacity and occupancy per terminal and block (all terminals, or one). */
export async function yardOccupancy(deps: Deps, terminalId?: string): Promise<YardOccupancy> {
  const terminals = await deps.db.prisma.terminal.findMany({
    where: terminalId ? { id: terminalId } : {},
    include: { yardBlocks: { orderBy: { code: 'asc' } } },
    orderBy: { code: 'asc' },
  });
  const countsOf = await blockCounts(
    deps,
    terminals.flatMap((terminal) => terminal.yardBlocks.map((block) => block.id)),
  );
  return terminals.map((terminal) => {
    const blocks = terminal.yardBlocks.map((block) => {
      const { id, code, capacityTeu, occupiedTeu, containers, utilisation } = summarise(
        block,
        countsOf(block.id),
      );
      return { yardBlockId: id, code, capacityTeu, occupiedTeu, containers, utilisation };
    });
    const capacityTeu = blocks.reduce((sum, block) => sum + block.capacityTeu, 0);
    const occupiedTeu = blocks.reduce((sum, block) => sum + block.occupiedTeu, 0);
    return {
      terminalId: terminal.id,
      terminalCode: terminal.code,
      capacityTeu,
      occupiedTeu,
      containers: blocks.reduce((sum, block) => sum + block.containers, 0),
      utilisation: ratio(occupiedTeu, capacityTeu),
      blocks,
    };
  });
}
