import type { LonLat } from '@harbor/shared';
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
  timezone: 'Asia/Shanghai',
  lat: 31.23,
  lon: 121.47,
} as const;

type TerminalPlan = {
  code: string;
  /** The terminal's code in the SMDG terminal code list, where it has one (see TERMINALS). */
  smdgCode: string | null;
  name: string;
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
    quay: { start: [122.0724, 30.6263], end: [122.0891, 30.6272], land: 'left' },
    berths: 5,
    depthM: 16,
    yard: { blocks: 5, bays: 40, rows: 6, tiers: 5, perpendicular: false },
  },
  {
    code: 'YSP2',
    smdgCode: 'SHENG',
    name: 'Yangshan Phase II (Shengdong)',
    quay: { start: [122.0575, 30.6252], end: [122.0721, 30.6262], land: 'left' },
    berths: 4,
    depthM: 16,
    yard: { blocks: 4, bays: 40, rows: 6, tiers: 5, perpendicular: false },
  },
  {
    code: 'YSP3',
    smdgCode: 'SGICT',
    name: 'Yangshan Phase III (Guandong)',
    quay: { start: [122.03, 30.6232], end: [122.0572, 30.625], land: 'left' },
    berths: 7,
    depthM: 17.5,
    yard: { blocks: 6, bays: 40, rows: 6, tiers: 5, perpendicular: false },
  },
  {
    code: 'YSP4',
    smdgCode: 'SIPGSD',
    name: 'Yangshan Phase IV (automated)',
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
    quay: { start: [121.587, 31.36], end: [121.5975, 31.3555], land: 'right' },
    berths: 3,
    depthM: 12.5,
    yard: { blocks: 4, bays: 36, rows: 6, tiers: 5, perpendicular: false },
  },
  {
    code: 'WGQ4',
    smdgCode: 'SECT',
    name: 'Waigaoqiao Phase IV (SECT)',
    quay: { start: [121.601, 31.355], end: [121.615, 31.3495], land: 'right' },
    berths: 4,
    depthM: 13.2,
    yard: { blocks: 4, bays: 40, rows: 6, tiers: 5, perpendicular: false },
  },
  {
    code: 'WGQ5',
    smdgCode: 'SMCT',
    name: 'Waigaoqiao Phase V (Mingdong)',
    quay: { start: [121.618, 31.3485], end: [121.633, 31.343], land: 'right' },
    berths: 4,
    depthM: 13.2,
    yard: { blocks: 4, bays: 40, rows: 6, tiers: 5, perpendicular: false },
  },
];

export type ZonePlan = {
  code: string;
  name: string;
  kind: ZoneKind;
  polygon: Polygon;
  speedLimitKnots?: number;
  terminalCode?: string;
  berth?: { code: string; lengthM: number; depthM: number };
  yardBlock?: { code: string; bays: number; rows: number; tiers: number };
};

// 25 km/h for trucks inside terminals and gates, in knots.
const TRUCK_LIMIT_KNOTS = 13.5;
const APRON_M = 120;
const BERTH_WATER_M = 60;
const BLOCK_LENGTH_M = 300;
const BLOCK_WIDTH_M = 40;
const BLOCK_GAP_M = 30;

/** A terminal's berths (the water strip along its quay), yard blocks behind the apron, and its gate. */
export function terminalZones(plan: TerminalPlan): ZonePlan[] {
  const frame = quayFrame(plan.quay.start, plan.quay.end, plan.quay.land);
  const berthLengthM = frame.lengthM / plan.berths;
  const zones: ZonePlan[] = [];
  for (let i = 0; i < plan.berths; i++) {
    const code = `${plan.code}-B${String(i + 1).padStart(2, '0')}`;
    zones.push({
      code,
      name: `${plan.name} berth ${i + 1}`,
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
      kind: 'YARD_BLOCK',
      polygon,
      speedLimitKnots: TRUCK_LIMIT_KNOTS,
      terminalCode: plan.code,
      yardBlock: { code: `Y${String(i + 1).padStart(2, '0')}`, bays, rows, tiers },
    });
  }
  const yardDepthM = perpendicular
    ? APRON_M + BLOCK_LENGTH_M
    : APRON_M + Math.ceil(blocks / perRow) * (BLOCK_WIDTH_M + BLOCK_GAP_M);
  const middle = frame.lengthM / 2;
  zones.push({
    code: `${plan.code}-GATE`,
    name: `${plan.name} gate`,
    kind: 'GATE',
    polygon: frameRect(frame, middle - 60, yardDepthM + 20, middle + 60, yardDepthM + 100),
    speedLimitKnots: TRUCK_LIMIT_KNOTS,
    terminalCode: plan.code,
  });
  return zones;
}

/** Port-wide zones outside the terminals. */
export const PORT_ZONES: ZonePlan[] = [
  {
    code: 'DHB-GATE',
    name: 'Donghai Bridge gate (Luchaogang)',
    kind: 'GATE',
    polygon: boxAround([121.9055, 30.8705], 220, 140),
    speedLimitKnots: TRUCK_LIMIT_KNOTS,
  },
  {
    code: 'YS-ANCH-E',
    name: 'Yangshan east anchorage',
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
    code: 'DHB-SPAN',
    name: 'Donghai Bridge main navigation span exclusion',
    kind: 'RESTRICTED_AREA',
    polygon: boxAround([121.975, 30.755], 800, 400),
  },
  {
    code: 'LCG-DEPOT',
    name: 'Luchaogang container depot',
    kind: 'DEPOT',
    polygon: boxAround([121.894, 30.866], 400, 300),
    speedLimitKnots: TRUCK_LIMIT_KNOTS,
  },
  {
    code: 'LG-DEPOT',
    name: 'Lingang empty container depot',
    kind: 'DEPOT',
    polygon: boxAround([121.918, 30.892], 350, 250),
    speedLimitKnots: TRUCK_LIMIT_KNOTS,
  },
  {
    code: 'YSBZ-WH1',
    name: 'Yangshan Special Comprehensive Bonded Zone warehouse 1 (Lingang)',
    kind: 'WAREHOUSE',
    polygon: boxAround([121.935, 30.88], 300, 200),
    speedLimitKnots: TRUCK_LIMIT_KNOTS,
  },
];
