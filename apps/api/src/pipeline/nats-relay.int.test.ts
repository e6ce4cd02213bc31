import { randomBytes, randomUUID } from 'node:crypto';
import type { Alert, DispatchJobChange, Fix } from '@harbor/shared';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { busFix } from '../../test/fleet-fixes.ts';
import { alertCodec, jobChangeCodec, type RelayCodec } from './live-codecs.ts';
import {
  ControlChannel,
  fixRelayIn,
  fixRelayOut,
  liveSubjects,
  RelayedTopic,
} from './nats-relay.ts';

// Against the real NATS server named by NATS_URL (CI: nats://127.0.0.1:4222). Two connections
// stand for two api processes; every test has its own subject prefix.
const NATS_URL = process.env.NATS_URL;

const counterCodec: RelayCodec<{ n: number }> = {
  encode: (item) => item,
  decode: (value) =>
    typeof value === 'object' && value !== null && typeof (value as { n?: unknown }).n === 'number'
      ? { n: (value as { n: number }).n }
      : null,
};

const alert = (message: string): Alert => ({
  id: randomUUID(),
  organizationId: randomUUID(),
  ruleId: randomUUID(),
  kind: 'SPEEDING',
  severity: 'WARNING',
  assetKind: 'VEHICLE',
  assetKey: '013800000001',
  zoneId: null,
  message,
  data: { speedKnots: 40, limitKnots: 30, speedKmh: 74.1, limitKmh: 55.6 },
  raisedAt: '2026-11-25T02:00:00.000Z',
  acknowledgedAt: null,
  acknowledgedById: null,
  asset: { kind: 'VEHICLE', key: '013800000001', plate: '沪DF00012', name: null, mmsi: null },
  zone: null,
  rule: { id: randomUUID(), name: 'Yard speed', nameZh: '堆场限速' },
  acknowledgedBy: null,
  acknowledgeComment: null,
});

const zone = { id: randomUUID(), code: 'YS-A', name: 'Yangshan A', nameZh: '洋山A' };
const jobChange = (status: 'ASSIGNED' | 'EN_ROUTE_PICKUP'): DispatchJobChange => ({
  job: {
    id: randomUUID(),
    organizationId: randomUUID(),
    reference: 'JOB-1',
    kind: 'CONTAINER_MOVE',
    status,
    containerNumber: 'MSCU1234565',
    pickupZone: zone,
    dropoffZone: zone,
    windowStart: '2026-11-25T02:00:00.000Z',
    windowEnd: '2026-11-25T06:00:00.000Z',
    vehicle: { id: randomUUID(), plate: '沪DF00012' },
    driver: null,
    deliveredAt: null,
    requiresProofPhoto: false,
    note: null,
    createdAt: '2026-11-25T01:00:00.000Z',
    updatedAt: '2026-11-25T02:00:00.000Z',
  },
  event: {
    id: randomUUID(),
    fromStatus: 'ASSIGNED',
    toStatus: status,
    at: '2026-11-25T02:00:00.000Z',
    actorKind: 'GEOFENCE',
    actorUser: null,
    note: null,
    position: { lat: 30.62, lon: 122.07 },
  },
});

const fix = busFix;

/** A fix as the relay writes it: times as epoch milliseconds. */
const wire = (f: Fix) => ({ ...f, fixAt: f.fixAt.getTime(), receivedAt: f.receivedAt.getTime() });

describe.runIf(NATS_URL)('the NATS live relay', () => {
  let a: NatsConnection;
  let b: NatsConnection;
  let prefix: string;
  const closers: (() => unknown)[] = [];

  beforeEach(async () => {
    prefix = `test.${randomBytes(4).toString('hex')}`;
    a = await connect({ servers: NATS_URL, name: 'relay-test-a' });
    b = await connect({ servers: NATS_URL, name: 'relay-test-b' });
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await a.close();
    await b.close();
  });

  /** A topic on the subject for each process, closed after the test. */
  const topics = async <T>(subject: string, codec: RelayCodec<T>) => {
    const onA = new RelayedTopic(a, subject, codec);
    const onB = new RelayedTopic(b, subject, codec);
    closers.push(
      () => onA.close(),
      () => onB.close(),
    );
    await Promise.all([onA.start(), onB.ready]);
    return [onA, onB] as const;
  };

  it("hands every item published on one process to the subscribers of both, once each, in the publisher's order", async () => {
    const [onA, onB] = await topics(`${prefix}.counter`, counterCodec);
    const heardOnA: number[] = [];
    const heardOnB: number[] = [];
    const alsoOnB: number[] = [];
    onA.subscribe((item) => heardOnA.push(item.n));
    onB.subscribe((item) => heardOnB.push(item.n));
    onB.subscribe((item) => alsoOnB.push(item.n));
    const sent = Array.from({ length: 1000 }, (_, n) => n);
    for (const n of sent) onA.publish({ n });
    // A last item: once it arrives, no earlier one is still on its way to be heard twice.
    onA.publish({ n: -1 });
    await vi.waitFor(() => {
      expect(heardOnA.at(-1)).toBe(-1);
      expect(heardOnB.at(-1)).toBe(-1);
      expect(alsoOnB.at(-1)).toBe(-1);
    });
    expect(heardOnA).toEqual([...sent, -1]);
    expect(heardOnB).toEqual([...sent, -1]);
    expect(alsoOnB).toEqual([...sent, -1]);
    expect(onA.stats()).toMatchObject({ published: 1001, delivered: 1001, malformed: 0 });
    expect(onB.stats()).toMatchObject({ published: 0, delivered: 1001, malformed: 0 });
  });

  it('is a Topic: `listen` on another process reads what was published, and an alert arrives as it was sent', async () => {
    const subject = liveSubjects(prefix).alerts;
    const [onA, onB] = await topics(subject, alertCodec);
    const stop = new AbortController();
    const reading = onB.listen(stop.signal);
    const first = alert('truck over the yard limit');
    const second = alert('truck over the yard limit again');
    onA.publish(first);
    onA.publish(second);
    expect((await reading.next()).value).toEqual(first);
    expect((await reading.next()).value).toEqual(second);
    stop.abort();
    expect(onB.subscribers).toBe(0);
  });

  it('counts and skips what is not an item, and hears the good items after it', async () => {
    const subject = liveSubjects(prefix).jobChanges;
    const [onA, onB] = await topics(subject, jobChangeCodec);
    const heard: DispatchJobChange[] = [];
    onB.subscribe((change) => heard.push(change));
    const good = jobChange('EN_ROUTE_PICKUP');
    // Not JSON; JSON but not a job change; a job change with a status that does not exist.
    a.publish(subject, '{"job":');
    a.publish(subject, JSON.stringify({ hello: 'world' }));
    a.publish(subject, JSON.stringify({ ...good, event: { ...good.event, toStatus: 'FLYING' } }));
    onA.publish(good);
    await vi.waitFor(() => expect(heard).toHaveLength(1));
    expect(heard[0]).toEqual(good);
    expect(onB.stats()).toMatchObject({ delivered: 1, malformed: 3 });
    expect(onA.stats()).toMatchObject({ delivered: 1, malformed: 3 });
  });

  it('keeps a subscriber that throws from stopping the relay', async () => {
    const [onA, onB] = await topics(`${prefix}.counter`, counterCodec);
    const heard: number[] = [];
    onB.subscribe((item) => {
      if (item.n === 1) throw new Error('a broken subscriber');
      heard.push(item.n);
    });
    for (const n of [1, 2, 3]) onA.publish({ n });
    await vi.waitFor(() => expect(heard).toEqual([2, 3]));
    expect(onB.stats()).toMatchObject({ delivered: 3, failed: 1 });
  });

  it('sends accepted fixes in few messages and delivers every one, with its dates, on the other process', async () => {
    const subjects = liveSubjects(prefix);
    const received: Fix[][] = [];
    const relayIn = fixRelayIn(b, subjects, (fixes) => received.push(fixes));
    const relayOut = fixRelayOut(a, subjects);
    closers.push(
      () => relayIn.close(),
      () => relayOut.close(),
    );
    await relayIn.ready;
    const fixes = Array.from({ length: 2550 }, (_, i) => fix(i));
    // 50 reports of one fix each, then one call of 2,500: 1 message, then 1,000 + 1,000 + 550.
    for (const f of fixes.slice(0, 50)) relayOut.onAccepted([f]);
    relayOut.onAccepted(fixes.slice(50));
    await relayOut.flush();
    await vi.waitFor(() => expect(relayIn.stats().fixes).toBe(2550));
    expect(received.flat()).toEqual(fixes);
    expect(received.map((batch) => batch.length)).toEqual([1000, 1000, 550]);
    expect(relayOut.stats()).toEqual({ messages: 3, fixes: 2550, unsent: 0, unheard: 0 });
    expect(relayIn.stats()).toMatchObject({ messages: 3, malformedMessages: 0, malformedFixes: 0 });
  });

  it('sends a trickle of fixes without being flushed', async () => {
    const subjects = liveSubjects(prefix);
    const received: Fix[] = [];
    const relayIn = fixRelayIn(b, subjects, (fixes) => received.push(...fixes));
    const relayOut = fixRelayOut(a, subjects, { maxWaitMs: 5 });
    closers.push(
      () => relayIn.close(),
      () => relayOut.close(),
    );
    await relayIn.ready;
    relayOut.onAccepted([fix(1), fix(2)]);
    relayOut.onAccepted([fix(3)]);
    await vi.waitFor(() => expect(received).toEqual([fix(1), fix(2), fix(3)]));
    expect(relayOut.stats().messages).toBe(1);
  });

  it('packs no fixes while no other process listens, and sends again as soon as one does', async () => {
    const subjects = liveSubjects(prefix);
    // What goes on the fixes subject, heard by a plain subscription that is no listener.
    const onTheWire: Uint8Array[] = [];
    const plain = b.subscribe(subjects.fixes, {
      callback: (error, message) => {
        if (!error) onTheWire.push(message.data);
      },
    });
    closers.push(() => plain.unsubscribe());
    await b.flush();
    const beatMs = 20;
    const relayOut = fixRelayOut(a, subjects, { maxWaitMs: 1, beatMs });
    closers.push(() => relayOut.close());

    // Sent at first, before anyone could have said they listen; then no more.
    relayOut.onAccepted([fix(0)]);
    await relayOut.flush();
    await vi.waitFor(() => expect(onTheWire).toHaveLength(1));
    let n = 1;
    await vi.waitFor(() => {
      relayOut.onAccepted([fix(n++)]);
      expect(relayOut.stats().unheard).toBeGreaterThan(0);
    });
    const { messages, fixes: sent } = relayOut.stats();
    relayOut.onAccepted([fix(n++), fix(n++)]);
    await relayOut.flush();
    await b.flush();
    expect(relayOut.stats()).toMatchObject({ messages, fixes: sent, unsent: 0 });
    expect(relayOut.stats().unheard).toBe(n - sent);
    expect(onTheWire).toHaveLength(messages);

    // An api process starts listening: its first beat comes with its subscription.
    const beats: number[] = [];
    const beatCounter = a.subscribe(subjects.fixListeners, {
      callback: () => {
        beats.push(1);
      },
    });
    closers.push(() => beatCounter.unsubscribe());
    await a.flush();
    const received: Fix[] = [];
    const relayIn = fixRelayIn(b, subjects, (fixes) => received.push(...fixes), { beatMs });
    closers.push(() => relayIn.close());
    await relayIn.ready;
    await vi.waitFor(() => {
      relayOut.onAccepted([fix(n++)]);
      expect(received.length).toBeGreaterThan(0);
    });
    // Every fix from the first heard on, in order; none lost after it.
    await vi.waitFor(() => expect(received.at(-1)).toEqual(fix(n - 1)));
    const first = n - received.length;
    expect(received).toEqual(Array.from({ length: received.length }, (_, i) => fix(first + i)));

    // It keeps beating: heard still when its first beat is out of date (more than three
    // beats ago), so a later one was heard.
    await vi.waitFor(() => expect(beats.length).toBeGreaterThan(4));
    await vi.waitFor(() => {
      relayOut.onAccepted([fix(n++)]);
      expect(received.at(-1)).toEqual(fix(n - 2));
    });
    const unheard = relayOut.stats().unheard;

    // It stops (its process goes): the gateway stops sending again.
    relayIn.close();
    await vi.waitFor(() => {
      relayOut.onAccepted([fix(n++)]);
      expect(relayOut.stats().unheard).toBeGreaterThan(unheard);
    });
  });

  it("does not take its own process's listener for another's", async () => {
    // One process's relay connection, without echo, as cluster.ts makes it.
    const own = await connect({ servers: NATS_URL, name: 'relay-test-own', noEcho: true });
    closers.push(() => own.close());
    const subjects = liveSubjects(prefix);
    const relayIn = fixRelayIn(own, subjects, () => undefined, { beatMs: 20 });
    const relayOut = fixRelayOut(own, subjects, { beatMs: 20 });
    closers.push(
      () => relayIn.close(),
      () => relayOut.close(),
    );
    await relayIn.ready;
    let n = 0;
    await vi.waitFor(() => {
      relayOut.onAccepted([fix(n++)]);
      expect(relayOut.stats().unheard).toBeGreaterThan(0);
    });
  });

  it('keeps the good fixes of a message and drops the malformed one; skips a message that is no list', async () => {
    const subjects = liveSubjects(prefix);
    const subject = subjects.fixes;
    const received: Fix[][] = [];
    const relayIn = fixRelayIn(b, subjects, (fixes) => received.push(fixes));
    closers.push(() => relayIn.close());
    await relayIn.ready;
    const fromTheFuture = { ...wire(fix(2)), fixAt: fix(2).receivedAt.getTime() + 3_600_000 };
    a.publish(subject, 'not json');
    a.publish(subject, JSON.stringify({ fixes: [wire(fix(0))] }));
    a.publish(
      subject,
      JSON.stringify([
        wire(fix(0)),
        { ...wire(fix(1)), lat: 'north' },
        // A time is a MessagePack timestamp, or in JSON milliseconds or an ISO string.
        { ...wire(fix(2)), fixAt: 'the day before yesterday' },
        fromTheFuture,
        null,
        wire(fix(3)),
        { ...wire(fix(4)), assetKey: 'truck 4' },
        { ...wire(fix(5)), status: 'x'.repeat(65) },
        { ...wire(fix(6)), speedKnots: undefined },
        { ...wire(fix(7)), source: 'TELEX' },
        // Fields the contract does not have do not ride along.
        { ...wire(fix(8)), organizationId: 'another company', note: '<script>' },
      ]),
    );
    await vi.waitFor(() => expect(relayIn.stats().messages).toBe(1));
    expect(received).toEqual([[fix(0), fix(3), fix(8)]]);
    expect(Object.keys(received[0]?.[2] ?? {}).sort()).toEqual(Object.keys(fix(8)).sort());
    expect(relayIn.stats()).toEqual({
      messages: 1,
      fixes: 3,
      malformedMessages: 2,
      malformedFixes: 8,
      failed: 0,
    });
  });

  it('tells the other process that zones or alert rules changed', async () => {
    const onA = new ControlChannel(a, { prefix });
    const onB = new ControlChannel(b, { prefix });
    closers.push(
      () => onA.close(),
      () => onB.close(),
    );
    const heard: string[] = [];
    let zonesReloaded!: () => void;
    const reloaded = new Promise<void>((resolve) => {
      zonesReloaded = resolve;
    });
    onB.on('zones', async () => {
      heard.push('zones');
      zonesReloaded();
    });
    onB.on('rules', () => heard.push('rules'));
    const stopRejecting = onB.on('rules', () => Promise.reject(new Error('reload failed')));
    await onB.ready();
    expect(onB.subject('zones')).toBe(`${prefix}.control.zones`);

    onA.rulesChanged();
    onA.zonesChanged();
    await reloaded;
    expect(heard).toEqual(['rules', 'zones']);
    await vi.waitFor(() => expect(onB.stats().failed).toBe(1));

    // Another cluster's prefix is not heard.
    stopRejecting();
    new ControlChannel(a, { prefix: `${prefix}.other` }).zonesChanged();
    onA.rulesChanged();
    await vi.waitFor(() => expect(heard).toEqual(['rules', 'zones', 'rules']));
    expect(onB.stats()).toMatchObject({ received: 4, failed: 1 });
  });
});
