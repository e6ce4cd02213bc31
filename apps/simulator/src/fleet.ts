import type { Dimensions } from '@harbor/protocols/ais';
import { BERTHS, type Berth, type Port } from './geography.ts';
import type { Random } from './random.ts';

export type VesselKind = 'container' | 'tanker' | 'tug' | 'pilot';

/** A ship's identity as its AIS transponder is configured. */
export type Vessel = {
  mmsi: number;
  /** Null for harbour craft, which carry no IMO number. */
  imo: number | null;
  name: string;
  callSign: string;
  /** ITU-R M.1371 table 53: 50 pilot, 52 tug, 70-79 cargo, 80-89 tanker. */
  shipType: number;
  kind: VesselKind;
  /** Class A (SOLAS ships) or class B (CS, small craft). */
  aisClass: 'A' | 'B';
  dimensions: Dimensions;
  draughtM: number;
  port: Port;
  /** The berth a cargo ship calls at; null for harbour craft. */
  berth: Berth | null;
};

/**
 * IMO number check digit (IMO Resolution A.1117(30)): the first six digits weighted 7, 6,
 * 5, 4, 3, 2, summed, modulo 10.
 */
export function imoCheckDigit(firstSix: number): number {
  const digits = String(firstSix).padStart(6, '0');
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += Number(digits[i]) * (7 - i);
  return sum % 10;
}

export function isValidImoNumber(imo: number): boolean {
  return (
    Number.isInteger(imo) &&
    imo >= 1_000_000 &&
    imo <= 9_999_999 &&
    imoCheckDigit(Math.floor(imo / 10)) === imo % 10
  );
}

/** Flags by Maritime Identification Digits (ITU MID table) with the call sign prefixes of the same administration. */
const FLAGS = {
  china: { mids: [412, 413, 414], callSign: ['B'] },
  hongKong: { mids: [477], callSign: ['VR'] },
  panama: {
    mids: [351, 352, 353, 354, 355, 356, 357, 370, 371, 372],
    callSign: ['3E', 'H3', 'HO'],
  },
  liberia: { mids: [636], callSign: ['A8', 'D5'] },
  marshallIslands: { mids: [538], callSign: ['V7'] },
  singapore: { mids: [563, 564, 565, 566], callSign: ['9V'] },
  malta: { mids: [215, 229, 248, 249, 256], callSign: ['9H'] },
  denmark: { mids: [219, 220], callSign: ['OU', 'OZ'] },
} as const;
type Flag = keyof typeof FLAGS;

const LINES: { prefix: string; flags: Flag[] }[] = [
  { prefix: 'COSCO', flags: ['hongKong', 'china'] },
  { prefix: 'CSCL', flags: ['hongKong', 'china'] },
  { prefix: 'MSC', flags: ['panama', 'liberia', 'malta'] },
  { prefix: 'MAERSK', flags: ['denmark', 'singapore'] },
  { prefix: 'CMA CGM', flags: ['malta', 'singapore', 'liberia'] },
  { prefix: 'EVER', flags: ['panama', 'singapore'] },
  { prefix: 'OOCL', flags: ['hongKong'] },
  { prefix: 'ONE', flags: ['panama', 'singapore'] },
  { prefix: 'YM', flags: ['liberia', 'singapore'] },
];
const NAME_WORDS = [
  'AURORA',
  'HARMONY',
  'PRIDE',
  'FORTUNE',
  'GLORY',
  'SPIRIT',
  'UNITY',
  'HORIZON',
  'DIAMOND',
  'TRIUMPH',
  'GRACE',
  'LIBERTY',
  'ZENITH',
  'VOYAGER',
  'PIONEER',
  'MERIDIAN',
  'HANGZHOU',
  'NINGBO',
  'XIAMEN',
  'QINGDAO',
  'TIANJIN',
  'DALIAN',
  'BUSAN',
  'KOBE',
  'COLOMBO',
  'PIRAEUS',
  'GENOA',
  'HAMBURG',
  'ANTWERP',
  'SANTOS',
  'DURBAN',
  'SYDNEY',
  'VALENCIA',
  'MANILA',
];
const TANKER_NAMES = ['DA QING', 'ZHE HAI', 'HAI YOU', 'XIN JIN YOU', 'NEW GLORY', 'HUA YANG'];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The i-th vessel of a scenario: every draw comes from the vessel's own random stream. */
export function makeVessel(
  random: Random,
  index: number,
  cargoIndex: number,
  berthOrder: readonly Berth[],
): Vessel {
  const roll = random.next();
  const kind: VesselKind =
    roll < 0.72 ? 'container' : roll < 0.84 ? 'tanker' : roll < 0.93 ? 'tug' : 'pilot';
  if (kind === 'tug' || kind === 'pilot') return harbourCraft(random, kind);
  const berth = berthOrder[cargoIndex % berthOrder.length] as Berth;
  const port = berth.terminal.port;
  const line = random.pick(LINES);
  const flag =
    kind === 'container'
      ? random.pick(line.flags)
      : random.pick<Flag>(['china', 'liberia', 'marshallIslands', 'panama']);
  const name =
    kind === 'container'
      ? `${line.prefix} ${random.pick(NAME_WORDS)}`
      : `${random.pick(TANKER_NAMES)} ${random.int(1, 99)}`;
  // Yangshan (16-17.5 m) takes the largest ships; Waigaoqiao (12.5-13.2 m) feeders and panamaxes.
  const [minLength, maxLength] = port === 'YANGSHAN' ? [260, 400] : [150, 300];
  const lengthM = kind === 'tanker' ? random.int(180, 250) : random.int(minLength, maxLength);
  const beamM = Math.min(61, Math.round(lengthM * random.between(0.13, 0.16)));
  const maxDraughtM = port === 'YANGSHAN' ? 15.5 : 12.5;
  return {
    mmsi: mmsiFor(random, flag),
    imo: imoFor(random, index),
    name: name.slice(0, 20),
    callSign: callSignFor(random, flag),
    shipType:
      kind === 'container' ? random.pick([70, 70, 70, 71, 79]) : random.pick([80, 80, 81, 84]),
    kind,
    aisClass: 'A',
    dimensions: dimensionsFor(random, lengthM, beamM),
    draughtM: Math.round(random.between(9, maxDraughtM) * 10) / 10,
    port,
    berth,
  };
}

function harbourCraft(random: Random, kind: 'tug' | 'pilot'): Vessel {
  const port: Port = random.chance(0.65) ? 'YANGSHAN' : 'WAIGAOQIAO';
  const lengthM = kind === 'tug' ? random.int(30, 38) : random.int(16, 22);
  const beamM = kind === 'tug' ? random.int(10, 12) : random.int(5, 6);
  const number = random.int(1, 39);
  return {
    mmsi: mmsiFor(random, 'china'),
    imo: null,
    // Shanghai harbour tugs (海港 "Haigang") and pilot boats (沪引 "Hu Yin").
    name: kind === 'tug' ? `HAIGANG ${number}` : `HUYIN ${number}`,
    callSign: callSignFor(random, 'china'),
    shipType: kind === 'tug' ? 52 : 50,
    kind,
    aisClass: 'B',
    dimensions: dimensionsFor(random, lengthM, beamM),
    draughtM: kind === 'tug' ? 4.5 : 1.8,
    port,
    berth: null,
  };
}

function mmsiFor(random: Random, flag: Flag): number {
  const mid = random.pick(FLAGS[flag].mids);
  // Ship station MMSIs (M.585): MID then six digits; many end in 0 from Inmarsat days.
  return mid * 1_000_000 + random.int(100, 999) * 1000 + random.pick([0, 0, random.int(0, 999)]);
}

function imoFor(random: Random, index: number): number {
  // IMO numbers of ships built since the 1990s start with 9; the index keeps them unique.
  const firstSix = 900_000 + ((random.int(0, 999) * 97 + index * 1009) % 100_000);
  return firstSix * 10 + imoCheckDigit(firstSix);
}

function callSignFor(random: Random, flag: Flag): string {
  const prefix = random.pick(FLAGS[flag].callSign);
  let rest = '';
  for (let i = prefix.length; i < 5; i++) rest += random.pick(LETTERS.split(''));
  return flag === 'singapore'
    ? `${prefix}${random.int(1000, 9999)}`
    : `${prefix}${rest}${random.int(1, 9)}`.slice(0, 7);
}

/** Antenna position: near the bridge, which sits aft on older ships and forward on the newest. */
function dimensionsFor(random: Random, lengthM: number, beamM: number): Dimensions {
  const toSternM = Math.round(lengthM * random.between(0.12, 0.35));
  const toPortM = Math.round(beamM / 2);
  return {
    toBowM: Math.min(511, lengthM - toSternM),
    toSternM,
    toPortM,
    toStarboardM: Math.min(63, beamM - toPortM),
  };
}

/** Berths in a random order, so each cargo ship of a scenario has its own berth while there are enough. */
export function berthOrder(random: Random): Berth[] {
  const berths = [...BERTHS];
  for (let i = berths.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [berths[i], berths[j]] = [berths[j] as Berth, berths[i] as Berth];
  }
  return berths;
}
