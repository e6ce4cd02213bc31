import { kmhToKnots } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import type { GeofenceTransition } from '../../pipeline/geofence-engine.ts';
import { DispatchEngine, type WatchedJob } from './engine.ts';

const T = Date.parse('2026-11-25T08:00:00Z');
const job = (status: WatchedJob['status']): WatchedJob => ({
  id: 'job-1',
  status,
  terminalPhone: '013916001001',
  pickupZone: { id: 'z-pick', code: 'YSP4-GATE' },
  dropoffZone: { id: 'z-drop', code: 'LCG-DEPOT' },
});
const fix = (seconds: number, kmh: number, lat = 30.63, lon = 122.016) => ({
  fixAt: new Date(T + seconds * 1000),
  lat,
  lon,
  speedKnots: kmhToKnots(kmh),
});
const crossing = (
  seconds: number,
  zoneId: string,
  transition: 'ENTER' | 'EXIT',
): GeofenceTransition => ({
  zoneId,
  zoneCode: zoneId === 'z-pick' ? 'YSP4-GATE' : zoneId === 'z-drop' ? 'LCG-DEPOT' : 'OTHER',
  zoneKind: 'GATE',
  assetKind: 'VEHICLE',
  assetKey: '013916001001',
  transition,
  at: new Date(T + seconds * 1000),
  lat: 30.62,
  lon: 122.016,
});
const statuses = (steps: { to: string }[]) => steps.map((step) => step.to);

describe('DispatchEngine', () => {
  it('counts a crawl in a queue as standing, 5 km/h and more as moving', () => {
    const engine = new DispatchEngine();
    expect(engine.plan(job('ASSIGNED'), [fix(0, 3), fix(10, 5)], [])).toEqual([]);
    expect(statuses(engine.plan(job('ASSIGNED'), [fix(20, 6)], []))).toEqual(['EN_ROUTE_PICKUP']);
  });

  it('takes a fix before the zone change it caused at the same instant', () => {
    const steps = new DispatchEngine().plan(
      job('ASSIGNED'),
      [fix(5, 20)],
      [crossing(5, 'z-pick', 'ENTER')],
    );
    expect(steps.map((s) => [s.to, s.actor?.kind, s.note])).toEqual([
      ['EN_ROUTE_PICKUP', 'SYSTEM', 'truck started moving (20 km/h)'],
      ['AT_PICKUP', 'GEOFENCE', 'entered pickup zone YSP4-GATE'],
    ]);
  });

  it('runs a whole trip in one batch and ignores other zones and repeated exits', () => {
    const steps = new DispatchEngine().plan(
      job('EN_ROUTE_PICKUP'),
      [],
      [
        crossing(10, 'z-other', 'ENTER'),
        crossing(20, 'z-pick', 'ENTER'),
        crossing(30, 'z-pick', 'EXIT'),
        crossing(35, 'z-pick', 'EXIT'),
        crossing(40, 'z-drop', 'EXIT'),
        crossing(50, 'z-drop', 'ENTER'),
      ],
    );
    expect(statuses(steps)).toEqual(['AT_PICKUP', 'LOADED', 'EN_ROUTE_DROPOFF', 'DELIVERED']);
    expect(steps.at(-1)?.at).toEqual(new Date(T + 50_000));
  });

  it('leaves a job alone that is not where a geofence can move it', () => {
    const engine = new DispatchEngine();
    expect(engine.plan(job('AT_PICKUP'), [fix(0, 40)], [crossing(1, 'z-drop', 'ENTER')])).toEqual(
      [],
    );
    expect(engine.plan(job('EN_ROUTE_DROPOFF'), [], [crossing(1, 'z-pick', 'ENTER')])).toEqual([]);
  });

  it('remembers where an assigned truck stood, across batches, and forgets it when told', () => {
    const engine = new DispatchEngine();
    expect(engine.plan(job('ASSIGNED'), [fix(0, 0, 30.63)], [])).toEqual([]);
    expect(engine.plan(job('ASSIGNED'), [fix(60, 0, 30.6315)], [])).toEqual([]);
    engine.forget('job-1');
    // Forgotten: the next fix is where it stands now.
    expect(engine.plan(job('ASSIGNED'), [fix(120, 0, 30.64)], [])).toEqual([]);
    expect(statuses(engine.plan(job('ASSIGNED'), [fix(180, 0, 30.643)], []))).toEqual([
      'EN_ROUTE_PICKUP',
    ]);
  });

  it('prunes where trucks stood long ago', () => {
    const engine = new DispatchEngine();
    engine.plan(job('ASSIGNED'), [fix(0, 0)], []);
    engine.plan({ ...job('ASSIGNED'), id: 'job-2' }, [fix(3_600, 0)], []);
    expect(engine.prune(new Date(T + 60_000))).toBe(1);
    expect(engine.remembered).toBe(1);
  });
});

describe('DispatchEngine at a terminal gate pickup', () => {
  const gateJob = (status: WatchedJob['status'], pickupExitsSoFar?: number): WatchedJob => ({
    ...job(status),
    pickupIsTerminalGate: true,
    ...(pickupExitsSoFar === undefined ? {} : { pickupExitsSoFar }),
  });

  it('leaves loaded on the way out through the gate, not on the way in', () => {
    const engine = new DispatchEngine();
    // In through the gate to the yard: at the pickup, not yet loaded.
    expect(
      statuses(
        engine.plan(
          gateJob('EN_ROUTE_PICKUP'),
          [],
          [crossing(10, 'z-pick', 'ENTER'), crossing(70, 'z-pick', 'EXIT')],
        ),
      ),
    ).toEqual(['AT_PICKUP']);
    // Out through the gate, in a later batch.
    const out = engine.plan(
      gateJob('AT_PICKUP'),
      [],
      [crossing(900, 'z-pick', 'ENTER'), crossing(960, 'z-pick', 'EXIT')],
    );
    expect(out.map((step) => [step.to, step.at.getTime() - T])).toEqual([
      ['LOADED', 960_000],
      ['EN_ROUTE_DROPOFF', 960_000],
    ]);
  });

  it('after a restart, counts the exits stored since AT_PICKUP', () => {
    expect(
      statuses(
        new DispatchEngine().plan(gateJob('AT_PICKUP', 1), [], [crossing(960, 'z-pick', 'EXIT')]),
      ),
    ).toEqual(['LOADED', 'EN_ROUTE_DROPOFF']);
    expect(
      statuses(
        new DispatchEngine().plan(gateJob('AT_PICKUP', 0), [], [crossing(70, 'z-pick', 'EXIT')]),
      ),
    ).toEqual([]);
  });
});
