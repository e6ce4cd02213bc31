import type { FairwayNetwork, LonLat } from '@harbor/shared';
import type { ZoneKind } from '../generated/prisma/client.ts';
import { boxAround, frameRect, type Polygon, quayFrame, ring } from './geometry.ts';

/**
 * The Port of Shanghai (UN/LOCODE CNSHA). Quay lines were placed from public satellite
 * imagery and the published quay lengths and berth counts of each terminal; positions are
 * good to a few hundred metres, which is what geofencing a berth or a gate needs.
 * Yangshan's terminals line the south side of the reclaimed Xiaoyangshan chain, facing the
 * deep-water channel towards Dayangshan; Waigaoqiao's line the south bank of the Yangtze
 * estuary, facing north-east.
 */
export const PORT = {
  unlocode: 'CNSHA',
  name: 'Port of Shanghai',
  nameZh: '上海港',
  timezone: 'Asia/Shanghai',
  lat: 31.23,
  lon: 121.47,
} as const;

type TerminalPlan = {
  code: string;
  /** The terminal's code in the SMDG terminal code list, where it has one (see TERMINALS). */
  smdgCode: string | null;
  name: string;
  /** The name in Chinese, as the port's people use it. */
  nameZh: string;
  quay: { start: LonLat; end: LonLat; land: 'left' | 'right' };
  berths: number;
  depthM: number;
  /** Yard blocks: how many, their size in bays × rows × tiers, and how they lie to the quay. */
  yard: { blocks: number; bays: number; rows: number; tiers: number; perpendicular: boolean };
};

/**
 * SMDG terminal codes from the SMDG Terminal Code List (https://smdg.org/documents/smdg-code-lists/
 * smdg-terminal-code-list/), version 20250716, as mirrored in the public data package
 * github.com/datasets/smdg-master-terminal-facilities-list (data/smdg-master-terminal-facilities-
 * list.csv, commit 10da9767984f39ce75aceebe7d98f055a02d15a3). SMDG lists Shanghai's terminals
 * under UN/LOCODE CNSGH (alternative CNSHG): SHENG "Yangshan Phase 1&2", SGICT "Yangshan Phase 3",
 * SIPGSD "Yangshan Phase 4", SPICT "Waigaoqiao Phase 1", WAIG "Waigaoqiao Phase 2&3" (not seeded),
 * SECT "Waigaoqiao Phase 4", SMCT "Waigaoqiao Phase 5". Phases I and II of Yangshan are one
 * SMDG terminal (Shengdong), so YSP1 and YSP2 share SHENG.
 */
export const TERMINALS: TerminalPlan[] = [
  {
    code: 'YSP1',
    smdgCode: 'SHENG',
    name: 'Yangshan Phase I (Shengdong)',
    nameZh: '洋山一期（盛东）',
    quay: { start: [122.0724, 30.6263], end: [122.0891, 30.6272], land: 'left' },
    berths: 5,
    depthM: 16,
    yard: { blocks: 5, bays: 40, rows: 6, tiers: 5, perpendicular: false },
  },
  {
    code: 'YSP2',
    smdgCode: 'SHENG',
    name: 'Yangshan Phase II (Shengdong)',
    nameZh: '洋山二期（盛东）',
    quay: { start: [122.0575, 30.6252], end: [122.0721, 30.6262], land: 'left' },
    berths: 4,
    depthM: 16,
    yard: { blocks: 4, bays: 40, rows: 6, tiers: 5, perpendicular: false },
  },
  {
    code: 'YSP3',
    smdgCode: 'SGICT',
    name: 'Yangshan Phase III (Guandong)',
    nameZh: '洋山三期（冠东）',
    quay: { start: [122.03, 30.6232], end: [122.0572, 30.625], land: 'left' },
    berths: 7,
    depthM: 17.5,
    yard: { blocks: 6, bays: 40, rows: 6, tiers: 5, perpendicular: false },
  },
  {
    code: 'YSP4',
    smdgCode: 'SIPGSD',
    name: 'Yangshan Phase IV (automated)',
    nameZh: '洋山四期（自动化码头）',
    quay: { start: [122.004, 30.6195], end: [122.0285, 30.6215], land: 'left' },
    berths: 7,
    depthM: 17.5,
    // Automated stacking cranes run in blocks at right angles to the quay.
    yard: { blocks: 8, bays: 40, rows: 10, tiers: 5, perpendicular: true },
  },
  {
    code: 'WGQ1',
    smdgCode: 'SPICT',
    name: 'Waigaoqiao Phase I (SPICT)',
    nameZh: '外高桥一期（浦东）',
    quay: { start: [121.587, 31.36], end: [121.5975, 31.3555], land: 'right' },
    berths: 3,
    depthM: 12.5,
    yard: { blocks: 4, bays: 36, rows: 6, tiers: 5, perpendicular: false },
  },
  {
    code: 'WGQ4',
    smdgCode: 'SECT',
    name: 'Waigaoqiao Phase IV (SECT)',
    nameZh: '外高桥四期（沪东）',
    quay: { start: [121.601, 31.355], end: [121.615, 31.3495], land: 'right' },
    berths: 4,
    depthM: 13.2,
    yard: { blocks: 4, bays: 40, rows: 6, tiers: 5, perpendicular: false },
  },
  {
    code: 'WGQ5',
    smdgCode: 'SMCT',
    name: 'Waigaoqiao Phase V (Mingdong)',
    nameZh: '外高桥五期（明东）',
    quay: { start: [121.618, 31.3485], end: [121.633, 31.343], land: 'right' },
    berths: 4,
    depthM: 13.2,
    yard: { blocks: 4, bays: 40, rows: 6, tiers: 5, perpendicular: false },
  },
];

export type ZonePlan = {
  code: string;
  name: string;
  nameZh: string;
  kind: ZoneKind;
  polygon: Polygon;
  /** The posted limit for vessels. */
  speedLimitKnots?: number;
  /** The posted limit for trucks, in km/h as their terminals report speed. */
  speedLimitKmh?: number;
  terminalCode?: string;
  berth?: { code: string; lengthM: number; depthM: number };
  yardBlock?: { code: string; bays: number; rows: number; tiers: number };
};

// For trucks inside terminals and gates.
const TRUCK_LIMIT_KMH = 25;
const APRON_M = 120;
const BERTH_WATER_M = 60;
const BLOCK_LENGTH_M = 300;
const BLOCK_WIDTH_M = 40;
const BLOCK_GAP_M = 30;

/**
 * A terminal's berths (the water strip along its quay), yard blocks behind the apron, its gate
 * and the road up to the gate.
 */
export function terminalZones(plan: TerminalPlan): ZonePlan[] {
  const frame = quayFrame(plan.quay.start, plan.quay.end, plan.quay.land);
  const berthLengthM = frame.lengthM / plan.berths;
  const zones: ZonePlan[] = [];
  for (let i = 0; i < plan.berths; i++) {
    const code = `${plan.code}-B${String(i + 1).padStart(2, '0')}`;
    zones.push({
      code,
      name: `${plan.name} berth ${i + 1}`,
      nameZh: `${plan.nameZh} ${i + 1} 号泊位`,
      kind: 'BERTH',
      polygon: frameRect(frame, i * berthLengthM, -BERTH_WATER_M, (i + 1) * berthLengthM, 0),
      speedLimitKnots: 5,
      terminalCode: plan.code,
      berth: {
        code: `B${String(i + 1).padStart(2, '0')}`,
        lengthM: Math.round(berthLengthM),
        depthM: plan.depthM,
      },
    });
  }
  const { blocks, bays, rows, tiers, perpendicular } = plan.yard;
  const perRow = perpendicular
    ? blocks
    : Math.max(1, Math.floor(frame.lengthM / (BLOCK_LENGTH_M + BLOCK_GAP_M)));
  for (let i = 0; i < blocks; i++) {
    const code = `${plan.code}-Y${String(i + 1).padStart(2, '0')}`;
    const column = i % perRow;
    const line = Math.floor(i / perRow);
    const polygon = perpendicular
      ? frameRect(
          frame,
          column * (frame.lengthM / blocks) + BLOCK_GAP_M,
          APRON_M,
          column * (frame.lengthM / blocks) + BLOCK_GAP_M + BLOCK_WIDTH_M,
          APRON_M + BLOCK_LENGTH_M,
        )
      : frameRect(
          frame,
          column * (BLOCK_LENGTH_M + BLOCK_GAP_M) + BLOCK_GAP_M,
          APRON_M + line * (BLOCK_WIDTH_M + BLOCK_GAP_M),
          column * (BLOCK_LENGTH_M + BLOCK_GAP_M) + BLOCK_GAP_M + BLOCK_LENGTH_M,
          APRON_M + line * (BLOCK_WIDTH_M + BLOCK_GAP_M) + BLOCK_WIDTH_M,
        );
    zones.push({
      code,
      name: `${plan.name} yard block ${i + 1}`,
      nameZh: `${plan.nameZh} ${i + 1} 号箱区`,
      kind: 'YARD_BLOCK',
      polygon,
      speedLimitKmh: TRUCK_LIMIT_KMH,
      terminalCode: plan.code,
      yardBlock: { code: `Y${String(i + 1).padStart(2, '0')}`, bays, rows, tiers },
    });
  }
  const yardDepthM = terminalDepthM(plan, frame.lengthM);
  const middle = frame.lengthM / 2;
  zones.push({
    code: `${plan.code}-GATE`,
    name: `${plan.name} gate`,
    nameZh: `${plan.nameZh}闸口`,
    kind: 'GATE',
    polygon: frameRect(frame, middle - 60, yardDepthM + 20, middle + 60, yardDepthM + 100),
    speedLimitKmh: TRUCK_LIMIT_KMH,
    terminalCode: plan.code,
  });
  // The road up to the gate, where trucks wait their turn (the gate queue is who is in it),
  // short of the public road that runs behind the terminal.
  zones.push({
    code: `${plan.code}-GATE-Q`,
    name: `${plan.name} gate approach`,
    nameZh: `${plan.nameZh}闸口引道`,
    kind: 'GATE_APPROACH',
    polygon: frameRect(frame, middle - 40, yardDepthM + 100, middle + 40, yardDepthM + 290),
    speedLimitKmh: TRUCK_LIMIT_KMH,
    terminalCode: plan.code,
  });
  return zones;
}

/** How far a terminal reaches back from its quay to the front of its gate, in metres. */
function terminalDepthM(plan: TerminalPlan, quayLengthM: number): number {
  const { blocks, perpendicular } = plan.yard;
  if (perpendicular) return APRON_M + BLOCK_LENGTH_M;
  const perRow = Math.max(1, Math.floor(quayLengthM / (BLOCK_LENGTH_M + BLOCK_GAP_M)));
  return APRON_M + Math.ceil(blocks / perRow) * (BLOCK_WIDTH_M + BLOCK_GAP_M);
}

/** Land around a terminal beyond its quay's ends and behind its gate, in metres. */
const LAND_MARGIN_M = 250;

/**
 * The port's own land, for the map's offline base map: each terminal from its quay line back
 * past its gate, a little wider than the quay. Derived from the quay lines above (placed from
 * satellite imagery), not surveyed; it is there because Natural Earth's 1:10m coastline, the
 * rest of the offline base map, has no Xiaoyangshan (its terminals are reclaimed land).
 */
export function portLand(): Polygon[] {
  return TERMINALS.map((plan) => {
    const frame = quayFrame(plan.quay.start, plan.quay.end, plan.quay.land);
    const depthM = terminalDepthM(plan, frame.lengthM) + 100 + LAND_MARGIN_M;
    return frameRect(frame, -LAND_MARGIN_M, 0, frame.lengthM + LAND_MARGIN_M, depthM);
  });
}

/**
 * The pilot boarding grounds: Yangshan's at the seaward end of the deep-water channel,
 * Waigaoqiao's in the estuary below Hengsha. The simulator's pilots board here
 * (apps/simulator/src/geography.ts, SEA_LANES[port].toAnchorage[0]).
 */
const YS_PILOT_BOARDING: LonLat = [122.25, 30.598];
const WGQ_PILOT_BOARDING: LonLat = [121.83, 31.28];

/** Port-wide zones outside the terminals. */
export const PORT_ZONES: ZonePlan[] = [
  {
    code: 'DHB-GATE',
    name: 'Donghai Bridge gate (Luchaogang)',
    nameZh: '东海大桥闸口（芦潮港）',
    kind: 'GATE',
    polygon: boxAround([121.9055, 30.8705], 220, 140),
    speedLimitKmh: TRUCK_LIMIT_KMH,
  },
  {
    code: 'YS-ANCH-E',
    name: 'Yangshan east anchorage',
    nameZh: '洋山东锚地',
    kind: 'ANCHORAGE',
    polygon: ring([
      [122.12, 30.56],
      [122.2, 30.56],
      [122.2, 30.6],
      [122.12, 30.6],
    ]),
  },
  {
    code: 'WS-ANCH',
    name: 'Wusong anchorage (Yangtze estuary)',
    nameZh: '吴淞口锚地（长江口）',
    kind: 'ANCHORAGE',
    polygon: ring([
      [121.55, 31.405],
      [121.62, 31.405],
      [121.62, 31.445],
      [121.55, 31.445],
    ]),
  },
  {
    code: 'YS-FAIRWAY',
    name: 'Yangshan deep-water approach channel',
    nameZh: '洋山深水港进港航道',
    kind: 'FAIRWAY',
    polygon: ring([
      [122.095, 30.606],
      [122.25, 30.6],
      [122.25, 30.612],
      [122.095, 30.622],
    ]),
    speedLimitKnots: 10,
  },
  {
    // Where ships for Yangshan come under VTS watch: the eastern and southern approaches
    // from the open sea, the pilot boarding ground, the east anchorage and the deep-water
    // channel, up to the western end of the channel in front of Phase I (not the bay).
    code: 'YS-APPROACH',
    name: 'Yangshan approach',
    nameZh: '洋山进港水域',
    kind: 'APPROACH',
    polygon: ring([
      [122.095, 30.545],
      [122.4, 30.42],
      [122.58, 30.42],
      [122.58, 30.65],
      [122.095, 30.635],
    ]),
  },
  {
    code: 'YS-PILOT',
    name: 'Yangshan pilot boarding ground',
    nameZh: '洋山引航登轮点',
    kind: 'PILOT_BOARDING',
    polygon: boxAround(YS_PILOT_BOARDING, 1_000, 1_000),
  },
  {
    // The Yangtze estuary from the seaward end of the deep-water channel (122.4°E) up the
    // North Passage and the South Channel to the Wusong anchorage, stopping short of the
    // water in front of the Waigaoqiao quays.
    code: 'WGQ-APPROACH',
    name: 'Waigaoqiao approach (Yangtze estuary)',
    nameZh: '外高桥进港水域（长江口）',
    kind: 'APPROACH',
    polygon: ring([
      [121.54, 31.4],
      [121.65, 31.37],
      [121.8, 31.25],
      [122.0, 31.15],
      [122.4, 31.0],
      [122.4, 31.26],
      [122.0, 31.26],
      [121.85, 31.33],
      [121.72, 31.42],
      [121.63, 31.46],
      [121.54, 31.46],
    ]),
  },
  {
    code: 'WGQ-PILOT',
    name: 'Waigaoqiao pilot boarding ground (Yangtze estuary)',
    nameZh: '外高桥引航登轮点（长江口）',
    kind: 'PILOT_BOARDING',
    polygon: boxAround(WGQ_PILOT_BOARDING, 1_000, 1_000),
  },
  {
    code: 'DHB-SPAN',
    name: 'Donghai Bridge main navigation span exclusion',
    nameZh: '东海大桥主通航孔禁航区',
    kind: 'RESTRICTED_AREA',
    polygon: boxAround([121.975, 30.755], 800, 400),
  },
  {
    code: 'LCG-DEPOT',
    name: 'Luchaogang container depot',
    nameZh: '芦潮港集装箱堆场',
    kind: 'DEPOT',
    polygon: boxAround([121.894, 30.866], 400, 300),
    speedLimitKmh: TRUCK_LIMIT_KMH,
  },
  {
    code: 'LG-DEPOT',
    name: 'Lingang empty container depot',
    nameZh: '临港空箱堆场',
    kind: 'DEPOT',
    polygon: boxAround([121.918, 30.892], 350, 250),
    speedLimitKmh: TRUCK_LIMIT_KMH,
  },
  {
    code: 'YSBZ-WH1',
    name: 'Yangshan Special Comprehensive Bonded Zone warehouse 1 (Lingang)',
    nameZh: '洋山特殊综合保税区 1 号仓库（临港）',
    kind: 'WAREHOUSE',
    polygon: boxAround([121.935, 30.88], 300, 200),
    speedLimitKmh: TRUCK_LIMIT_KMH,
  },
];

/** How far off its quay line a terminal's turning point lies: the swinging room for a ship's length and more. */
const TURNING_POINT_OFF_M = 500;

/** A terminal's node: the turning point in the water off the middle of its quay, named by its code. */
function turningPoint(code: string): FairwayNetwork['nodes'][number] {
  const plan = TERMINALS.find((terminal) => terminal.code === code);
  if (!plan) throw new RangeError(`no terminal ${code}`);
  const frame = quayFrame(plan.quay.start, plan.quay.end, plan.quay.land);
  const [lon, lat] = frame.at(frame.lengthM / 2, -TURNING_POINT_OFF_M);
  return { id: code, lon, lat };
}

/**
 * The port's fairway network (Port.fairway): the sea lanes from the open sea through the
 * pilot boarding ground and the channels to the turning point of every terminal (a node
 * named by the terminal's code), and from each anchorage to the channel. Legs run both
 * ways. Yangshan: the eastern and southern approaches meet at the pilot boarding ground,
 * then the deep-water channel (YS-FAIRWAY) runs west along the quays, Phase I to IV.
 * Waigaoqiao: the two approaches meet at the seaward end of the estuary's deep-water
 * channel, which runs up the North Passage past the boarding ground into the South
 * Channel, then along the quays, Phase V to I. The simulator's ships follow the same lanes.
 */
export const FAIRWAY: FairwayNetwork = {
  nodes: [
    { id: 'YS-SEA-E', lon: 122.62, lat: 30.62 },
    { id: 'YS-E', lon: 122.4, lat: 30.61 },
    { id: 'YS-SEA-S', lon: 122.52, lat: 30.38 },
    { id: 'YS-S', lon: 122.4, lat: 30.58 },
    { id: 'YS-PILOT', lon: YS_PILOT_BOARDING[0], lat: YS_PILOT_BOARDING[1] },
    { id: 'YS-CH-E', lon: 122.2, lat: 30.608 },
    { id: 'YS-CH-W', lon: 122.1, lat: 30.614 },
    { id: 'YS-ANCH-E', lon: 122.16, lat: 30.58 },
    turningPoint('YSP1'),
    turningPoint('YSP2'),
    turningPoint('YSP3'),
    turningPoint('YSP4'),
    { id: 'WGQ-SEA-SE', lon: 122.5, lat: 31.0 },
    { id: 'WGQ-SE', lon: 122.25, lat: 31.08 },
    { id: 'WGQ-SEA-E', lon: 122.45, lat: 31.2 },
    { id: 'WGQ-E', lon: 122.15, lat: 31.16 },
    { id: 'WGQ-CH', lon: 122.0, lat: 31.19 },
    { id: 'WGQ-PILOT', lon: WGQ_PILOT_BOARDING[0], lat: WGQ_PILOT_BOARDING[1] },
    { id: 'WGQ-SOUTH-CH', lon: 121.7, lat: 31.35 },
    { id: 'WGQ-QUAYS', lon: 121.66, lat: 31.36 },
    { id: 'WS-ANCH', lon: 121.585, lat: 31.425 },
    turningPoint('WGQ5'),
    turningPoint('WGQ4'),
    turningPoint('WGQ1'),
  ],
  legs: [
    ['YS-SEA-E', 'YS-E'],
    ['YS-E', 'YS-PILOT'],
    ['YS-SEA-S', 'YS-S'],
    ['YS-S', 'YS-PILOT'],
    ['YS-PILOT', 'YS-CH-E'],
    ['YS-CH-E', 'YS-CH-W'],
    ['YS-ANCH-E', 'YS-CH-E'],
    ['YS-CH-W', 'YSP1'],
    ['YSP1', 'YSP2'],
    ['YSP2', 'YSP3'],
    ['YSP3', 'YSP4'],
    ['WGQ-SEA-SE', 'WGQ-SE'],
    ['WGQ-SE', 'WGQ-CH'],
    ['WGQ-SEA-E', 'WGQ-E'],
    ['WGQ-E', 'WGQ-CH'],
    ['WGQ-CH', 'WGQ-PILOT'],
    ['WGQ-PILOT', 'WGQ-SOUTH-CH'],
    ['WGQ-SOUTH-CH', 'WGQ-QUAYS'],
    ['WS-ANCH', 'WGQ-QUAYS'],
    ['WGQ-QUAYS', 'WGQ5'],
    ['WGQ5', 'WGQ4'],
    ['WGQ4', 'WGQ1'],
  ],
};
