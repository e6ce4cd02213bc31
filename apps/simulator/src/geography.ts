import { type LonLat, type QuayFrame, quayFrame } from '@harbor/shared';

/*
 * The Port of Shanghai as the simulator sees it. Quay lines, anchorages, the fairway, the
 * Donghai Bridge gate, the depots and the bonded warehouse are copied from
 * packages/db/src/seed/shanghai.ts (which @harbor/db does not export), so simulated ships
 * berth and trucks drive where the seeded zones are. Sea lanes and roads between them are
 * the simulator's own, drawn from charts and maps to a few hundred metres.
 */

export type Port = 'YANGSHAN' | 'WAIGAOQIAO';

export type Terminal = {
  code: string;
  name: string;
  port: Port;
  quay: { start: LonLat; end: LonLat; land: 'left' | 'right' };
  berths: number;
  /** Yard blocks and their layout: where the gate lies behind them (seed's terminalZones). */
  yardBlocks: number;
  isPerpendicularYard: boolean;
};

export const TERMINALS: readonly Terminal[] = [
  {
    code: 'YSP1',
    name: 'Yangshan Phase I (Shengdong)',
    port: 'YANGSHAN',
    quay: { start: [122.0724, 30.6263], end: [122.0891, 30.6272], land: 'left' },
    berths: 5,
    yardBlocks: 5,
    isPerpendicularYard: false,
  },
  {
    code: 'YSP2',
    name: 'Yangshan Phase II (Shengdong)',
    port: 'YANGSHAN',
    quay: { start: [122.0575, 30.6252], end: [122.0721, 30.6262], land: 'left' },
    berths: 4,
    yardBlocks: 4,
    isPerpendicularYard: false,
  },
  {
    code: 'YSP3',
    name: 'Yangshan Phase III (Guandong)',
    port: 'YANGSHAN',
    quay: { start: [122.03, 30.6232], end: [122.0572, 30.625], land: 'left' },
    berths: 7,
    yardBlocks: 6,
    isPerpendicularYard: false,
  },
  {
    code: 'YSP4',
    name: 'Yangshan Phase IV (automated)',
    port: 'YANGSHAN',
    quay: { start: [122.004, 30.6195], end: [122.0285, 30.6215], land: 'left' },
    berths: 7,
    yardBlocks: 8,
    isPerpendicularYard: true,
  },
  {
    code: 'WGQ1',
    name: 'Waigaoqiao Phase I (SPICT)',
    port: 'WAIGAOQIAO',
    quay: { start: [121.587, 31.36], end: [121.5975, 31.3555], land: 'right' },
    berths: 3,
    yardBlocks: 4,
    isPerpendicularYard: false,
  },
  {
    code: 'WGQ4',
    name: 'Waigaoqiao Phase IV (SECT)',
    port: 'WAIGAOQIAO',
    quay: { start: [121.601, 31.355], end: [121.615, 31.3495], land: 'right' },
    berths: 4,
    yardBlocks: 4,
    isPerpendicularYard: false,
  },
  {
    code: 'WGQ5',
    name: 'Waigaoqiao Phase V (Mingdong)',
    port: 'WAIGAOQIAO',
    quay: { start: [121.618, 31.3485], end: [121.633, 31.343], land: 'right' },
    berths: 4,
    yardBlocks: 4,
    isPerpendicularYard: false,
  },
];

// The seed's layout constants (shanghai.ts): apron depth, yard block size and spacing.
const APRON_M = 120;
const BLOCK_LENGTH_M = 300;
const BLOCK_WIDTH_M = 40;
const BLOCK_GAP_M = 30;

export function frameOf(terminal: Terminal): QuayFrame {
  return quayFrame(terminal.quay.start, terminal.quay.end, terminal.quay.land);
}

/** Metres from the quay line to the back of the yard, as the seed lays the blocks out. */
export function yardDepthM(terminal: Terminal): number {
  if (terminal.isPerpendicularYard) return APRON_M + BLOCK_LENGTH_M;
  const perRow = Math.max(
    1,
    Math.floor(frameOf(terminal).lengthM / (BLOCK_LENGTH_M + BLOCK_GAP_M)),
  );
  return APRON_M + Math.ceil(terminal.yardBlocks / perRow) * (BLOCK_WIDTH_M + BLOCK_GAP_M);
}

/** The middle of the terminal's gate zone (the seed puts it 20-100 m behind the yard). */
export function gateOf(terminal: Terminal): LonLat {
  const frame = frameOf(terminal);
  return frame.at(frame.lengthM / 2, yardDepthM(terminal) + 60);
}

export type Berth = { code: string; terminal: Terminal; index: number };

export const BERTHS: readonly Berth[] = TERMINALS.flatMap((terminal) =>
  Array.from({ length: terminal.berths }, (_, index) => ({
    code: `${terminal.code}-B${String(index + 1).padStart(2, '0')}`,
    terminal,
    index,
  })),
);

/** Where a ship lies alongside (its antenna ~25 m off the quay line), and the point it swings in from. */
export function berthPositions(berth: Berth): { alongside: LonLat; approach: LonLat } {
  const frame = frameOf(berth.terminal);
  const s = ((berth.index + 0.5) * frame.lengthM) / berth.terminal.berths;
  return { alongside: frame.at(s, -25), approach: frame.at(s, -500) };
}

/** A box of [minLon, minLat, maxLon, maxLat]. */
export type Box = readonly [number, number, number, number];

/** Anchorages (seed zones YS-ANCH-E and WS-ANCH). */
export const ANCHORAGES: Record<Port, Box> = {
  YANGSHAN: [122.12, 30.56, 122.2, 30.6],
  WAIGAOQIAO: [121.55, 31.405, 121.62, 31.445],
};

/**
 * Sea lanes, from the open sea to the anchorage and from the anchorage to the inner
 * waters: Yangshan by the deep-water approach channel (seed zone YS-FAIRWAY, 122.095-122.25E);
 * Waigaoqiao by the Yangtze estuary's deep-water North Passage up to the South Channel.
 * Pilots board at `toAnchorage[0]`. The seed copies these lanes into the port's fairway
 * network (FAIRWAY) and its pilot boarding grounds (zones YS-PILOT, WGQ-PILOT) in
 * packages/db/src/seed/shanghai.ts: change both together.
 */
export const SEA_LANES: Record<
  Port,
  { entries: readonly LonLat[][]; toAnchorage: LonLat[]; inner: LonLat[] }
> = {
  YANGSHAN: {
    entries: [
      [
        [122.62, 30.62],
        [122.4, 30.61],
      ],
      [
        [122.52, 30.38],
        [122.4, 30.58],
      ],
    ],
    toAnchorage: [[122.25, 30.598]],
    inner: [
      [122.2, 30.608],
      [122.1, 30.614],
    ],
  },
  WAIGAOQIAO: {
    entries: [
      [
        [122.5, 31.0],
        [122.25, 31.08],
        [122.0, 31.19],
      ],
      [
        [122.45, 31.2],
        [122.15, 31.16],
        [122.0, 31.19],
      ],
    ],
    toAnchorage: [
      [121.83, 31.28],
      [121.7, 31.35],
      [121.64, 31.395],
    ],
    inner: [[121.66, 31.36]],
  },
};

/** Bases of the harbour craft: tugs wait alongside at a quay end, pilot boats at their station. */
export function craftBases(port: Port): { tug: LonLat; pilot: LonLat } {
  if (port === 'YANGSHAN') {
    const ysp3 = TERMINALS[2] as Terminal;
    const ysp1 = TERMINALS[0] as Terminal;
    return { tug: frameOf(ysp3).at(60, -40), pilot: frameOf(ysp1).at(frameOf(ysp1).lengthM, -60) };
  }
  const wgq1 = TERMINALS[4] as Terminal;
  const wgq5 = TERMINALS[6] as Terminal;
  return { tug: frameOf(wgq1).at(40, -40), pilot: frameOf(wgq5).at(frameOf(wgq5).lengthM, -60) };
}

/** The Shanghai area every simulated position lies in (sea lanes included). */
export const SHANGHAI_BOX: Box = [121.4, 30.3, 122.7, 31.5];
