import type { Organization, Position, Vehicle, Vessel } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { buildAssets, filterAssets, motionOf, OFFLINE_AFTER_MS } from './asset-list.ts';
import { findAssets } from './search.ts';

const NOW = Date.UTC(2026, 10, 25, 8, 0, 0);
const at = (agoMs: number) => new Date(NOW - agoMs).toISOString();

function position(fields: Partial<Position> & Pick<Position, 'assetKind' | 'assetKey'>): Position {
  return {
    fixAt: at(30_000),
    lat: 30.62,
    lon: 122.06,
    speedKnots: 0,
    courseDeg: null,
    headingDeg: null,
    status: null,
    source: fields.assetKind === 'VESSEL' ? 'AIS' : 'JT808',
    ...fields,
  };
}

const particulars = {
  name: null,
  callSign: null,
  imo: null,
  shipType: null,
  lengthM: null,
  beamM: null,
  draughtM: null,
  destination: null,
};
/** A vessel known from its AIS static data alone (no curated values). */
const heardVessel: Vessel = {
  id: 'vsl-1',
  mmsi: 477123400,
  ...particulars,
  name: 'COSCO SHIPPING LEO',
  imo: 9795610,
  callSign: 'VRQE7',
  flag: null,
  curated: { ...particulars, flag: null },
  ais: {
    ...particulars,
    name: 'COSCO SHIPPING LEO',
    imo: 9795610,
    callSign: 'VRQE7',
    eta: null,
    reportedAt: at(60_000),
  },
  discrepancies: [],
  createdAt: at(600_000),
  updatedAt: at(60_000),
};
/** A vessel the port curated that was never heard. */
const silentVessel: Vessel = {
  ...heardVessel,
  id: 'vsl-2',
  mmsi: 413000002,
  name: 'ZHEN HUA 10',
  imo: null,
  callSign: null,
  curated: { ...particulars, name: 'ZHEN HUA 10', flag: 'CN' },
  ais: null,
};
const donghai: Organization = {
  id: 'org-dh',
  code: 'DHCL',
  name: 'Donghai Container Logistics',
  nameZh: '东海集装箱物流',
  kind: 'LOGISTICS_COMPANY',
  userCount: 3,
  createdAt: at(0),
};
function truck(plate: string, terminalPhone: string | null, organizationId = 'org-dh'): Vehicle {
  return {
    id: `veh-${plate}`,
    organizationId,
    plate,
    vin: null,
    model: null,
    modelZh: null,
    status: 'AVAILABLE',
    manualStatus: 'AVAILABLE',
    terminalPhone,
    position: null,
    currentJob: null,
    driver: null,
    createdAt: at(0),
    updatedAt: at(0),
  };
}

const positions = [
  position({ assetKind: 'VESSEL', assetKey: '477123400', speedKnots: 12.3 }),
  // Under way, heard in position reports only: no vessel record yet.
  position({ assetKind: 'VESSEL', assetKey: '412999001', speedKnots: 8 }),
  position({ assetKind: 'VESSEL', assetKey: '413555001', status: 'AT_ANCHOR' }),
  position({ assetKind: 'VEHICLE', assetKey: '013917000003', fixAt: at(OFFLINE_AFTER_MS + 1) }),
];
const assets = buildAssets({
  vessels: [heardVessel, silentVessel],
  vehicles: [truck('沪DF00003', '013917000003'), truck('沪DF00004', '013917000004')],
  positions,
  organizations: [donghai],
});

describe('buildAssets', () => {
  it('lists every vessel and truck once, with ships heard only in position reports', () => {
    expect(assets.map((a) => [a.id, a.label])).toEqual([
      ['VESSEL:412999001', '412999001'],
      ['VESSEL:413555001', '413555001'],
      ['VESSEL:477123400', 'COSCO SHIPPING LEO'],
      ['VESSEL:413000002', 'ZHEN HUA 10'],
      ['VEHICLE:013917000003', '沪DF00003'],
      ['VEHICLE:013917000004', '沪DF00004'],
    ]);
    const truckAsset = assets.find((a) => a.id === 'VEHICLE:013917000003');
    expect(truckAsset?.company?.name).toBe('Donghai Container Logistics');
    expect(assets.find((a) => a.id === 'VESSEL:413000002')?.position).toBeNull();
  });

  it('leaves out a truck without a tracker, and tells apart two fleets’ trucks with one plate', () => {
    const shared = buildAssets({
      vessels: [],
      vehicles: [
        truck('沪DF00003', '013917000003'),
        truck('沪DF00003', '013816000001', 'org-other'),
        truck('沪DF00009', null),
      ],
      positions: [],
      organizations: [],
    });
    expect(shared.map((a) => a.label)).toEqual([
      '沪DF00003 (013816000001)',
      '沪DF00003 (013917000003)',
    ]);
  });
});

describe('motionOf', () => {
  it('reads the AIS status first, else the speed', () => {
    expect(motionOf(null)).toBe('noPosition');
    expect(motionOf(positions[0] ?? null)).toBe('moving');
    expect(motionOf(positions[2] ?? null)).toBe('atAnchor');
    expect(motionOf(position({ assetKind: 'VESSEL', assetKey: '1', status: 'MOORED' }))).toBe(
      'moored',
    );
    expect(motionOf(position({ assetKind: 'VEHICLE', assetKey: '1', speedKnots: 0.2 }))).toBe(
      'stopped',
    );
  });
});

describe('filterAssets', () => {
  const ids = (filter: Parameters<typeof filterAssets>[1]) =>
    filterAssets(assets, filter, NOW).map((a) => a.id);

  it('filters by kind, by online state and by what was typed', () => {
    expect(ids({ kind: 'VEHICLE', online: 'ALL', query: '' })).toEqual([
      'VEHICLE:013917000003',
      'VEHICLE:013917000004',
    ]);
    expect(ids({ kind: 'ALL', online: 'ONLINE', query: '' })).toEqual([
      'VESSEL:412999001',
      'VESSEL:413555001',
      'VESSEL:477123400',
    ]);
    expect(ids({ kind: 'VEHICLE', online: 'OFFLINE', query: '' })).toEqual([
      'VEHICLE:013917000003',
      'VEHICLE:013917000004',
    ]);
    expect(ids({ kind: 'ALL', online: 'ALL', query: 'cosco shipping' })).toEqual([
      'VESSEL:477123400',
    ]);
    expect(ids({ kind: 'ALL', online: 'ALL', query: '沪df 00004' })).toEqual([
      'VEHICLE:013917000004',
    ]);
  });

  it('counts a newer live position for online', () => {
    const live = position({ assetKind: 'VEHICLE', assetKey: '013917000003', fixAt: at(1_000) });
    const latest = (asset: (typeof assets)[number]) =>
      asset.id === 'VEHICLE:013917000003' ? live : asset.position;
    expect(
      filterAssets(assets, { kind: 'VEHICLE', online: 'ONLINE', query: '' }, NOW, latest).map(
        (a) => a.id,
      ),
    ).toEqual(['VEHICLE:013917000003']);
  });
});

describe('findAssets', () => {
  const found = (query: string) => findAssets(query, assets).map((a) => a.id);

  it('finds a ship heard only in position reports by its MMSI', () => {
    expect(found('412999001')).toEqual(['VESSEL:412999001']);
    expect(found('4129')).toEqual(['VESSEL:412999001']);
  });

  it('finds a vessel by its AIS name, IMO number and call sign, exact matches first', () => {
    expect(found('leo')).toEqual(['VESSEL:477123400']);
    expect(found('9795610')).toEqual(['VESSEL:477123400']);
    expect(found('vrqe7')).toEqual(['VESSEL:477123400']);
    expect(found('zhen hua 10')).toEqual(['VESSEL:413000002']);
  });

  it('finds trucks by plate, and nothing for blanks or a short number', () => {
    expect(found('沪DF0000')).toEqual(['VEHICLE:013917000003', 'VEHICLE:013917000004']);
    expect(found('  ')).toEqual([]);
    expect(found('41')).toEqual([]);
  });
});
