import { connect, type Socket } from 'node:net';
import { hashPassword } from '@harbor/db';
import { testDbTargets } from '@harbor/db/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/domains/auth/api-keys.ts';
import { FairGate } from '../../src/edges/trpc/fair-gate.ts';
import { buildWorld, type World } from '../fixtures.ts';
import { serve } from '../serve.ts';
import { testApp } from '../services.ts';
import { until } from '../until.ts';

// A careless or hostile client against tRPC: a body too large is refused before it is read,
// and one user's big batch cannot keep another user's call waiting behind it.

const PASSWORD = 'correct horse battery';
/** A chunked sender stops here if no answer came: far past any limit of Harbor's. */
const GIVE_UP_AFTER_BYTES = 24 * 1024 * 1024;

/**
 * The status line and headers of the first answer on a raw socket, and everything the
 * server sent once it closed the connection.
 */
function answerOn(socket: Socket): Promise<{ head: string; whole: Promise<string> }> {
  let received = '';
  const whole = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  return new Promise((resolve, reject) => {
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      if (end >= 0) resolve({ head: received.slice(0, end), whole });
    });
    socket.once('error', reject);
    socket.once('close', () => reject(new Error(`closed before an answer: ${received}`)));
  });
}

async function rawSocket(base: string): Promise<Socket> {
  const { hostname, port } = new URL(base);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  return socket;
}

describe.each(testDbTargets())('tRPC under a hostile load on %s', (target) => {
  let world: World;
  let base: string;
  let close: () => Promise<void>;
  const started: string[] = [];
  let onQueued: (client: string) => void = () => {};
  const gate = new FairGate({
    concurrency: 1,
    maxQueuedPerClient: 15,
    onStarted: (client) => started.push(client),
    onQueued: (client) => onQueued(client),
  });

  beforeAll(async () => {
    world = await buildWorld(target, await hashPassword(PASSWORD));
    await world.db.prisma.vessel.create({
      data: { mmsi: 477123400, name: 'COSCO SHIPPING ARIES' },
    });
    const { app } = testApp({
      db: world.db,
      logger: pino({ level: 'silent' }),
      sessionTtlMs: 3_600_000,
      cookieSecure: false,
      gate,
    });
    ({ base, close } = await serve(app));
  });
  afterAll(async () => {
    await close();
    await world.db.drop();
  });

  /** A user's session cookie, from logging in as the web does. */
  const cookieOf = async (email: string) => {
    const login = await fetch(`${base}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    return (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  };

  /**
   * The clients of the next `count` calls to queue in the gate (only `client`'s, when given),
   * once that many have.
   */
  const nextQueued = (count: number, client?: string) =>
    new Promise<string[]>((resolve) => {
      const queued: string[] = [];
      onQueued = (queuedClient) => {
        if (client !== undefined && queuedClient !== client) return;
        queued.push(queuedClient);
        if (queued.length === count) resolve(queued);
      };
    });

  /** Holds the gate's one slot until the test lets go, so what comes next queues. */
  const holdGate = () => {
    let release = () => {};
    const holder = gate.run('holder', () => new Promise<void>((resolve) => (release = resolve)));
    return { holder, release: () => release() };
  };

  it('answers 413 to a body declared too large without reading a byte of it, and closes', async () => {
    const socket = await rawSocket(base);
    const answer = answerOn(socket);
    // Only the headers: the 100 MB body is never sent, so an answer proves it was not read.
    socket.write(
      'POST /trpc/auth.login HTTP/1.1\r\nHost: harbor\r\nContent-Type: application/json\r\n' +
        'Content-Length: 104857600\r\n\r\n',
    );
    const { head, whole } = await answer;
    expect(head).toMatch(/^HTTP\/1\.1 413 /);
    expect(head).toMatch(/\r\nconnection: close\r\n/i);
    // The server closes the connection after its answer.
    expect(await whole).toContain('body too large (1 MB at most)');
  });

  it('answers 413 to a procedure over its 1 MB, but lets a file import send its file', async () => {
    const oneMbAndOne = 1024 * 1024 + 1;
    const plain = await fetch(`${base}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'x'.repeat(oneMbAndOne), password: 'p' }),
    });
    expect(plain.status).toBe(413);
    const csv = `reference,kind,container number,pickup zone code,drop-off zone code,window start,window end,note\r\n${'J1,,,A,B,2026-11-26T09:00:00Z,2026-11-26T10:00:00Z,\r\n'.repeat(30_000)}`;
    expect(csv.length).toBeGreaterThan(oneMbAndOne);
    const file = await fetch(`${base}/trpc/dispatch.import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ csv }),
    });
    // Read, parsed and refused for want of a login: not for its size.
    expect(file.status).toBe(401);
  });

  it('stops reading a chunked body at the limit and answers 413', async () => {
    const socket = await rawSocket(base);
    const answer = answerOn(socket);
    socket.write(
      'POST /trpc/auth.login HTTP/1.1\r\nHost: harbor\r\nContent-Type: application/json\r\n' +
        'Transfer-Encoding: chunked\r\n\r\n',
    );
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const frame = Buffer.concat([
      Buffer.from(`${chunk.length.toString(16)}\r\n`),
      chunk,
      Buffer.from('\r\n'),
    ]);
    let sent = 0;
    let answered = false;
    void answer.then(() => {
      answered = true;
    });
    // Sends until the answer comes, pausing when the socket is full.
    while (!answered && sent < GIVE_UP_AFTER_BYTES) {
      sent += chunk.length;
      if (socket.write(frame)) await new Promise((resolve) => setImmediate(resolve));
      else await Promise.race([new Promise((resolve) => socket.once('drain', resolve)), answer]);
    }
    const { head, whole } = await answer;
    expect(head).toMatch(/^HTTP\/1\.1 413 /);
    expect(sent).toBeLessThan(GIVE_UP_AFTER_BYTES);
    // The procedure's own 1 MB, not the adapter's larger backstop; then the server closes.
    expect(await whole).toContain('body too large (1 MB at most)');
  });

  it("lets B's one call through before A's big batch drains, and refuses A's calls past its queue", async () => {
    const userA = await cookieOf('portoperator@test.harbor.local');
    const userB = await cookieOf('dhcldispatcher@test.harbor.local');
    const idOf = async (email: string) =>
      `user:${(await world.db.prisma.user.findUniqueOrThrow({ where: { email } })).id}`;
    const [keyA, keyB] = [
      await idOf('portoperator@test.harbor.local'),
      await idOf('dhcldispatcher@test.harbor.local'),
    ];

    // The one slot is held until the test lets go, so A's and B's calls all queue first.
    const { holder, release } = holdGate();

    const batch = 20;
    const paths = Array.from({ length: batch }, () => 'vessels.list').join(',');
    const input = Object.fromEntries(Array.from({ length: batch }, (_, i) => [i, {}]));
    const finished: string[] = [];
    const aQueued = nextQueued(15, keyA);
    const a = fetch(
      `${base}/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
      { headers: { cookie: userA } },
    ).then(async (response) => {
      finished.push('A');
      return (await response.json()) as { result?: unknown; error?: { data: { code: string } } }[];
    });
    await aQueued;
    const bQueued = nextQueued(1, keyB);
    const b = fetch(`${base}/trpc/vessels.list?input=${encodeURIComponent('{}')}`, {
      headers: { cookie: userB },
    }).then(async (response) => {
      finished.push('B');
      return response.status;
    });
    await bQueued;
    started.length = 0;
    release();
    await holder;

    expect(await b).toBe(200);
    const answers = await a;
    // B's call ran second, right after the first of A's; its answer came before A's batch.
    expect(started.indexOf(keyB)).toBe(1);
    expect(finished).toEqual(['B', 'A']);
    // A may have 15 calls waiting: the other 5 of its 20 were refused at once.
    expect(answers.filter((answer) => answer.result !== undefined)).toHaveLength(15);
    expect(
      answers.filter((answer) => answer.error?.data.code === 'TOO_MANY_REQUESTS'),
    ).toHaveLength(5);
  });

  it('queues the DCSA events and the CSV report in the same gate, by organization and user', async () => {
    const { key } = await createApiKey(world, world.users.portAdmin, { name: 'integrator' });
    const cookie = await cookieOf('dhcldispatcher@test.harbor.local');

    const { holder, release } = holdGate();
    const bothQueued = nextQueued(2);
    const events = fetch(`${base}/v2/events`, { headers: { authorization: `Bearer ${key}` } });
    const csv = fetch(
      `${base}/reports/vehicles.csv?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z`,
      { headers: { cookie } },
    );
    const queued = await bothQueued;
    release();
    await holder;
    expect(queued.sort()).toEqual([
      `organization:${world.organizations.port.id}`,
      `user:${world.users.dhclDispatcher.id}`,
    ]);
    expect((await events).status).toBe(200);
    expect((await csv).status).toBe(200);
  });

  it('drops the calls and downloads of a client who left while they waited: none of them runs', async () => {
    const { key } = await createApiKey(world, world.users.portAdmin, { name: 'gone integrator' });
    const cookie = await cookieOf('dhcldispatcher@test.harbor.local');

    const { holder, release } = holdGate();
    const allQueued = nextQueued(4);
    const leave = new AbortController();
    const requests = [
      fetch(`${base}/trpc/vessels.list?input=${encodeURIComponent('{}')}`, {
        headers: { cookie },
        signal: leave.signal,
      }),
      fetch(`${base}/reports/vehicles.csv?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z`, {
        headers: { cookie },
        signal: leave.signal,
      }),
      fetch(`${base}/v2/events`, {
        headers: { authorization: `Bearer ${key}` },
        signal: leave.signal,
      }),
      // A driver's proof-of-delivery page: its link is looked up in the address's turn.
      fetch(`${base}/api/pod/a-link-nobody-waits-for`, { signal: leave.signal }),
    ].map((request) => request.catch((error: Error) => error.name));
    await allQueued;
    const { abandoned } = gate.stats;
    leave.abort();
    expect(await Promise.all(requests)).toEqual(Array(4).fill('AbortError'));
    // Each left the queue when Harbor saw its connection close, before any slot was free.
    await until(() => gate.stats.abandoned === abandoned + 4);
    expect(gate.stats.queued).toBe(0);
    started.length = 0;
    release();
    await holder;
    // The next call runs at once: nothing the leaver queued ran before it.
    const after = await fetch(`${base}/trpc/vessels.list?input=${encodeURIComponent('{}')}`, {
      headers: { cookie },
    });
    expect(after.status).toBe(200);
    expect(started).toEqual([`user:${world.users.dhclDispatcher.id}`]);
  });
});
