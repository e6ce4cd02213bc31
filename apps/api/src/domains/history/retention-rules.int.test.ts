import { testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, expectTrpcError, type World } from '../../../test/fixtures.ts';
import { DEFAULT_HISTORY_POLICY } from './policy.ts';

describe.each(testDbTargets())('track retention rules on %s', (target) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(target);
  });
  afterAll(() => world.db.drop());

  it('lets port authority admins set how long a company keeps its tracks, and go back to the default', async () => {
    const dhcl = world.organizations.dhcl.id;
    const set = await world
      .as('portAdmin')
      .history.setRetention({ organizationId: dhcl, assetKind: 'VEHICLE', keepDays: 90 });
    expect(set).toMatchObject({
      hotDays: DEFAULT_HISTORY_POLICY.hotDays,
      keepDays: DEFAULT_HISTORY_POLICY.keepDays,
      rules: [{ organizationId: dhcl, assetKind: 'VEHICLE', keepDays: 90 }],
    });
    await world
      .as('portAdmin')
      .history.setRetention({ organizationId: dhcl, assetKind: 'VEHICLE', keepDays: 365 });
    // Each change is recorded for upkeep to apply to the tracks compacted before it.
    const change = () =>
      world.db.prisma.trackRetentionChange.findUnique({
        where: { organizationId_assetKind: { organizationId: dhcl, assetKind: 'VEHICLE' } },
      });
    expect(await change()).toMatchObject({ version: 2 });
    // A company's admin sees its own rule only; another company's admin sees none of it.
    expect((await world.as('dhclAdmin').history.retention()).rules).toEqual([
      { organizationId: dhcl, assetKind: 'VEHICLE', keepDays: 365 },
    ]);
    const lgftRule = { organizationId: world.organizations.lgft.id, assetKind: 'VEHICLE' as const };
    await world.as('portAdmin').history.setRetention({ ...lgftRule, keepDays: 30 });
    expect((await world.as('dhclAdmin').history.retention()).rules).toHaveLength(1);
    expect((await world.as('portAdmin').history.retention()).rules).toHaveLength(2);

    await world
      .as('portAdmin')
      .history.setRetention({ organizationId: dhcl, assetKind: 'VEHICLE', keepDays: null });
    expect((await world.as('portAdmin').history.retention()).rules).toEqual([
      { ...lgftRule, keepDays: 30 },
    ]);
    expect(await change()).toMatchObject({ version: 3 });
  });

  it('refuses a rule shorter than the raw days, ships on a company, and anyone but port admins', async () => {
    const dhcl = world.organizations.dhcl.id;
    const shorter = await expectTrpcError(
      world
        .as('portAdmin')
        .history.setRetention({ organizationId: dhcl, assetKind: 'VEHICLE', keepDays: 3 }),
      'BAD_REQUEST',
    );
    expect(shorter.cause).toMatchObject({
      code: 'history.keep-shorter-than-hot',
      params: { hotDays: DEFAULT_HISTORY_POLICY.hotDays, keepDays: 3 },
    });
    const ships = await expectTrpcError(
      world
        .as('portAdmin')
        .history.setRetention({ organizationId: dhcl, assetKind: 'VESSEL', keepDays: 90 }),
      'BAD_REQUEST',
    );
    expect(ships.cause).toMatchObject({ code: 'history.vessels-are-port-data' });
    await world.as('portAdmin').history.setRetention({
      organizationId: world.organizations.port.id,
      assetKind: 'VESSEL',
      keepDays: 730,
    });
    await expectTrpcError(
      world
        .as('dhclAdmin')
        .history.setRetention({ organizationId: dhcl, assetKind: 'VEHICLE', keepDays: 90 }),
      'FORBIDDEN',
    );
    await expectTrpcError(world.as('dhclDispatcher').history.retention(), 'FORBIDDEN');
  });
});
