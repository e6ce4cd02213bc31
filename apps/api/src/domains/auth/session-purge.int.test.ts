import { testDbTargets } from '@harbor/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type UserKey, type World } from '../../../test/fixtures.ts';
import { purgeEndedSessions, SessionPurge } from './session-purge.ts';

const NOW = new Date('2026-11-25T08:00:00Z');
const HOUR = 3_600_000;

describe.each(testDbTargets())('purging ended sessions on %s', (target) => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld(target);
  });
  afterAll(() => world.db.drop());

  const session = (user: UserKey, tokenHash: string, expiresInMs: number) =>
    world.db.prisma.session.create({
      data: {
        tokenHash,
        userId: world.users[user].id,
        createdAt: new Date(NOW.getTime() - HOUR),
        lastSeenAt: NOW,
        expiresAt: new Date(NOW.getTime() + expiresInMs),
      },
    });
  const remaining = async () =>
    (await world.db.prisma.session.findMany({ orderBy: { tokenHash: 'asc' } })).map(
      (row) => row.tokenHash,
    );

  it('deletes expired sessions and those of disabled users, and keeps the live ones', async () => {
    await session('portOperator', 'a-live', HOUR);
    await session('portOperator', 'b-expired', -1);
    await session('dhclViewer', 'c-expiring-now', 0);
    await session('lgftViewer', 'd-disabled', HOUR);
    await world.db.prisma.user.update({
      where: { id: world.users.lgftViewer.id },
      data: { isActive: false },
    });
    expect(await purgeEndedSessions({ db: world.db, now: () => NOW })).toBe(3);
    expect(await remaining()).toEqual(['a-live']);
  });

  it('runs at start and again every interval until stopped', async () => {
    const purge = new SessionPurge({ db: world.db, now: () => new Date(NOW.getTime() + 2 * HOUR) });
    purge.start({ everyMs: 20 });
    try {
      await expect.poll(() => purge.stats.runs).toBeGreaterThanOrEqual(2);
    } finally {
      purge.stop();
    }
    expect(purge.stats).toMatchObject({ purged: 1, failures: 0 });
    expect(await remaining()).toEqual([]);
  });
});
