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

/** JT/T 808 terminals: the phone number is the 12-digit BCD of the message header (2013). */
export const DEVICES = [
  {
    plate: '沪D12345',
    terminalPhone: '013916001001',
    authCode: 'DHCL-AUTH-01',
    terminalModel: 'JT808-G7',
  },
  {
    plate: '沪E45678',
    terminalPhone: '013816002001',
    authCode: 'LGFT-AUTH-01',
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
  kind: 'AIS_SILENCE' | 'SPEEDING' | 'RESTRICTED_AREA' | 'DWELL';
  severity: 'INFO' | 'WARNING' | 'CRITICAL';
  params: Record<string, number | string[]>;
}[] = [
  {
    organization: 'SHPA',
    name: 'Vessel under way silent for 10 min',
    kind: 'AIS_SILENCE',
    severity: 'WARNING',
    params: { silenceMinutes: 10 },
  },
  {
    organization: 'SHPA',
    name: 'Vessel entering a restricted area',
    kind: 'RESTRICTED_AREA',
    severity: 'CRITICAL',
    params: { zoneKinds: ['RESTRICTED_AREA'], assetKinds: ['VESSEL'] },
  },
  {
    organization: 'SHPA',
    name: 'Vessel over the posted limit in the fairway or at a berth',
    kind: 'SPEEDING',
    severity: 'WARNING',
    params: { zoneKinds: ['FAIRWAY', 'BERTH', 'ANCHORAGE'], assetKinds: ['VESSEL'] },
  },
  {
    organization: 'DHCL',
    name: 'Truck over the limit in a terminal',
    kind: 'SPEEDING',
    severity: 'WARNING',
    params: { zoneKinds: ['YARD_BLOCK', 'GATE', 'DEPOT'], assetKinds: ['VEHICLE'] },
  },
  {
    organization: 'DHCL',
    name: 'Truck at a gate for over 30 min',
    kind: 'DWELL',
    severity: 'INFO',
    params: { zoneKinds: ['GATE'], assetKinds: ['VEHICLE'], maxMinutes: 30 },
  },
  {
    organization: 'LGFT',
    name: 'Truck over the limit in a terminal',
    kind: 'SPEEDING',
    severity: 'WARNING',
    params: { zoneKinds: ['YARD_BLOCK', 'GATE', 'DEPOT'], assetKinds: ['VEHICLE'] },
  },
  {
    organization: 'LGFT',
    name: 'Truck at a gate for over 30 min',
    kind: 'DWELL',
    severity: 'INFO',
    params: { zoneKinds: ['GATE'], assetKinds: ['VEHICLE'], maxMinutes: 30 },
  },
];
