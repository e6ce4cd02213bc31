import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../../test/serve.ts';
import { createWebRouter } from './web.ts';

const logger = pino({ level: 'silent' });

describe('serving the web admin', () => {
  let dir: string;
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'harbor-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    const app = express();
    app.get('/healthz', (_req, res) => {
      res.json({ status: 'ok' });
    });
    app.use(createWebRouter(dir, logger));
    ({ base, close } = await serve(app));
  });
  afterAll(async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the app for / and for client-side routes, never cached', async () => {
    for (const path of ['/', '/dispatch', '/yard/YSP4?block=Y01', '/reports?period=7d']) {
      const response = await fetch(`${base}${path}`, { headers: { accept: 'text/html' } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control')).toContain('no-cache');
      expect(await response.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets for a year, and a missing one as 404, not the app', async () => {
    const asset = await fetch(`${base}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('max-age=31536000');
    expect(await asset.text()).toBe('console.log(1)');
    expect((await fetch(`${base}/assets/gone.js`)).status).toBe(404);
  });

  it("leaves the api's own paths alone", async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const trpc = await fetch(`${base}/trpc/unknown.procedure`, {
      headers: { accept: 'text/html' },
    });
    expect(trpc.status).toBe(404);
    expect(await trpc.text()).not.toContain('<div id="root">');
    const csv = await fetch(`${base}/reports/vehicles.csv`, { headers: { accept: 'text/html' } });
    expect(csv.status).toBe(404);
  });

  it('says how to build the app when there is no build', async () => {
    const app = express();
    app.use(createWebRouter(join(dir, 'missing'), logger));
    const served = await serve(app);
    const response = await fetch(`${served.base}/`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('pnpm --filter @harbor/web build');
    await served.close();
  });
});
