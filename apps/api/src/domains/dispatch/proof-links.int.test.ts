import { testDbTargets } from '@harbor/db/testing';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectServedToThoseWhoSeeIt, expectTrpcError } from '../../../test/fixtures.ts';
import { serve } from '../../../test/serve.ts';
import { testApp } from '../../../test/services.ts';
import {
  at,
  buildDispatchWorld,
  type DispatchWorld,
  iso,
  T0,
} from '../../../test/worlds/dispatch.ts';
import { MAX_PHONE_PHOTOS } from './proof-links.ts';

// Proof of delivery from the driver's phone, over HTTP as the phone's page sends it: the
// company's dispatcher makes the job a link, the phone reads the job and uploads a photo
// with no session, and the photo is the job's on the board, served to those who see the job.

/** A real JPEG, as a phone's camera writes one (smaller). */
function phonePhoto(width = 96, height = 64): Uint8Array {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = (i / 4) % 256;
    data[i + 1] = 120;
    data[i + 2] = 200;
    data[i + 3] = 255;
  }
  return new Uint8Array(jpeg.encode({ data, width, height }, 75).data);
}

describe.each(testDbTargets())('proof of delivery from the driver’s phone on %s', (target) => {
  let world: DispatchWorld;
  let http: Awaited<ReturnType<typeof serve>>;
  let metrics: ReturnType<typeof testApp>['metrics'];
  let clock = T0;
  const now = () => clock;

  beforeAll(async () => {
    world = await buildDispatchWorld(target);
    const served = testApp({ db: world.db, now });
    metrics = served.metrics;
    http = await serve(served.app);
  }, 60_000);
  afterAll(async () => {
    await http?.close();
    await world?.db.drop();
  });

  const newJob = async (reference: string, plate?: string) => {
    const caller = world.with('dhclDispatcher', { now });
    const job = await caller.dispatch.create({
      reference,
      containerNumber: 'CSQU3054383',
      pickupZoneCode: 'YSP4-GATE',
      dropoffZoneCode: 'LCG-DEPOT',
      windowStart: iso(0),
      windowEnd: iso(120),
    });
    if (plate)
      await caller.dispatch.assign({ id: job.id, vehicleId: (await world.vehicle(plate)).id });
    return job;
  };
  const linkFor = (jobId: string) =>
    world.with('dhclDispatcher', { now }).dispatch.proofLink({ jobId });
  const tokens: string[] = [];
  const tokenOf = (url: string) => {
    const token = url.replace(/^\/pod\//, '');
    tokens.push(token);
    return token;
  };
  const summary = (token: string) => fetch(`${http.base}/api/pod/${token}`);
  const upload = (token: string, body: Uint8Array, query = '', type = 'image/jpeg') =>
    fetch(`${http.base}/api/pod/${token}/photo${query}`, {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    });
  const storedPhotos = () => world.db.prisma.deliveryPhoto.count();

  it('makes a link for the company’s own dispatcher only, for a day past the window', async () => {
    const job = await newJob('POD-PHONE-1');
    const link = await linkFor(job.id);
    expect(link.url).toMatch(/^\/pod\/[A-Za-z0-9_-]{43}$/);
    expect(link.expiresAt).toBe(new Date(at(120).getTime() + 24 * 3_600_000).toISOString());
    // Only the token's hash is kept.
    const row = await world.db.prisma.dispatchJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.proofLinkHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.proofLinkHash).not.toContain(tokenOf(link.url));

    await expectTrpcError(
      world.with('lgftDispatcher').dispatch.proofLink({ jobId: job.id }),
      'NOT_FOUND',
    );
    await expectTrpcError(
      world.with('portAdmin').dispatch.proofLink({ jobId: job.id }),
      'FORBIDDEN',
    );
    await expectTrpcError(
      world.with('dhclViewer').dispatch.proofLink({ jobId: job.id }),
      'FORBIDDEN',
    );
  });

  it('shows the phone the job, takes a JPEG with where the phone was, and the board has it', async () => {
    const job = await newJob('POD-PHONE-2', '沪D12345');
    const token = tokenOf((await linkFor(job.id)).url);

    const before = await summary(token);
    expect(before.status).toBe(200);
    expect(await before.json()).toEqual({
      reference: 'POD-PHONE-2',
      plate: '沪D12345',
      containerNumber: 'CSQU3054383',
      dropoffZone: {
        code: 'LCG-DEPOT',
        name: 'Luchaogang container depot',
        nameZh: '芦潮港集装箱堆场',
      },
      status: 'ASSIGNED',
      expiresAt: new Date(at(120).getTime() + 24 * 3_600_000).toISOString(),
      photoCount: 0,
    });

    const photo = phonePhoto();
    const answer = await upload(token, photo, '?lat=30.8661&lon=121.8942');
    expect(answer.status).toBe(201);
    const { id } = (await answer.json()) as { id: string };
    expect(await (await summary(token)).json()).toMatchObject({ photoCount: 1 });

    const detail = await world.with('dhclDispatcher').dispatch.get({ id: job.id });
    expect(detail.photos).toEqual([]);
    expect(detail.deliveryPhotos).toEqual([
      {
        id,
        dispatchJobId: job.id,
        uploadedAt: T0.toISOString(),
        lat: 30.8661,
        lon: 121.8942,
        sizeBytes: photo.byteLength,
        contentType: 'image/jpeg',
        url: `/media/delivery/${id}`,
      },
    ]);
    // The job's status is the truck's and the dispatcher's to change, not the photo's.
    expect(detail.status).toBe('ASSIGNED');
    // Port staff see the job, and its photo.
    expect(
      (await world.with('portViewer').dispatch.get({ id: job.id })).deliveryPhotos,
    ).toHaveLength(1);

    await expectServedToThoseWhoSeeIt(world, `${http.base}/media/delivery/${id}`, {
      bytes: photo,
      contentType: 'image/jpeg',
    });

    // Without a position (the driver said no), a minute later: stored all the same.
    clock = at(1);
    try {
      const unplaced = await upload(token, phonePhoto(32, 32));
      expect(unplaced.status).toBe(201);
      await unplaced.arrayBuffer();
    } finally {
      clock = T0;
    }
    const photos = (await world.with('dhclDispatcher').dispatch.get({ id: job.id })).deliveryPhotos;
    expect(photos.map((p) => [p.lat, p.lon])).toEqual([
      [30.8661, 121.8942],
      [null, null],
    ]);
  });

  it('refuses what is not a JPEG, too large a photo and a bad position, storing nothing', async () => {
    const job = await newJob('POD-PHONE-3');
    const token = tokenOf((await linkFor(job.id)).url);
    const stored = await storedPhotos();
    const refusal = async (response: Response, status: number, code: string) => {
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ code });
    };

    const page = new TextEncoder().encode('<html>not a photo</html>');
    await refusal(await upload(token, page), 400, 'proof-photo.not-jpeg');
    await refusal(await upload(token, phonePhoto(), '', 'image/png'), 400, 'proof-photo.not-jpeg');
    // Cut off on the way: no end of image.
    const whole = phonePhoto();
    await refusal(
      await upload(token, whole.subarray(0, whole.length - 100)),
      400,
      'proof-photo.not-jpeg',
    );
    await refusal(await upload(token, new Uint8Array()), 400, 'proof-photo.not-jpeg');
    await refusal(await upload(token, phonePhoto(), '?lat=91&lon=121'), 400, 'input.invalid');
    await refusal(await upload(token, phonePhoto(), '?lat=30.8'), 400, 'input.invalid');
    await refusal(await upload(token, phonePhoto(), '?lat=&lon='), 400, 'input.invalid');

    // Over 8 MB: by its Content-Length, before it is read; and sent in chunks, once read past it.
    const large = new Uint8Array(8 * 1024 * 1024 + 1);
    large.set(phonePhoto());
    await refusal(await upload(token, large), 413, 'request.body-too-large');
    const chunked = await fetch(`${http.base}/api/pod/${token}/photo`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg' },
      body: new ReadableStream({
        start(controller) {
          for (let sent = 0; sent <= 8 * 1024 * 1024; sent += 1024 * 1024)
            controller.enqueue(new Uint8Array(1024 * 1024));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    await refusal(chunked, 413, 'request.body-too-large');

    expect(await storedPhotos()).toBe(stored);
  });

  it('answers 404 to an unknown, replaced or expired link, and refuses a closed job', async () => {
    const job = await newJob('POD-PHONE-4');
    const old = tokenOf((await linkFor(job.id)).url);
    const stored = await storedPhotos();
    const notFound = async (response: Response) => {
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'proof-link.not-found' });
    };
    await notFound(await summary('x'.repeat(43)));
    await notFound(await summary('not-a-token'));
    await notFound(await upload('x'.repeat(43), phonePhoto()));

    // A new link replaces the old one.
    const token = tokenOf((await linkFor(job.id)).url);
    await notFound(await summary(old));
    await notFound(await upload(old, phonePhoto()));
    expect((await summary(token)).status).toBe(200);

    // A day after the window's end the link has expired.
    clock = new Date(at(120).getTime() + 24 * 3_600_000);
    try {
      await notFound(await summary(token));
      await notFound(await upload(token, phonePhoto()));
    } finally {
      clock = T0;
    }

    // A cancelled job takes no photo and gets no link; the page still says what became of it.
    await world
      .with('dhclDispatcher', { now })
      .dispatch.transition({ id: job.id, to: 'CANCELLED' });
    const closed = await upload(token, phonePhoto());
    expect(closed.status).toBe(400);
    expect(await closed.json()).toMatchObject({
      code: 'proof-link.job-closed',
      params: { status: 'CANCELLED' },
    });
    expect(await (await summary(token)).json()).toMatchObject({ status: 'CANCELLED' });
    await expectTrpcError(linkFor(job.id), 'BAD_REQUEST');
    expect(await storedPhotos()).toBe(stored);
  });

  it('takes at most twenty photos a job from phones, refusing the next before reading it', async () => {
    const job = await newJob('POD-PHONE-MANY');
    const token = tokenOf((await linkFor(job.id)).url);
    const photo = phonePhoto(16, 16);
    for (let i = 0; i < MAX_PHONE_PHOTOS; i++)
      expect((await upload(token, photo)).status).toBe(201);
    const refused = await upload(token, photo);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'proof-photo.too-many' });
    expect(await world.db.prisma.deliveryPhoto.count({ where: { dispatchJobId: job.id } })).toBe(
      MAX_PHONE_PHOTOS,
    );
  });

  it('makes a link last a day from now for a job whose window is over', async () => {
    const job = await newJob('POD-PHONE-5');
    clock = at(600);
    try {
      const link = await linkFor(job.id);
      expect(link.expiresAt).toBe(new Date(at(600).getTime() + 24 * 3_600_000).toISOString());
    } finally {
      clock = T0;
    }
  });

  it('never names a link’s token in its metrics, not even in a refusal before any route', async () => {
    const job = await newJob('POD-PHONE-20');
    const token = tokenOf((await linkFor(job.id)).url);
    const answers = [
      await summary(token),
      await upload(token, phonePhoto()),
      await upload(token, new Uint8Array([1, 2, 3])),
      // Refused by the edge from its Content-Length, before any route has matched.
      await upload(token, new Uint8Array(8 * 1024 * 1024 + 1)),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 201, 400, 413]);
    await Promise.all(answers.map((answer) => answer.arrayBuffer()));
    const text = await metrics.registry.metrics();
    expect(text).toContain('route="/api/pod/:token/photo",status="201"');
    expect(text).toContain('route="/api/pod/*",status="413"');
    for (const seen of tokens) expect(text).not.toContain(seen);
  });
});
