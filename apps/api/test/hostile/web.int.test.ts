import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '@harbor/db';
import { createTestDb, testDbTargets } from '@harbor/db/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorld, type World } from '../fixtures.ts';
import { serve } from '../serve.ts';
import { testApp } from '../services.ts';

// A hostile page and a curious outsider against the web admin's edge: the browser is told
// to run only the admin's own code, never to frame it; another site's page cannot make a
// logged-in browser change anything; /metrics is for the scraper holding its token.

const PASSWORD = 'correct horse battery';
const METRICS_TOKEN = 'scrape-me-7f3c9a1e5b2d4c6e';
const EVIL = 'https://evil.example';

describe.each(testDbTargets())('the web edge against hostile clients on %s', (target) => {
  let world: World;
  let webDir: string;
  const servers: { close(): Promise<void> }[] = [];

  const start = async (options: Partial<Parameters<typeof testApp>[0]> = {}) => {
    const { app } = testApp({
      db: world.db,
      logger: pino({ level: 'silent' }),
      sessionTtlMs: 3_600_000,
      cookieSecure: false,
      webDir,
      ...options,
    });
    const served = await serve(app);
    servers.push(served);
    return served.base;
  };

  let base: string;
  beforeAll(async () => {
    world = await buildWorld(target, await hashPassword(PASSWORD));
    webDir = mkdtempSync(join(tmpdir(), 'harbor-hostile-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><div id="root"></div>');
    base = await start({ metricsToken: METRICS_TOKEN });
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    rmSync(webDir, { recursive: true, force: true });
    await world.db.drop();
  });

  const logIn = async (origin: string) => {
    const response = await fetch(`${base}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ email: 'portoperator@test.harbor.local', password: PASSWORD }),
    });
    return { response, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
  };

  it('tells the browser to run only its own code and never to be framed, on the admin and the api', async () => {
    for (const path of ['/', '/dispatch', '/trpc/auth.me', '/healthz']) {
      const response = await fetch(`${base}${path}`, { headers: { accept: 'text/html' } });
      const csp = response.headers.get('content-security-policy') ?? '';
      const directives = new Map(
        csp.split(';').map((part) => {
          const [name = '', ...values] = part.trim().split(/\s+/);
          return [name, values] as const;
        }),
      );
      expect(directives.get('script-src'), path).toEqual(["'self'"]);
      expect(directives.get('script-src-attr'), path).toEqual(["'none'"]);
      expect(directives.get('style-src'), path).toEqual(["'self'"]);
      expect(directives.get('connect-src'), path).toEqual(["'self'"]);
      expect(directives.get('img-src'), path).toEqual([
        "'self'",
        'data:',
        'https://tile.openstreetmap.org',
      ]);
      expect(directives.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(directives.get('object-src'), path).toEqual(["'none'"]);
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
    }
  });

  it("allows the configured tile server's images, or none", async () => {
    const tiles = await start({ tileOrigin: 'https://*.tiles.example.com' });
    const none = await start({ tileOrigin: null });
    const china = await start({
      tileOrigin: 'https://tile.openstreetmap.org',
      baseMapOrigins: ['https://*.tianditu.gov.cn', 'https://*.is.autonavi.com'],
    });
    const imgSrc = async (at: string) =>
      /img-src ([^;]*)/.exec((await fetch(at)).headers.get('content-security-policy') ?? '')?.[1];
    expect(await imgSrc(`${tiles}/healthz`)).toBe("'self' data: https://*.tiles.example.com");
    expect(await imgSrc(`${none}/healthz`)).toBe("'self' data:");
    expect(await imgSrc(`${china}/healthz`)).toBe(
      "'self' data: https://tile.openstreetmap.org https://*.tianditu.gov.cn https://*.is.autonavi.com",
    );
  });

  it("refuses another site's page a login, and a logout with the victim's cookie, unless allow-listed", async () => {
    const forged = await logIn(EVIL);
    expect(forged.response.status).toBe(403);
    expect(forged.response.headers.get('set-cookie')).toBeNull();
    expect(((await forged.response.json()) as { error: string }).error).toMatch(
      /cross-origin request refused: https:\/\/evil\.example/,
    );

    const { response, cookie } = await logIn(base);
    expect(response.status).toBe(200);
    const forgeries: Record<string, string>[] = [
      { origin: EVIL },
      { referer: `${EVIL}/harbor-prize.html` },
      { origin: 'null' },
      // Same host name, another port: another origin.
      { origin: base.replace(/:\d+$/, ':1') },
    ];
    for (const headers of forgeries) {
      const logout = await fetch(`${base}/trpc/auth.logout`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', ...headers },
      });
      expect(logout.status, JSON.stringify(headers)).toBe(403);
    }
    const me = await fetch(`${base}/trpc/auth.me`, { headers: { cookie } });
    expect(me.status).toBe(200);

    // The admin's own page, and a script with no Origin at all (curl), may.
    const own = await fetch(`${base}/trpc/auth.logout`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', referer: `${base}/dispatch` },
    });
    expect(own.status).toBe(200);
    const script = await fetch(`${base}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'portoperator@test.harbor.local', password: PASSWORD }),
    });
    expect(script.status).toBe(200);

    // An allow-listed origin may; API-key routes (no cookie) are left to their keys.
    const allowing = await start({ allowedOrigins: ['https://admin.harbor.example'] });
    const fromAllowed = async (origin: string) =>
      (
        await fetch(`${allowing}/trpc/auth.login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin },
          body: JSON.stringify({ email: 'portoperator@test.harbor.local', password: PASSWORD }),
        })
      ).status;
    expect(await fromAllowed('https://admin.harbor.example')).toBe(200);
    expect(await fromAllowed(EVIL)).toBe(403);
    const ingesting = await start({ publishFixes: async () => {} });
    const ingest = await fetch(`${ingesting}/ingest/fixes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: EVIL },
      body: JSON.stringify({ fixes: [] }),
    });
    // No cookie authenticates ingest: without a key it is 401, whatever the Origin.
    expect(ingest.status).toBe(401);
  });

  it('answers a broken request or a failing route with a short JSON, never the error or its stack', async () => {
    const badPath = await fetch(`${base}/assets/%E0%A4%A`);
    expect(badPath.status).toBe(400);
    expect(await badPath.json()).toEqual({ error: 'bad request', code: 'request.refused' });

    // The CSV download over a database that is gone: its error names the database.
    const gone = await createTestDb(target);
    await gone.drop();
    const failing = await start({ db: gone });
    const csv = await fetch(`${failing}/reports/vehicles.csv`, {
      headers: { cookie: 'harbor_session=x' },
    });
    expect(csv.status).toBe(500);
    const text = await csv.text();
    expect(JSON.parse(text)).toEqual({ error: 'internal server error', code: 'server.failed' });
    expect(text).not.toMatch(/ at |\.ts|pglite|postgres/i);
  });

  it('serves /metrics only with its bearer token, and not at all without one configured', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${base}/metrics`, {
      headers: { authorization: 'Bearer scrape-me-0000000000000000' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const right = await fetch(`${base}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(right.status).toBe(200);
    expect(await right.text()).toMatch(/^harbor_http_requests_total\{/m);

    const untokened = await start();
    const hidden = await fetch(`${untokened}/metrics`);
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).not.toContain('harbor_');
  });
});
