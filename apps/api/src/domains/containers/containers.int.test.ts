import { testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_USERS,
  buildWorld,
  expectFieldError,
  expectTrpcError,
  type World,
} from '../../../test/fixtures.ts';
import { fullView, statusOnly } from '../../../test/worlds/container-port.ts';

describe.each(testDbTargets())('containers on %s', (target) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(target);
    const container = await world.db.prisma.container.create({
      data: { number: 'CSQU3054383', isoSizeType: '45G1' },
    });
    // Recorded out of order: the answer is sorted by when each event happened.
    await world.db.prisma.equipmentEvent.createMany({
      data: [
        {
          containerId: container.id,
          eventType: 'LOAD',
          emptyIndicator: 'LADEN',
          eventAt: new Date('2026-11-20T08:00:00Z'),
        },
        {
          containerId: container.id,
          eventType: 'GTIN',
          emptyIndicator: 'LADEN',
          eventAt: new Date('2026-11-18T02:30:00Z'),
        },
      ],
    });
  });
  afterAll(() => world.db.drop());

  it.each(ALL_USERS)(
    '%s finds a container by number: port staff with its events in time order',
    async (user) => {
      const view = await world.as(user).containers.get({ number: 'csqu 305438-3' });
      expect(view.number).toBe('CSQU3054383');
      if (world.users[user].organization.kind !== 'PORT_AUTHORITY') {
        // No company's job or truck touched it: its status only (sharing.int.test.ts).
        expect(statusOnly(view).status.place).toBe('OUTSIDE');
        return;
      }
      expect(fullView(view).events.map((event) => [event.eventType, event.eventAt])).toEqual([
        ['GTIN', '2026-11-18T02:30:00.000Z'],
        ['LOAD', '2026-11-20T08:00:00.000Z'],
      ]);
    },
  );

  it('a container with events but no recorded place is OUTSIDE, and found as such', async () => {
    const container = fullView(
      await world.as('portViewer').containers.get({ number: 'CSQU3054383' }),
    );
    expect(container.state).toMatchObject({
      place: 'OUTSIDE',
      lastEventId: null,
      dwellHours: null,
    });
    const outside = await world.as('portViewer').containers.search({ place: 'OUTSIDE' });
    expect(outside.items.map((item) => item.number)).toEqual(['CSQU3054383']);
    expect((await world.as('portViewer').containers.search({ place: 'TERMINAL' })).items).toEqual(
      [],
    );
  });

  it('a wrong check digit is BAD_REQUEST on number, saying the right digit', async () => {
    const messages = await expectFieldError(
      world.as('portViewer').containers.get({ number: 'CSQU3054384' }),
      'number',
    );
    expect(messages).toEqual(['check digit of CSQU305438 is 3, not 4']);
    await expectFieldError(
      world.as('portViewer').containers.get({ number: 'NOT A BOX' }),
      'number',
    );
  });

  it('a valid number Harbor has never seen is NOT_FOUND; anonymous is UNAUTHORIZED', async () => {
    await expectTrpcError(
      world.as('portViewer').containers.get({ number: 'TCNU7200794' }),
      'NOT_FOUND',
    );
    await expectTrpcError(world.as(null).containers.get({ number: 'CSQU3054383' }), 'UNAUTHORIZED');
  });
});
