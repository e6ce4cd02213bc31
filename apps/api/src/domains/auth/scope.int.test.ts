import { Prisma } from '@harbor/db';
import { testDbTargets } from '@harbor/db/testing';
import type { AssetKind, OrganizationKind } from '@harbor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type World } from '../../../test/fixtures.ts';
import { writeFixes } from '../../pipeline/fix-store.ts';
import {
  assetSql,
  canSee,
  canSeeAsset,
  isPortStaff,
  organizationScope,
  organizationSql,
  type Viewer,
} from './scope.ts';

// The organization rule's twins (in memory, Prisma, SQL) asked the same questions on a real
// database: one viewer of each kind of organization, things of each owner and none.
type Org = 'port' | 'dhcl' | 'lgft' | 'terminal' | 'line';
const ORGS: Org[] = ['port', 'dhcl', 'lgft', 'terminal', 'line'];
const KINDS: Record<Org, OrganizationKind> = {
  port: 'PORT_AUTHORITY',
  dhcl: 'LOGISTICS_COMPANY',
  lgft: 'LOGISTICS_COMPANY',
  terminal: 'TERMINAL_OPERATOR',
  line: 'SHIPPING_LINE',
};
/** What each viewer sees of the owners: the rule as the product states it. */
const SEES: Record<Org, (Org | null)[]> = {
  port: ['port', 'dhcl', 'lgft', 'terminal', 'line', null],
  dhcl: ['dhcl'],
  lgft: ['lgft'],
  terminal: ['terminal'],
  line: ['line'],
};

describe.each(testDbTargets())('the organization rule and its twins on %s', (target) => {
  let world: World;
  const ids = {} as Record<Org, string>;
  const viewer = (org: Org): Viewer => ({ organization: { id: ids[org], kind: KINDS[org] } });
  const orgOf = (id: string | null): Org | null =>
    id === null ? null : (ORGS.find((org) => ids[org] === id) ?? null);
  const sorted = (owners: (Org | null)[]) =>
    [...owners].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  const TRUCKS: Record<string, Org | null> = {
    '013900000001': 'dhcl',
    '013900000002': 'lgft',
    '013900000003': 'terminal',
    '013900000004': null, // reports, but no organization registered its terminal
  };
  const VESSEL = '477000001';

  beforeAll(async () => {
    world = await buildWorld(target);
    const p = world.db.prisma;
    ids.port = world.organizations.port.id;
    ids.dhcl = world.organizations.dhcl.id;
    ids.lgft = world.organizations.lgft.id;
    for (const [org, code] of [
      ['terminal', 'SIPG'],
      ['line', 'COSL'],
    ] as const)
      ids[org] = (await p.organization.create({ data: { code, name: code, kind: KINDS[org] } })).id;
    // An alert of every owner, and a port-wide one (no organization).
    for (const owner of [...ORGS.map((org) => ids[org]), null])
      await p.alert.create({
        data: {
          organizationId: owner,
          kind: 'AIS_SILENCE',
          severity: 'INFO',
          message: 'm',
          raisedAt: new Date(),
        },
      });
    for (const [terminalPhone, org] of Object.entries(TRUCKS))
      if (org) await p.device.create({ data: { organizationId: ids[org], terminalPhone } });
    const fix = (assetKind: AssetKind, assetKey: string) => ({
      assetKind,
      assetKey,
      fixAt: new Date('2026-11-25T02:00:00Z'),
      receivedAt: new Date('2026-11-25T02:00:00Z'),
      lat: 30.6,
      lon: 122,
      speedKnots: null,
      courseDeg: null,
      headingDeg: null,
      altitudeM: null,
      status: null,
      source: assetKind === 'VESSEL' ? ('AIS' as const) : ('JT808' as const),
    });
    await writeFixes(world.db, [
      fix('VESSEL', VESSEL),
      ...Object.keys(TRUCKS).map((phone) => fix('VEHICLE', phone)),
    ]);
  });
  afterAll(() => world.db.drop());

  it.each(ORGS)(
    'gives a viewer of %s the same owners in memory, in Prisma and in SQL',
    async (org) => {
      const owners: (Org | null)[] = [...ORGS, null];
      const inMemory = owners.filter((owner) =>
        canSee(viewer(org), owner === null ? null : ids[owner]),
      );
      const byPrisma = (
        await world.db.prisma.alert.findMany({
          where: organizationScope(viewer(org)),
          select: { organizationId: true },
        })
      ).map((row) => orgOf(row.organizationId));
      const query = Prisma.sql`SELECT a."organizationId" FROM "Alert" a
      WHERE ${organizationSql(viewer(org), Prisma.sql`a."organizationId"`)}`;
      const bySql = (
        await world.db.sql.query<{ organizationId: string | null }>(query.text, query.values)
      ).rows.map((row) => orgOf(row.organizationId));

      expect(sorted(inMemory)).toEqual(sorted(SEES[org]));
      expect(sorted(byPrisma)).toEqual(sorted(SEES[org]));
      expect(sorted(bySql)).toEqual(sorted(SEES[org]));
      expect(isPortStaff(viewer(org))).toBe(org === 'port');
    },
  );

  it.each(ORGS)('shows a viewer of %s the same assets in memory and in SQL', async (org) => {
    const expected = [
      `VESSEL:${VESSEL}`,
      ...Object.entries(TRUCKS)
        .filter(([, owner]) => SEES[org].includes(owner))
        .map(([phone]) => `VEHICLE:${phone}`),
    ].sort();
    const assets = [
      { assetKind: 'VESSEL' as const, assetKey: VESSEL, organizationId: null },
      ...Object.entries(TRUCKS).map(([phone, owner]) => ({
        assetKind: 'VEHICLE' as const,
        assetKey: phone,
        organizationId: owner === null ? null : ids[owner],
      })),
    ];
    const inMemory = assets
      .filter((asset) => canSeeAsset(viewer(org), asset))
      .map((asset) => `${asset.assetKind}:${asset.assetKey}`);
    const visible = assetSql(viewer(org), {
      assetKind: Prisma.sql`lp."assetKind"`,
      organizationId: Prisma.sql`d."organizationId"`,
    });
    const query = Prisma.sql`SELECT lp."assetKind", lp."assetKey" FROM "LatestPosition" lp
      LEFT JOIN "Device" d ON lp."assetKind" = 'VEHICLE' AND d."terminalPhone" = lp."assetKey"
      WHERE ${visible}`;
    const bySql = (
      await world.db.sql.query<{ assetKind: string; assetKey: string }>(query.text, query.values)
    ).rows.map((row) => `${row.assetKind}:${row.assetKey}`);

    expect(inMemory.sort()).toEqual(expected);
    expect(bySql.sort()).toEqual(expected);
  });
});
