import { hashPassword } from '@harbor/db';
import { testDbTargets } from '@harbor/db/testing';
import type { DispatchJobChange } from '@harbor/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeClient } from '../../../test/live-client.ts';
import { serve } from '../../../test/serve.ts';
import { testApp } from '../../../test/services.ts';
import { buildDispatchWorld, type DispatchWorld, iso } from '../../../test/worlds/dispatch.ts';
import { type JobChangeTopic, jobChangeTopic } from './job-changes.ts';

const PASSWORD = 'correct horse battery';

describe.each(testDbTargets())('dispatch.live over real SSE on %s', (target) => {
  let world: DispatchWorld;
  let hub: JobChangeTopic;
  let server: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    world = await buildDispatchWorld(target, await hashPassword(PASSWORD));
    hub = jobChangeTopic();
    const { app } = testApp({
      db: world.db,
      logger: pino({ level: 'silent' }),
      sessionTtlMs: 3_600_000,
      cookieSecure: false,
      jobChanges: hub,
    });
    server = await serve(app);
  });
  afterAll(async () => {
    await server.close();
    await world.db.drop();
  });

  it('streams the own company’s job changes, each tagged with its event id', async () => {
    const { client } = await nodeClient(server.base, {
      email: 'dhclviewer@test.harbor.local',
      password: PASSWORD,
    });
    const received: { id: string; data: DispatchJobChange }[] = [];
    const subscription = client.dispatch.live.subscribe(undefined, {
      onData: (event) => received.push(event),
    });
    await expect.poll(() => hub.subscribers).toBe(1);
    const job = async (user: 'lgftDispatcher' | 'dhclDispatcher', reference: string) =>
      world.with(user, { jobChanges: hub }).dispatch.create({
        reference,
        pickupZoneCode: 'YSP1-GATE',
        dropoffZoneCode: 'LG-DEPOT',
        windowStart: iso(0),
        windowEnd: iso(60),
      });
    await job('lgftDispatcher', 'SSE-LGFT');
    const own = await job('dhclDispatcher', 'SSE-DHCL');
    await world
      .with('dhclDispatcher', { jobChanges: hub })
      .dispatch.transition({ id: own.id, to: 'CANCELLED' });
    await expect.poll(() => received.length).toBe(2);
    subscription.unsubscribe();
    expect(received.map((e) => [e.data.job.reference, e.data.event.toStatus])).toEqual([
      ['SSE-DHCL', 'PLANNED'],
      ['SSE-DHCL', 'CANCELLED'],
    ]);
    expect(received.every((e) => e.id === e.data.event.id)).toBe(true);
    await expect.poll(() => hub.subscribers).toBe(0);
  });
});
