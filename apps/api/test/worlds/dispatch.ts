import { seed } from '@harbor/db';
import type { TestDbTarget } from '@harbor/db/testing';
import type { Context } from '../../src/edges/trpc/context.ts';
import { createCaller } from '../../src/runtime/app-router.ts';
import { buildWorld, type UserKey, type World } from '../fixtures.ts';
import { testContext } from '../services.ts';

/** The fixed clock of the dispatch tests: 25 Nov 2026, 08:00 UTC (16:00 in Shanghai). */
export const T0 = new Date('2026-11-25T08:00:00Z');
export const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
export const iso = (minutes: number) => at(minutes).toISOString();

export type DispatchWorld = World & {
  /** A caller as `user` with extra context (the clock, caches, hubs). */
  with(user: UserKey, extra?: Partial<Context>): ReturnType<typeof createCaller>;
  vehicle(plate: string): Promise<{ id: string; organizationId: string }>;
};

/**
 * The test world (port authority, DHCL, LGFT and a user of every role) plus the Port of
 * Shanghai seed: the seed finds DHCL and LGFT by code and adds zones, trucks (沪D… DHCL,
 * 沪E… LGFT), drivers, terminals 013916001001 (DHCL) and 013816002001 (LGFT), containers.
 */
export async function buildDispatchWorld(
  target: TestDbTarget,
  passwordHash?: string,
): Promise<DispatchWorld> {
  const world = await buildWorld(target, passwordHash);
  await seed(world.db, { now: T0, fleetSize: 0 });
  return {
    ...world,
    with: (user, extra = {}) =>
      createCaller(testContext({ db: world.db, user: world.users[user], now: () => T0, ...extra })),
    vehicle: (plate) => seededVehicle(world, plate),
  };
}

/**
 * A seeded truck by its plate. A plate is unique within its company only; the seed gives
 * each company its own plates, so one plate names one truck here, and a plate two companies
 * share is refused rather than one of them picked.
 */
async function seededVehicle(world: World, plate: string) {
  const rows = await world.db.prisma.vehicle.findMany({
    where: { plate },
    select: { id: true, organizationId: true },
  });
  const [only] = rows;
  if (!only || rows.length > 1)
    throw new Error(`${rows.length} seeded vehicles have plate ${plate}`);
  return only;
}
