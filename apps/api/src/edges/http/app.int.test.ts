import { hashPassword } from '@harbor/db';
import { testDbTargets } from '@harbor/db/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type World } from '../../../test/fixtures.ts';
import { serve } from '../../../test/serve.ts';
import { testApp } from '../../../test/services.ts';

const METRICS_TOKEN = 'app-int-test-metrics-token';

describe.each(testDbTargets())('the HTTP face on %s', (target) => {
  let world: World;
  let close: () => Promise<void>;
  let base: string;

  beforeAll(async () => {
    world = await buildWorld(target, await hashPassword('correct horse battery'));
    await world.db.prisma.vessel.create({
      data: { mmsi: 477123400, name: 'COSCO SHIPPING ARIES' },
    });
    const { app } = testApp({
      db: world.db,
      logger: pino({ level: 'silent' }),
      sessionTtlMs: 3_600_000,
      cookieSecure: false,
      metricsToken: METRICS_TOKEN,
    });
    ({ base, close } = await serve(app));
  });
  afterAll(async () => {
    await close();
    await world.db.drop();
  });

  it('answers /healthz and /readyz', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: world.db.kind });
  });

  it('logs in with an httpOnly cookie, serves the session, and logs out', async () => {
    const login = await fetch(`${base}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'portoperator@test.harbor.local',
        password: 'correct horse battery',
      }),
    });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^harbor_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = setCookie.split(';')[0] ?? '';

    const vessels = await fetch(`${base}/trpc/vessels.list?input=${encodeURIComponent('{}')}`, {
      headers: { cookie },
    });
    expect(vessels.status).toBe(200);
    const body = (await vessels.json()) as { result: { data: { items: { mmsi: number }[] } } };
    expect(body.result.data.items.map((vessel) => vessel.mmsi)).toEqual([477123400]);

    const logout = await fetch(`${base}/trpc/auth.logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
    });
    expect(logout.status).toBe(200);
    expect(logout.headers.get('set-cookie')).toMatch(/harbor_session=;.*Expires=Thu, 01 Jan 1970/);
    const after = await fetch(`${base}/trpc/auth.me`, { headers: { cookie } });
    expect(after.status).toBe(401);
  });

  it('answers bad input with 400 and the field named in data.fieldErrors', async () => {
    const response = await fetch(`${base}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nope', password: '' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { message: string; data: { fieldErrors: Record<string, string[]>; stack?: string } };
    };
    expect(Object.keys(body.error.data.fieldErrors).sort()).toEqual(['email', 'password']);
    expect(body.error.message).toMatch(/^email: .*password: password is required$/);
    // No stack trace leaves the server.
    expect(body.error.data.stack).toBeUndefined();
  });

  it('exposes Prometheus metrics, counting requests and procedure errors', async () => {
    await fetch(`${base}/trpc/auth.me`);
    const response = await fetch(`${base}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toMatch(
      /^harbor_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+$/m,
    );
    expect(text).toMatch(
      /^harbor_trpc_errors_total\{code="UNAUTHORIZED",path="auth.me"\} [1-9]\d*$/m,
    );
    expect(text).toMatch(/^harbor_process_cpu_user_seconds_total /m);
  });

  it('answers /readyz with 503 once the database is gone', async () => {
    const { app } = testApp({
      db: {
        ...world.db,
        sql: { ...world.db.sql, query: () => Promise.reject(new Error('connection refused')) },
      },
      logger: pino({ level: 'silent' }),
      sessionTtlMs: 3_600_000,
      cookieSecure: false,
    });
    const broken = await serve(app);
    const response = await fetch(`${broken.base}/readyz`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { status: string }).status).toBe('unavailable');
    await broken.close();
  });
});
