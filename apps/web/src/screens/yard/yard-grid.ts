import type { YardBlockSummary, YardSlotView } from '@harbor/shared';

/** One container of a stack, as the grid shows it. */
export type StackedUnit = {
  tier: number;
  /** Null for another organization's container: the slot is occupied, its number withheld. */
  containerNumber: string | null;
  isoSizeType: string;
  lengthFeet: number;
  emptyIndicator: YardSlotView['emptyIndicator'];
  /** For a 40/45-ft unit, the two bays it covers (first, first + 1); null for a 20-ft one. */
  spanBays: [number, number] | null;
};

/** How the top unit of a stack sits: a 20-ft alone, or one half of a 40/45-ft unit. */
export type CellSpan = 'none' | 'start' | 'end';

export type YardCell = {
  /** `<blockCode>-<bay>-<row>` */
  key: string;
  bay: number;
  row: number;
  /** Tiers used: the highest occupied tier (0 for an empty ground slot). */
  height: number;
  maxTiers: number;
  /** The stack, top first. */
  units: StackedUnit[];
  span: CellSpan;
};

export type YardGridModel = {
  blockCode: string;
  bays: number;
  rows: number;
  tiers: number;
  /** Rows of cells: `cells[row - 1][bay - 1]`. */
  cells: YardCell[][];
};

export function slotKey(blockCode: string, bay: number, row: number): string {
  return `${blockCode}-${bay}-${row}`;
}

function spanOf(slot: YardSlotView): [number, number] | null {
  if (slot.lengthFeet <= 20) return null;
  const first = slot.isFirstBay ? slot.bay : slot.bay - 1;
  return [first, first + 1];
}

/** Cells for every ground position of a block, from its occupied slots. */
export function buildYardGrid(
  block: Pick<YardBlockSummary, 'code' | 'bays' | 'rows' | 'tiers'>,
  slots: readonly YardSlotView[],
): YardGridModel {
  const stacks = new Map<string, StackedUnit[]>();
  for (const slot of slots) {
    const key = slotKey(block.code, slot.bay, slot.row);
    const stack = stacks.get(key) ?? [];
    stack.push({
      tier: slot.tier,
      containerNumber: slot.containerNumber,
      isoSizeType: slot.isoSizeType,
      lengthFeet: slot.lengthFeet,
      emptyIndicator: slot.emptyIndicator,
      spanBays: spanOf(slot),
    });
    stacks.set(key, stack);
  }
  const cells: YardCell[][] = [];
  for (let row = 1; row <= block.rows; row++) {
    const line: YardCell[] = [];
    for (let bay = 1; bay <= block.bays; bay++) {
      const key = slotKey(block.code, bay, row);
      const units = (stacks.get(key) ?? []).sort((a, b) => b.tier - a.tier);
      const top = units[0];
      let span: CellSpan = 'none';
      if (top?.spanBays) span = top.spanBays[0] === bay ? 'start' : 'end';
      line.push({
        key,
        bay,
        row,
        height: top?.tier ?? 0,
        maxTiers: block.tiers,
        units,
        span,
      });
    }
    cells.push(line);
  }
  return { blockCode: block.code, bays: block.bays, rows: block.rows, tiers: block.tiers, cells };
}

/** Colour of a stack by how full it is: pale for empty, deepening to red at full height. */
export function stackColour(height: number, maxTiers: number): string {
  if (height <= 0 || maxTiers <= 0) return '#f4f6f9';
  const fill = Math.min(1, height / maxTiers);
  // Green (hue 140) for low stacks through amber to red (hue 0) at the top tier.
  const hue = Math.round(140 * (1 - fill));
  const lightness = Math.round(78 - 28 * fill);
  return `hsl(${hue} 65% ${lightness}%)`;
}

/** Text colour readable on `stackColour`: white on the deep colours of high stacks. */
export function stackInk(height: number, maxTiers: number): string {
  return maxTiers > 0 && height / maxTiers >= 0.7 ? '#ffffff' : '#1c2733';
}

/** The utilisation bar's level: ok under 70 %, warn under 90 %, bad above. */
export function utilisationLevel(utilisation: number): 'ok' | 'warn' | 'bad' {
  if (utilisation < 0.7) return 'ok';
  if (utilisation < 0.9) return 'warn';
  return 'bad';
}
