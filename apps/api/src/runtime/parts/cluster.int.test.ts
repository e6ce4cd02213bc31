import { randomBytes } from 'node:crypto';
import type { Fix } from '@harbor/shared';
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { busFix } from '../../../test/fleet-fixes.ts';
import type { Role } from '../../env.ts';
import { type Cluster, startCluster } from './cluster.ts';

// Two processes' cluster links on the real NATS server named by NATS_URL (CI:
// nats://127.0.0.1:4222), each test on a stream name (so subjects) of its own.
const NATS_URL = process.env.NATS_URL;

describe.runIf(NATS_URL)("the cluster's fix relay", () => {
  const started: Cluster[] = [];
  afterEach(async () => {
    for (const cluster of started.splice(0)) await cluster.stop();
  });

  const start = async (busStream: string, roles: Role[]) => {
    const cluster = await startCluster({
      config: { busStream, busUrl: NATS_URL as string },
      roles: new Set(roles),
      logger: pino({ level: 'silent' }),
    });
    started.push(cluster);
    return cluster;
  };

  it('hands a process the fixes the others accepted, never its own back (it has them already)', async () => {
    const stream = `RELAY_${randomBytes(4).toString('hex')}`;
    const a = await start(stream, ['gateway', 'api']);
    const b = await start(stream, ['gateway', 'api']);
    const heard = { a: [] as Fix[], b: [] as Fix[] };
    const onA = a.listenToFixes((fixes) => heard.a.push(...fixes));
    const onB = b.listenToFixes((fixes) => heard.b.push(...fixes));
    await Promise.all([onA.ready, onB.ready]);

    a.fixesOut.onAccepted([busFix(1), busFix(2)]);
    await a.fixesOut.flush();
    await vi.waitFor(() => expect(heard.b).toEqual([busFix(1), busFix(2)]));
    // B answers once it has A's fixes. The server had sent A its echo, if any, before that:
    // so when B's fix reaches A, A must have heard nothing else.
    b.fixesOut.onAccepted([busFix(3)]);
    await b.fixesOut.flush();
    await vi.waitFor(() => expect(heard.a).toEqual([busFix(3)]));
    expect(heard.b).toEqual([busFix(1), busFix(2)]);
    expect(onA.stats()).toMatchObject({ messages: 1, fixes: 1 });
    expect(onB.stats()).toMatchObject({ messages: 1, fixes: 2 });
  });
});
