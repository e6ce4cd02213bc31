import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterEach, describe, expect, it } from 'vitest';
import { PartitionLeases, wantedPartitions } from './partition-leases.ts';

// Trackers sharing the fix stream's partitions through leases in a JetStream key-value
// bucket, on the real NATS server named by NATS_URL (CI: nats://127.0.0.1:4222).
const NATS_URL = process.env.NATS_URL;
const PARTITIONS = 8;

describe('the partitions each of several trackers wants', () => {
  it('deals every partition to exactly one member', () => {
    for (const members of [1, 2, 3, 5, 8, 11]) {
      const dealt = Array.from({ length: members }, (_, i) =>
        wantedPartitions(PARTITIONS, members, i),
      ).flat();
      expect(dealt.sort((a, b) => a - b)).toEqual([...Array(PARTITIONS).keys()]);
    }
  });
});

describe.runIf(NATS_URL)('partition leases on JetStream key-value', () => {
  const bucket = `HARBOR_LEASES_TEST_${randomBytes(4).toString('hex')}`;
  const connections: NatsConnection[] = [];
  const running: PartitionLeases[] = [];
  /** Who consumes each partition now, as the trackers are told; an overlap fails the test. */
  const holder = new Map<number, string>();
  const overlaps: string[] = [];

  const tracker = async (name: string) => {
    const nc = await connect({ servers: NATS_URL });
    connections.push(nc);
    const leases = await PartitionLeases.start(nc, {
      bucket,
      partitions: PARTITIONS,
      leaseMs: 1_500,
      memberId: name,
      async onChange({ gained, lost }) {
        for (const p of lost) if (holder.get(p) === name) holder.delete(p);
        for (const p of gained) {
          const other = holder.get(p);
          if (other !== undefined && other !== name) overlaps.push(`${p}: ${other} and ${name}`);
          holder.set(p, name);
        }
      },
    });
    running.push(leases);
    return { nc, leases };
  };
  const owners = () =>
    [...holder.values()].reduce<Record<string, number>>((counts, name) => {
      counts[name] = (counts[name] ?? 0) + 1;
      return counts;
    }, {});

  afterEach(async () => {
    for (const leases of running.splice(0)) await leases.close().catch(() => undefined);
    const [nc] = connections;
    if (nc && !nc.isClosed()) {
      const jsm = await jetstreamManager(nc);
      await jsm.streams.delete(`KV_${bucket}`).catch(() => false);
    }
    for (const c of connections.splice(0)) await c.close().catch(() => undefined);
    holder.clear();
  });

  it('shares the partitions when a tracker joins and takes them all back when one dies', async () => {
    const a = await tracker('a');
    expect(a.leases.stats().owned).toEqual([...Array(PARTITIONS).keys()]);

    const b = await tracker('b');
    // A gives back the partitions B wants within a round or two; B takes them.
    await expect
      .poll(() => owners(), { timeout: 30_000, interval: 100 })
      .toEqual({ a: PARTITIONS / 2, b: PARTITIONS / 2 });
    expect(a.leases.stats().owned).toEqual([0, 2, 4, 6]);
    expect(b.leases.stats().owned).toEqual([1, 3, 5, 7]);

    // B's process dies: it renews nothing and gives nothing back; its leases expire (1.5 s)
    // and the survivor's next round takes them.
    await b.nc.close();
    await expect
      .poll(() => a.leases.stats().owned.length, { timeout: 30_000, interval: 100 })
      .toBe(PARTITIONS);
    expect(overlaps).toEqual([]);
  }, 60_000);

  it('gives its partitions back at once when it stops', async () => {
    const a = await tracker('a');
    const b = await tracker('b');
    await expect.poll(() => b.leases.stats().owned.length, { timeout: 30_000 }).toBe(4);
    await b.leases.close();
    running.splice(running.indexOf(b.leases), 1);
    await expect.poll(() => a.leases.stats().owned.length, { timeout: 30_000 }).toBe(PARTITIONS);
    expect(overlaps).toEqual([]);
  }, 60_000);
});
