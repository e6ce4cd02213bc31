import type { OrganizationKind, Role } from '../generated/prisma/client.ts';

/** The password of every demo account; the README says to change it before exposing Harbor. */
export const DEMO_PASSWORD = 'harbor-demo';

export const ORGANIZATIONS: { code: string; name: string; kind: OrganizationKind }[] = [
  { code: 'SHPA', name: 'Shanghai Port Authority', kind: 'PORT_AUTHORITY' },
  { code: 'SIPG', name: 'Shanghai International Port Group', kind: 'TERMINAL_OPERATOR' },
  { code: 'DHCL', name: 'Donghai Container Logistics', kind: 'LOGISTICS_COMPANY' },
  { code: 'LGFT', name: 'Lingang Freight Transport', kind: 'LOGISTICS_COMPANY' },
];

export const USERS: {
  email: string;
  name: string;
  role: Role;
  organization: string;
  locale: string;
}[] = [
  {
    email: 'admin@port.harbor.local',
    name: 'Port Administrator',
    role: 'ADMIN',
    organization: 'SHPA',
    locale: 'en',
  },
  {
    email: 'operator@port.harbor.local',
    name: '周敏 Zhou Min',
    role: 'PORT_OPERATOR',
    organization: 'SHPA',
    locale: 'zh-CN',
  },
  {
    email: 'viewer@port.harbor.local',
    name: 'Port Viewer',
    role: 'VIEWER',
    organization: 'SHPA',
    locale: 'en',
  },
  {
    email: 'admin@dhcl.harbor.local',
    name: 'DHCL Administrator',
    role: 'ADMIN',
    organization: 'DHCL',
    locale: 'zh-CN',
  },
  {
    email: 'dispatcher@dhcl.harbor.local',
    name: '孙丽 Sun Li',
    role: 'DISPATCHER',
    organization: 'DHCL',
    locale: 'zh-CN',
  },
  {
    email: 'viewer@dhcl.harbor.local',
    name: 'DHCL Viewer',
    role: 'VIEWER',
    organization: 'DHCL',
    locale: 'en',
  },
  {
    email: 'dispatcher@lgft.harbor.local',
    name: '黄涛 Huang Tao',
    role: 'DISPATCHER',
    organization: 'LGFT',
    locale: 'zh-CN',
  },
  {
    email: 'viewer@lgft.harbor.local',
    name: 'LGFT Viewer',
    role: 'VIEWER',
    organization: 'LGFT',
    locale: 'en',
  },
];

/** Vessels that call at Shanghai. IMO numbers are the ships' own; MMSIs carry their flag's MID. */
export const VESSELS = [
  {
    mmsi: 477266900,
    imo: 9795610,
    name: 'COSCO SHIPPING UNIVERSE',
    callSign: 'VRQB9',
    shipType: 71,
    lengthM: 400,
    beamM: 58.6,
    draughtM: 16,
    flag: 'HK',
  },
  {
    mmsi: 353136000,
    imo: 9811000,
    name: 'EVER GIVEN',
    callSign: 'H3RC',
    shipType: 71,
    lengthM: 399.9,
    beamM: 58.8,
    draughtM: 15.7,
    flag: 'PA',
  },
  {
    mmsi: 228386800,
    imo: 9839131,
    name: 'CMA CGM JACQUES SAADE',
    callSign: 'FMJS',
    shipType: 71,
    lengthM: 400,
    beamM: 61.3,
    draughtM: 16,
    flag: 'FR',
  },
  {
    mmsi: 477333500,
    imo: 9776171,
    name: 'OOCL HONG KONG',
    callSign: 'VRQF7',
    shipType: 71,
    lengthM: 399.9,
    beamM: 58.8,
    draughtM: 16,
    flag: 'HK',
  },
  {
    mmsi: 351759000,
    imo: 9134270,
    name: 'EVER DIADEM',
    callSign: '3FOF8',
    shipType: 70,
    lengthM: 295,
    beamM: 32,
    draughtM: 12.2,
    flag: 'PA',
  },
  {
    mmsi: 413366120,
    imo: null,
    name: 'HU GANG TUO 26',
    callSign: 'BVKW6',
    shipType: 52,
    lengthM: 36,
    beamM: 11,
    draughtM: 4.5,
    flag: 'CN',
  },
  {
    mmsi: 413301550,
    imo: null,
    name: 'HU YIN 3',
    callSign: 'BVPL3',
    shipType: 50,
    lengthM: 22,
    beamM: 6,
    draughtM: 2,
    flag: 'CN',
  },
];

/** Planned calls, `etaHours` after the seed runs, at a berth code. */
export const VISITS = [
  {
    mmsi: 477266900,
    voyageNumber: '045E',
    terminal: 'YSP4',
    berth: 'B01',
    etaHours: 6,
    stayHours: 30,
  },
  {
    mmsi: 353136000,
    voyageNumber: '1127W',
    terminal: 'YSP3',
    berth: 'B02',
    etaHours: 20,
    stayHours: 26,
  },
  {
    mmsi: 228386800,
    voyageNumber: '0FLBVW1',
    terminal: 'YSP1',
    berth: 'B01',
    etaHours: 30,
    stayHours: 28,
  },
];

export const VEHICLES = [
  {
    organization: 'DHCL',
    plate: '沪D12345',
    model: 'Sinotruk HOWO T7H tractor',
    driver: '张伟 Zhang Wei',
    phone: '13916001001',
  },
  {
    organization: 'DHCL',
    plate: '沪D23456',
    model: 'FAW J6P tractor',
    driver: '李强 Li Qiang',
    phone: '13916001002',
  },
  {
    organization: 'DHCL',
    plate: '沪D34567',
    model: 'Dongfeng KL tractor',
    driver: '王磊 Wang Lei',
    phone: '13916001003',
  },
  {
    organization: 'LGFT',
    plate: '沪E45678',
    model: 'Shacman X6000 tractor',
    driver: '刘洋 Liu Yang',
    phone: '13816002001',
  },
  {
    organization: 'LGFT',
    plate: '沪E56789',
    model: 'Sinotruk Sitrak C7H tractor',
    driver: '陈杰 Chen Jie',
    phone: '13816002002',
  },
  {
    organization: 'LGFT',
    plate: '沪E67890',
    model: 'FAW J7 tractor',
    driver: '杨帆 Yang Fan',
    phone: '13816002003',
  },
];

/**
 * JT/T 808 terminals: the phone number is the 12-digit BCD of the message header (2013). They
 * carry no auth code: each is open to its first registration, which binds it and issues one.
 */
export const DEVICES = [
  {
    organization: 'DHCL',
    plate: '沪D12345',
    terminalPhone: '013916001001',
    terminalModel: 'JT808-G7',
  },
  {
    organization: 'LGFT',
    plate: '沪E45678',
    terminalPhone: '013816002001',
    terminalModel: 'JT808-G7',
  },
];

/** ISO 6346 numbers with valid check digits and their size-type codes. */
export const CONTAINERS = [
  { number: 'CSQU3054383', isoSizeType: '22G1', tareKg: 2250, maxGrossKg: 30480 },
  { number: 'TCNU7200794', isoSizeType: '45G1', tareKg: 3900, maxGrossKg: 32500 },
  { number: 'TOLU4734787', isoSizeType: '42G1', tareKg: 3750, maxGrossKg: 32500 },
  { number: 'GYOU4047990', isoSizeType: '45R1', tareKg: 4800, maxGrossKg: 34000 },
];

/** Alert rules each organization starts with; their settings follow the shared zod contracts. */
export const ALERT_RULES: {
  organization: string;
  name: string;
  /** The rule's name in Chinese (the alerts screen shows it in zh-CN). */
  nameZh: string;
  kind: 'AIS_SILENCE' | 'SPEEDING' | 'RESTRICTED_AREA' | 'DWELL' | 'COLLISION_RISK' | 'ANCHOR_DRAG';
  severity: 'INFO' | 'WARNING' | 'CRITICAL';
  params: Record<string, number | string[]>;
}[] = [
  {
    organization: 'SHPA',
    name: 'Vessel under way silent for 10 min',
    nameZh: '航行船舶 10 分钟无信号',
    kind: 'AIS_SILENCE',
    severity: 'WARNING',
    params: { silenceMinutes: 10 },
  },
  {
    organization: 'SHPA',
    name: 'Vessel entering a restricted area',
    nameZh: '船舶进入禁区',
    kind: 'RESTRICTED_AREA',
    severity: 'CRITICAL',
    params: { zoneKinds: ['RESTRICTED_AREA'], assetKinds: ['VESSEL'] },
  },
  {
    organization: 'SHPA',
    name: 'Vessel over the posted limit in the fairway or at a berth',
    nameZh: '船舶在航道或泊位超速',
    kind: 'SPEEDING',
    severity: 'WARNING',
    params: { zoneKinds: ['FAIRWAY', 'BERTH', 'ANCHORAGE'], assetKinds: ['VESSEL'] },
  },
  {
    // Channel limits, not open-water ones: ships pass each other in the deep-water channel
    // a few cables apart, so only a closer meeting within ten minutes is a risk.
    organization: 'SHPA',
    name: 'Collision risk in the approach, fairway and anchorages',
    nameZh: '进港航道、航道与锚地碰撞风险',
    kind: 'COLLISION_RISK',
    severity: 'CRITICAL',
    params: { cpaNm: 0.2, tcpaMinutes: 10, rangeNm: 3 },
  },
  {
    organization: 'SHPA',
    name: 'Ship dragging her anchor',
    nameZh: '船舶走锚',
    kind: 'ANCHOR_DRAG',
    severity: 'CRITICAL',
    params: { dragKnots: 1, consecutiveReports: 3, swingRadiusM: 500 },
  },
  {
    organization: 'DHCL',
    name: 'Truck over the limit in a terminal',
    nameZh: '集卡在码头内超速',
    kind: 'SPEEDING',
    severity: 'WARNING',
    params: { zoneKinds: ['YARD_BLOCK', 'GATE', 'DEPOT'], assetKinds: ['VEHICLE'] },
  },
  {
    organization: 'DHCL',
    name: 'Truck at a gate for over 30 min',
    nameZh: '集卡在闸口停留超过 30 分钟',
    kind: 'DWELL',
    severity: 'INFO',
    params: { zoneKinds: ['GATE'], assetKinds: ['VEHICLE'], maxMinutes: 30 },
  },
  {
    organization: 'LGFT',
    name: 'Truck over the limit in a terminal',
    nameZh: '集卡在码头内超速',
    kind: 'SPEEDING',
    severity: 'WARNING',
    params: { zoneKinds: ['YARD_BLOCK', 'GATE', 'DEPOT'], assetKinds: ['VEHICLE'] },
  },
  {
    organization: 'LGFT',
    name: 'Truck at a gate for over 30 min',
    nameZh: '集卡在闸口停留超过 30 分钟',
    kind: 'DWELL',
    severity: 'INFO',
    params: { zoneKinds: ['GATE'], assetKinds: ['VEHICLE'], maxMinutes: 30 },
  },
];

// ---------------------------------------------------------------------------
// Demo fleet crews: two drivers per truck, a day and a night shift
// ---------------------------------------------------------------------------

/** Crews are seeded for demo fleets up to this size; a load-test fleet gets none (see the README). */
export const MAX_CREWED_FLEET = 1_000;
/** Days of shifts seeded from the day of seeding; nothing extends them later. */
export const CREW_SHIFT_DAYS = 14;
/** China keeps UTC+8 all year (no daylight saving since 1991), so Asia/Shanghai is a fixed offset. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

// Common surnames and given names, as [characters, pinyin]: 20 x 50 = 1,000 distinct names.
const SURNAMES = [
  ['王', 'Wang'],
  ['李', 'Li'],
  ['张', 'Zhang'],
  ['刘', 'Liu'],
  ['陈', 'Chen'],
  ['杨', 'Yang'],
  ['黄', 'Huang'],
  ['赵', 'Zhao'],
  ['吴', 'Wu'],
  ['周', 'Zhou'],
  ['徐', 'Xu'],
  ['孙', 'Sun'],
  ['马', 'Ma'],
  ['朱', 'Zhu'],
  ['胡', 'Hu'],
  ['郭', 'Guo'],
  ['何', 'He'],
  ['林', 'Lin'],
  ['罗', 'Luo'],
  ['高', 'Gao'],
] as const;
const GIVEN_NAMES = [
  ['建国', 'Jianguo'],
  ['建华', 'Jianhua'],
  ['国强', 'Guoqiang'],
  ['志强', 'Zhiqiang'],
  ['永刚', 'Yonggang'],
  ['海涛', 'Haitao'],
  ['晓东', 'Xiaodong'],
  ['伟', 'Wei'],
  ['勇', 'Yong'],
  ['军', 'Jun'],
  ['斌', 'Bin'],
  ['涛', 'Tao'],
  ['明', 'Ming'],
  ['超', 'Chao'],
  ['刚', 'Gang'],
  ['平', 'Ping'],
  ['辉', 'Hui'],
  ['鹏', 'Peng'],
  ['华', 'Hua'],
  ['飞', 'Fei'],
  ['鑫', 'Xin'],
  ['波', 'Bo'],
  ['宁', 'Ning'],
  ['林', 'Lin'],
  ['峰', 'Feng'],
  ['浩', 'Hao'],
  ['亮', 'Liang'],
  ['俊', 'Jun'],
  ['文', 'Wen'],
  ['杰', 'Jie'],
  ['志明', 'Zhiming'],
  ['春生', 'Chunsheng'],
  ['德华', 'Dehua'],
  ['立新', 'Lixin'],
  ['红军', 'Hongjun'],
  ['卫东', 'Weidong'],
  ['文斌', 'Wenbin'],
  ['振宇', 'Zhenyu'],
  ['子豪', 'Zihao'],
  ['宇航', 'Yuhang'],
  ['丽', 'Li'],
  ['静', 'Jing'],
  ['敏', 'Min'],
  ['燕', 'Yan'],
  ['芳', 'Fang'],
  ['秀英', 'Xiuying'],
  ['桂芳', 'Guifang'],
  ['晓燕', 'Xiaoyan'],
  ['海燕', 'Haiyan'],
  ['红梅', 'Hongmei'],
] as const;
// Mobile prefixes of China Mobile, Unicom and Telecom (13x, 15x, 18x).
const PHONE_PREFIXES = ['138', '139', '135', '136', '158', '159', '150', '186', '188', '187'];
// Shanghai districts (Pudong, Minhang, Baoshan, Jiading, Fengxian) as GB/T 2260 codes.
const DISTRICT_CODES = ['310115', '310112', '310113', '310114', '310120'];

export type CrewDriver = { name: string; phone: string; licenseNumber: string };

/**
 * Crew member `k` (from 0) of the demo fleet, the same on every run. A Chinese driving
 * licence carries its holder's 18-digit citizen ID number (GB 11643-1999), so that is the
 * licence number: district, birth date, sequence, ISO 7064 MOD 11-2 check character.
 */
export function crewDriver(k: number): CrewDriver {
  const [surname, surnamePinyin] = SURNAMES[k % SURNAMES.length] ?? SURNAMES[0];
  const [given, givenPinyin] =
    GIVEN_NAMES[Math.floor(k / SURNAMES.length) % GIVEN_NAMES.length] ?? GIVEN_NAMES[0];
  // 7,919 is prime, so k * 7,919 mod 10^8 gives every crew member a different number.
  const subscriber = String((k * 7_919 + 20_000_000) % 100_000_000).padStart(8, '0');
  const birth = `${1968 + (k % 30)}${pad2(1 + (k % 12))}${pad2(1 + (k % 28))}`;
  const body = `${DISTRICT_CODES[k % DISTRICT_CODES.length]}${birth}${String(k % 1_000).padStart(3, '0')}`;
  return {
    name: `${surname}${given} ${surnamePinyin} ${givenPinyin}`,
    phone: `${PHONE_PREFIXES[k % PHONE_PREFIXES.length]}${subscriber}`,
    licenseNumber: `${body}${idCheckCharacter(body)}`,
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** GB 11643-1999 check character of the first 17 digits of a citizen ID number. */
export function idCheckCharacter(body: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((total, weight, i) => total + weight * Number(body[i]), 0);
  return '10X98765432'[sum % 11] ?? '?';
}

/**
 * A truck's shifts: driver 0 works 08:00-20:00 and driver 1 20:00-08:00, Shanghai time, for
 * CREW_SHIFT_DAYS days from the Shanghai day `now` falls on. The night shift ending at 08:00
 * on that first day is included too, so a truck seeded before 08:00 is on shift at once:
 * from then on exactly one shift covers any instant until the last one ends.
 */
export function crewShifts(now: Date): { driver: 0 | 1; startsAt: Date; endsAt: Date }[] {
  const dayMs = 86_400_000;
  const hour = 3_600_000;
  const localMidnight =
    Math.floor((now.getTime() + SHANGHAI_OFFSET_MS) / dayMs) * dayMs - SHANGHAI_OFFSET_MS;
  const shifts: { driver: 0 | 1; startsAt: Date; endsAt: Date }[] = [
    {
      driver: 1,
      startsAt: new Date(localMidnight - 4 * hour),
      endsAt: new Date(localMidnight + 8 * hour),
    },
  ];
  for (let day = 0; day < CREW_SHIFT_DAYS; day++) {
    const midnight = localMidnight + day * dayMs;
    shifts.push(
      {
        driver: 0,
        startsAt: new Date(midnight + 8 * hour),
        endsAt: new Date(midnight + 20 * hour),
      },
      {
        driver: 1,
        startsAt: new Date(midnight + 20 * hour),
        endsAt: new Date(midnight + 32 * hour),
      },
    );
  }
  return shifts;
}
