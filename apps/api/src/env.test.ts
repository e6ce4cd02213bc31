import { describe, expect, it } from 'vitest';
import { DEFAULT_CALL_POLICY } from './domains/visits/call-policy.ts';
import { ConfigError, DEFAULT_WEB_DIR, loadConfig } from './env.ts';

describe('configuration from the environment', () => {
  it('runs on the embedded defaults, seeded', () => {
    expect(loadConfig({})).toEqual({
      roles: new Set(['gateway', 'tracker', 'api']),
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: './.data',
      busUrl: undefined,
      busStream: 'HARBOR_FIXES',
      jt808Port: 6808,
      aisPort: 10110,
      aisUpstream: undefined,
      seed: true,
      seedFleet: 40,
      sessionTtlMs: 12 * 3_600_000,
      cookieSecure: false,
      logLevel: 'info',
      callPolicy: DEFAULT_CALL_POLICY,
      webDir: DEFAULT_WEB_DIR,
      http: {
        metricsToken: undefined,
        allowedOrigins: [],
        tileOrigin: 'https://tile.openstreetmap.org',
        baseMapOrigins: [],
        procedureConcurrency: undefined,
        maxQueuedPerClient: 100,
      },
      history: { hotDays: 7, keepDays: 180, eventKeepDays: 400, recordKeepDays: 1_095 },
    });
  });

  it('keeps history as configured, never for less than the hot window', () => {
    expect(loadConfig({ HISTORY_HOT_DAYS: '3', HISTORY_KEEP_DAYS: '365' }).history).toMatchObject({
      hotDays: 3,
      keepDays: 365,
    });
    expect(() => loadConfig({ HISTORY_HOT_DAYS: '14', HISTORY_KEEP_DAYS: '10' })).toThrow(
      /HISTORY_KEEP_DAYS: 10 days is shorter than the hot window \(HISTORY_HOT_DAYS: 14\)/,
    );
    expect(() => loadConfig({ HISTORY_EVENT_KEEP_DAYS: '0' })).toThrow(
      /HISTORY_EVENT_KEEP_DAYS: expected a whole number of days from 1 to 3650/,
    );
  });

  it('runs the roles it is given, sharing the work over NATS and PostgreSQL only', () => {
    const shared = {
      BUS_URL: 'nats://127.0.0.1:4222',
      DATABASE_URL: 'postgres://h@db:5432/harbor',
    };
    expect(loadConfig({ ...shared, HARBOR_ROLES: 'gateway' }).roles).toEqual(new Set(['gateway']));
    expect(loadConfig({ ...shared, HARBOR_ROLES: ' Tracker , api' }).roles).toEqual(
      new Set(['tracker', 'api']),
    );
    expect(() => loadConfig({ ...shared, HARBOR_ROLES: 'gateway,router' })).toThrow(
      /HARBOR_ROLES: expected gateway, tracker or api, got router/,
    );
    expect(() => loadConfig({ BUS_URL: shared.BUS_URL, HARBOR_ROLES: 'api' })).toThrow(
      /HARBOR_ROLES: api shares its work with other processes, which needs BUS_URL \(NATS\) and DATABASE_URL/,
    );
    expect(() =>
      loadConfig({ DATABASE_URL: shared.DATABASE_URL, HARBOR_ROLES: 'tracker' }),
    ).toThrow(ConfigError);
    expect(loadConfig({ HARBOR_ROLES: 'api,tracker,gateway' }).roles.size).toBe(3);
  });

  it("reads the HTTP edge's settings and refuses bad ones", () => {
    expect(
      loadConfig({
        METRICS_TOKEN: '0123456789abcdef0123',
        HARBOR_ALLOWED_ORIGINS: 'https://admin.harbor.example, http://127.0.0.1:5173/',
        VITE_TILE_URL: 'https://{s}.Tiles.example.com:8443/{z}/{x}/{y}.png',
        API_CONCURRENCY: '4',
        API_MAX_QUEUED_PER_CLIENT: '20',
      }).http,
    ).toEqual({
      metricsToken: '0123456789abcdef0123',
      allowedOrigins: ['https://admin.harbor.example', 'http://127.0.0.1:5173'],
      tileOrigin: 'https://*.tiles.example.com:8443',
      baseMapOrigins: [],
      procedureConcurrency: 4,
      maxQueuedPerClient: 20,
    });
    expect(loadConfig({ VITE_TILE_URL: 'none' }).http.tileOrigin).toBeNull();
    expect(
      loadConfig({ VITE_TIANDITU_KEY: 'browser-key', VITE_AMAP_TILES: 'on' }).http.baseMapOrigins,
    ).toEqual(['https://*.tianditu.gov.cn', 'https://*.is.autonavi.com']);
    expect(
      loadConfig({ VITE_AMAP_TILES: 'https://{s}.amap-mirror.example/{z}/{x}/{y}.png' }).http
        .baseMapOrigins,
    ).toEqual(['https://*.amap-mirror.example']);
    expect(loadConfig({ VITE_AMAP_TILES: 'off' }).http.baseMapOrigins).toEqual([]);
    expect(() => loadConfig({ VITE_AMAP_TILES: 'maybe' })).toThrow(/VITE_AMAP_TILES/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: expected 16/);
    expect(() => loadConfig({ HARBOR_ALLOWED_ORIGINS: 'https://a.example/path' })).toThrow(
      /HARBOR_ALLOWED_ORIGINS: expected scheme:\/\/host\[:port\], got https:\/\/a.example\/path/,
    );
    expect(() => loadConfig({ VITE_TILE_URL: 'ftp://tiles/{z}' })).toThrow(/VITE_TILE_URL/);
    expect(() => loadConfig({ API_CONCURRENCY: '0' })).toThrow(/API_CONCURRENCY/);
  });

  it('does not seed PostgreSQL unless asked', () => {
    const url = 'postgres://harbor@db.internal:5432/harbor';
    expect(loadConfig({ DATABASE_URL: url }).seed).toBe(false);
    expect(loadConfig({ DATABASE_URL: url, SEED: 'true' }).seed).toBe(true);
  });

  it('seeds a demo fleet of the size asked, within what its numbering allows', () => {
    expect(loadConfig({ SEED_FLEET: '20000' }).seedFleet).toBe(20_000);
    expect(() => loadConfig({ SEED_FLEET: '100000' })).toThrow(/SEED_FLEET/);
    expect(() => loadConfig({ SEED_FLEET: 'lots' })).toThrow(/SEED_FLEET: expected a whole number/);
  });

  it('reads which ships make port calls, naming a bad range', () => {
    expect(
      loadConfig({
        PORT_CALL_SHIP_TYPES: '70-89',
        PORT_CALL_MIN_LENGTH_M: '100',
        PORT_CALL_UNKNOWN_TYPE_MIN_LENGTH_M: 'never',
      }).callPolicy,
    ).toEqual({ shipTypes: [[70, 89]], minLengthM: 100, unknownTypeMinLengthM: null });
    expect(() => loadConfig({ PORT_CALL_SHIP_TYPES: 'cargo' })).toThrow(
      /PORT_CALL_SHIP_TYPES: "cargo" is not a ship type/,
    );
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
    });
  });

  it('takes a NATS bus URL and refuses anything else', () => {
    expect(loadConfig({ BUS_URL: 'nats://127.0.0.1:4222' }).busUrl).toBe('nats://127.0.0.1:4222');
    expect(() => loadConfig({ BUS_URL: 'redis://127.0.0.1:6379' })).toThrow(
      /BUS_URL: expected nats:\/\/host:port/,
    );
  });

  it('reads an upstream AIS feed as host and port', () => {
    expect(loadConfig({ AIS_UPSTREAM: 'ais.example.net:5631' }).aisUpstream).toEqual({
      host: 'ais.example.net',
      port: 5631,
    });
    expect(() => loadConfig({ AIS_UPSTREAM: 'ais.example.net' })).toThrow(
      /AIS_UPSTREAM: expected host:port/,
    );
  });

  it('names each bad variable in one message', () => {
    expect(() =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x@y/z', COOKIE_SECURE: 'yes' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x@y/z' });
    } catch (error) {
      expect((error as Error).message).toMatch(
        /^invalid environment: PORT: .+; DATABASE_URL: expected postgres:\/\//,
      );
    }
  });
});
