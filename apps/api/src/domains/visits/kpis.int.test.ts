import { type PortCallEventKind, seed } from '@harbor/db';
import { testDbTargets } from '@harbor/db/testing';
import type { ErrorAnswer, PortKpiFigures, PortKpis, SessionUser } from '@harbor/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildWorld,
  expectFieldError,
  expectTrpcError,
  type World,
} from '../../../test/fixtures.ts';
import { serve } from '../../../test/serve.ts';
import { testApp, testContext } from '../../../test/services.ts';
import { createCaller } from '../../runtime/app-router.ts';
import { hashSessionToken, newSessionToken, toSessionUser } from '../auth/session.ts';

// Constructed port calls at Yangshan (YSP1: 5 berths, YSP4: 7) and Waigaoqiao (WGQ1: 3), on
// 24 and 25 November 2026, Shanghai time (UTC+8). Times below are Shanghai wall-clock times.
//
// A (eta 24 20:00, YSP1): ARRIVED 24 10:00, pilot 12:00, ANCHORED 12:30, ANCHOR_AWEIGH 18:30,
//   BERTHING 20:00, BERTHED YSP1-B01 21:00, UNBERTHED 25 09:00, DEPARTED 25 11:00.
//   Waits 6 h; berths 1 h after eta (on time); 3 h alongside on the 24th and 9 h on the 25th
//   (across midnight); turnaround 10:00 -> 09:00 = 23 h, on the 25th.
// B (eta 24 08:00, YSP4 by its first berth): ARRIVED 24 06:00, ANCHORED 07:00, AWEIGH 09:00,
//   ANCHORED 09:30, BERTHED YSP4-B02 12:00, UNBERTHED 20:00, then shifts through the
//   anchorage (ANCHORED 20:30, AWEIGH 22:00: not waiting) to YSP1-B03: BERTHED 23:00,
//   UNBERTHED 25 05:00, DEPARTED 07:00. Waits 2 + 2.5 = 4.5 h; berths 4 h late; 8 h at YSP4
//   on the 24th, at YSP1 1 h on the 24th and 5 h on the 25th; turnaround 23 h, on the 25th.
// C (no eta, YSP1): ARRIVED 25 00:00 (midnight: the 25th), BERTHED YSP1-B04 02:00, UNBERTHED
//   06:00, BERTHED YSP1-B05 06:30 (a shift along the quay), UNBERTHED 10:30, DEPARTED 12:00.
//   Waits 0; 8 h alongside; turnaround 10.5 h.
// D (eta 23 12:00, YSP4): ARRIVED 23 10:00, BERTHED YSP4-B03 23 13:00 and still there: an
//   open stay, begun before the period; 24 h a day at YSP4 up to now.
// E (eta 25 20:00, planned for YSP4): ARRIVED 25 14:00, ANCHORED 15:00, not berthed yet.
// F (eta 24 09:00, WGQ1, which another operator runs): ARRIVED 24 07:00, BERTHED WGQ1-B01
//   09:30, UNBERTHED 15:30, DEPARTED 17:00: on time (0.5 h), 6 h alongside, turnaround 8.5 h.
// G (YSP1, 20 November): a whole call days before the period; counts nowhere.
const at = (local: string) => new Date(`2026-${local.replace(' ', 'T')}:00+08:00`);
const PERIOD = { from: '2026-11-24', to: '2026-11-25' };
/** After the period: open stays count to its end. */
const AFTER = at('11-26 10:00');
/** During the 25th: open stays count to now, and the day so far. */
const DURING = at('11-25 18:00');

type Step = [PortCallEventKind, string, string?];
const CALLS: Record<string, { eta: string | null; planned?: string; steps: Step[] }> = {
  A: {
    eta: '11-24 20:00',
    steps: [
      ['ARRIVED', '11-24 10:00'],
      ['PILOT_BOARDED', '11-24 12:00'],
      ['ANCHORED', '11-24 12:30'],
      ['ANCHOR_AWEIGH', '11-24 18:30'],
      ['BERTHING', '11-24 20:00'],
      ['BERTHED', '11-24 21:00', 'YSP1-B01'],
      ['UNBERTHED', '11-25 09:00', 'YSP1-B01'],
      ['DEPARTED', '11-25 11:00'],
    ],
  },
  B: {
    eta: '11-24 08:00',
    steps: [
      ['ARRIVED', '11-24 06:00'],
      ['ANCHORED', '11-24 07:00'],
      ['ANCHOR_AWEIGH', '11-24 09:00'],
      ['ANCHORED', '11-24 09:30'],
      ['BERTHED', '11-24 12:00', 'YSP4-B02'],
      ['UNBERTHED', '11-24 20:00', 'YSP4-B02'],
      ['ANCHORED', '11-24 20:30'],
      ['ANCHOR_AWEIGH', '11-24 22:00'],
      ['BERTHED', '11-24 23:00', 'YSP1-B03'],
      ['UNBERTHED', '11-25 05:00', 'YSP1-B03'],
      ['DEPARTED', '11-25 07:00'],
    ],
  },
  C: {
    eta: null,
    steps: [
      ['ARRIVED', '11-25 00:00'],
      ['BERTHED', '11-25 02:00', 'YSP1-B04'],
      ['UNBERTHED', '11-25 06:00', 'YSP1-B04'],
      ['BERTHED', '11-25 06:30', 'YSP1-B05'],
      ['UNBERTHED', '11-25 10:30', 'YSP1-B05'],
      ['DEPARTED', '11-25 12:00'],
    ],
  },
  D: {
    eta: '11-23 12:00',
    steps: [
      ['ARRIVED', '11-23 10:00'],
      ['BERTHED', '11-23 13:00', 'YSP4-B03'],
    ],
  },
  E: {
    eta: '11-25 20:00',
    planned: 'YSP4',
    steps: [
      ['ARRIVED', '11-25 14:00'],
      ['ANCHORED', '11-25 15:00'],
    ],
  },
  F: {
    eta: '11-24 09:00',
    steps: [
      ['ARRIVED', '11-24 07:00'],
      ['BERTHED', '11-24 09:30', 'WGQ1-B01'],
      ['UNBERTHED', '11-24 15:30', 'WGQ1-B01'],
      ['DEPARTED', '11-24 17:00'],
    ],
  },
  G: {
    eta: '11-20 10:00',
    steps: [
      ['ARRIVED', '11-20 08:00'],
      ['BERTHED', '11-20 10:00', 'YSP1-B01'],
      ['UNBERTHED', '11-20 20:00', 'YSP1-B01'],
      ['DEPARTED', '11-20 22:00'],
    ],
  },
};

/** The figures with nothing in them, for a terminal of `berths` over `hours` gone by. */
const quiet = (berths: number): PortKpiFigures => ({
  berths,
  arrivals: 0,
  berthings: 0,
  anchorageWaitHours: 0,
  meanAnchorageWaitHours: null,
  berthHours: 0,
  callsAtBerth: 0,
  occupancy: 0,
  departures: 0,
  meanTurnaroundHours: null,
  scheduledCalls: 0,
  onTimeCalls: 0,
  onTimeShare: null,
  meanAbsDeviationHours: null,
});

// By hand, as described above, with the period over (now = AFTER).
const YSP1 = {
  '2026-11-24': {
    ...quiet(5),
    arrivals: 1, // A
    berthings: 1, // A
    anchorageWaitHours: 6,
    meanAnchorageWaitHours: 6,
    berthHours: 4, // A 3 h, B 1 h
    callsAtBerth: 2,
    occupancy: 4 / (5 * 24),
    scheduledCalls: 1,
    onTimeCalls: 1,
    onTimeShare: 1,
    meanAbsDeviationHours: 1,
  },
  '2026-11-25': {
    ...quiet(5),
    arrivals: 1, // C, at midnight
    berthings: 1, // C
    meanAnchorageWaitHours: 0,
    berthHours: 22, // A 9 h, B 5 h, C 4 + 4 h
    callsAtBerth: 3,
    occupancy: 22 / (5 * 24),
    departures: 2, // A 23 h, C 10.5 h (B departs from YSP1 but is YSP4's call)
    meanTurnaroundHours: 16.75,
  },
  period: {
    ...quiet(5),
    arrivals: 2,
    berthings: 2,
    anchorageWaitHours: 6,
    meanAnchorageWaitHours: 3,
    berthHours: 26,
    callsAtBerth: 3,
    occupancy: 26 / (5 * 48),
    departures: 2,
    meanTurnaroundHours: 16.75,
    scheduledCalls: 1,
    onTimeCalls: 1,
    onTimeShare: 1,
    meanAbsDeviationHours: 1,
  },
};
const YSP4 = {
  '2026-11-24': {
    ...quiet(7),
    arrivals: 1, // B
    berthings: 1, // B
    anchorageWaitHours: 4.5,
    meanAnchorageWaitHours: 4.5,
    berthHours: 32, // B 8 h, D 24 h
    callsAtBerth: 2,
    occupancy: 32 / (7 * 24),
    scheduledCalls: 1,
    onTimeCalls: 0, // 4 h late
    onTimeShare: 0,
    meanAbsDeviationHours: 4,
  },
  '2026-11-25': {
    ...quiet(7),
    arrivals: 1, // E, planned for YSP4
    berthHours: 24, // D, still alongside
    callsAtBerth: 1,
    occupancy: 24 / (7 * 24),
    departures: 1, // B
    meanTurnaroundHours: 23,
  },
};
const WGQ1 = {
  '2026-11-24': {
    ...quiet(3),
    arrivals: 1,
    berthings: 1,
    meanAnchorageWaitHours: 0,
    berthHours: 6,
    callsAtBerth: 1,
    occupancy: 6 / (3 * 24),
    departures: 1,
    meanTurnaroundHours: 8.5,
    scheduledCalls: 1,
    onTimeCalls: 1,
    onTimeShare: 1,
    meanAbsDeviationHours: 0.5,
  },
  '2026-11-25': quiet(3),
};

/** Figures compared to the hand-made ones, floats to 9 decimals. */
function expectFigures(actual: PortKpiFigures | undefined, expected: PortKpiFigures) {
  expect(actual).toBeDefined();
  for (const [name, value] of Object.entries(expected)) {
    const got = (actual as Record<string, number | null>)[name];
    if (value === null) expect(got, name).toBeNull();
    else expect(got, name).toBeCloseTo(value, 9);
  }
}

const rowOf = (kpis: PortKpis, code: string, date: string) =>
  kpis.rows.find((row) => row.terminalCode === code && row.date === date);

describe.each(testDbTargets())('port KPIs on %s', (target) => {
  let world: World;
  const terminal: Record<string, string> = {};
  const users = new Map<'sipg' | 'wgqt', SessionUser>();
  const operator = (key: 'sipg' | 'wgqt') => {
    const user = users.get(key);
    if (!user) throw new Error(`no ${key} user`);
    return user;
  };
  const as = (user: SessionUser | null, now = AFTER) =>
    createCaller(testContext({ db: world.db, user, now: () => now }));
  let http: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    world = await buildWorld(target);
    await seed(world.db, { now: at('11-24 00:00'), fleetSize: 0 });
    const p = world.db.prisma;
    for (const t of await p.terminal.findMany()) terminal[t.code] = t.id;
    // WGQ1 goes to an operator of its own; SIPG keeps the rest.
    const wgqt = await p.organization.create({
      data: { code: 'WGQT', name: 'Waigaoqiao Terminal Co', kind: 'TERMINAL_OPERATOR' },
    });
    await p.terminal.update({
      where: { id: terminal.WGQ1 },
      data: { operatorOrganizationId: wgqt.id },
    });
    const sipg = await p.organization.findUniqueOrThrow({ where: { code: 'SIPG' } });
    for (const [key, organizationId] of [
      ['sipg', sipg.id],
      ['wgqt', wgqt.id],
    ] as const) {
      const row = await p.user.create({
        data: {
          organizationId,
          email: `${key}-viewer@test.harbor.local`,
          name: key,
          role: 'VIEWER',
          passwordHash: 'x',
        },
        include: { organization: true },
      });
      users.set(key, toSessionUser(row));
    }

    const port = await p.port.findFirstOrThrow();
    const berths = await p.berth.findMany({ include: { zone: { select: { code: true } } } });
    const berthOf = (code: string) => {
      const berth = berths.find((b) => b.zone.code === code);
      if (!berth) throw new Error(`no berth ${code}`);
      return berth;
    };
    let mmsi = 412_900_000;
    for (const [name, call] of Object.entries(CALLS)) {
      const vessel = await p.vessel.create({ data: { mmsi: ++mmsi, name: `CALL ${name}` } });
      const visit = await p.vesselVisit.create({
        data: {
          vesselId: vessel.id,
          portId: port.id,
          eta: call.eta ? at(call.eta) : null,
          terminalId: call.planned ? terminal[call.planned] : null,
        },
      });
      await p.portCallEvent.createMany({
        data: call.steps.map(([kind, time, berthCode]) => {
          const berth = berthCode ? berthOf(berthCode) : null;
          return {
            visitId: visit.id,
            kind,
            at: at(time),
            berthId: berth?.id ?? null,
            terminalId: berth?.terminalId ?? null,
            lat: 30.6,
            lon: 122.05,
          };
        }),
      });
    }
    const { app } = testApp({
      db: world.db,
      now: () => AFTER,
      logger: pino({ level: 'silent' }),
      sessionTtlMs: 3_600_000,
      cookieSecure: false,
    });
    http = await serve(app);
  }, 60_000);
  afterAll(async () => {
    await http.close();
    await world.db.drop();
  });

  it('gives port staff every terminal and day with the figures counted by hand', async () => {
    const kpis = await as(world.users.portViewer).dashboards.portKpis(PERIOD);
    expect(kpis.terminals.map((t) => t.terminalCode)).toEqual([
      'WGQ1',
      'WGQ4',
      'WGQ5',
      'YSP1',
      'YSP2',
      'YSP3',
      'YSP4',
    ]);
    expect(kpis.rows.map((row) => `${row.terminalCode} ${row.date}`).slice(0, 4)).toEqual([
      'WGQ1 2026-11-24',
      'WGQ1 2026-11-25',
      'WGQ4 2026-11-24',
      'WGQ4 2026-11-25',
    ]);
    expect(kpis.rows).toHaveLength(14);
    for (const [code, days] of Object.entries({ YSP1, YSP4, WGQ1 }))
      for (const date of ['2026-11-24', '2026-11-25'] as const)
        expectFigures(rowOf(kpis, code, date), days[date]);
    expectFigures(rowOf(kpis, 'YSP2', '2026-11-25'), quiet(4));
    const ysp1 = kpis.terminals.find((t) => t.terminalCode === 'YSP1');
    expectFigures(ysp1, YSP1.period);
    expect(ysp1?.timezone).toBe('Asia/Shanghai');
    // All seven terminals: 34 berths over 48 hours.
    expectFigures(kpis.total, {
      berths: 34,
      arrivals: 5, // A, B, C, E, F
      berthings: 4, // A, B, C, F
      anchorageWaitHours: 10.5,
      meanAnchorageWaitHours: 10.5 / 4,
      berthHours: 88,
      callsAtBerth: 5, // A, B, C, D, F
      occupancy: 88 / (34 * 48),
      departures: 4,
      meanTurnaroundHours: (23 + 23 + 10.5 + 8.5) / 4,
      scheduledCalls: 3, // A, B, F
      onTimeCalls: 2,
      onTimeShare: 2 / 3,
      meanAbsDeviationHours: (1 + 4 + 0.5) / 3,
    });
  });

  it('counts an open stay and the day so far up to now, and a day to come as no time', async () => {
    const kpis = await as(world.users.portAdmin, DURING).dashboards.portKpis({
      from: '2026-11-25',
      to: '2026-11-26',
      terminalId: terminal.YSP4,
    });
    // D alongside from midnight to 18:00, of 7 berths × 18 h.
    expectFigures(rowOf(kpis, 'YSP4', '2026-11-25'), {
      ...YSP4['2026-11-25'],
      berthHours: 18,
      occupancy: 18 / (7 * 18),
    });
    expectFigures(rowOf(kpis, 'YSP4', '2026-11-26'), { ...quiet(7), occupancy: null });
    expect(kpis.terminals.map((t) => t.terminalCode)).toEqual(['YSP4']);
    expect(rowOf(kpis, 'YSP1', '2026-11-25')).toBeUndefined();
  });

  it('takes the on-time window as asked', async () => {
    const kpis = await as(world.users.portOperator).dashboards.portKpis({
      ...PERIOD,
      terminalId: terminal.YSP4,
      onTimeWindowHours: 4.5,
    });
    expect(kpis.onTimeWindowHours).toBe(4.5);
    expect(rowOf(kpis, 'YSP4', '2026-11-24')).toMatchObject({ onTimeCalls: 1, onTimeShare: 1 });
  });

  it('gives a terminal operator its own terminals only, and refuses everyone else', async () => {
    const sipg = await as(operator('sipg')).dashboards.portKpis(PERIOD);
    expect(sipg.terminals.map((t) => t.terminalCode)).not.toContain('WGQ1');
    expect(sipg.terminals).toHaveLength(6);
    expect(sipg.total.berthHours).toBeCloseTo(26 + 56, 9);
    const wgqt = await as(operator('wgqt')).dashboards.portKpis(PERIOD);
    expect(wgqt.rows.map((row) => row.terminalCode)).toEqual(['WGQ1', 'WGQ1']);
    expectFigures(wgqt.total, { ...WGQ1['2026-11-24'], occupancy: 6 / (3 * 48) });

    await expectTrpcError(
      as(operator('sipg')).dashboards.portKpis({ ...PERIOD, terminalId: terminal.WGQ1 }),
      'FORBIDDEN',
    );
    await expectTrpcError(
      as(world.users.portAdmin).dashboards.portKpis({
        ...PERIOD,
        terminalId: '00000000-0000-4000-8000-000000000000',
      }),
      'NOT_FOUND',
    );
    await expectTrpcError(as(world.users.dhclAdmin).dashboards.portKpis(PERIOD), 'FORBIDDEN');
    await expectTrpcError(as(null).dashboards.portKpis(PERIOD), 'UNAUTHORIZED');
  });

  it('names the field of a bad period', async () => {
    const port = as(world.users.portAdmin);
    await expectFieldError(
      port.dashboards.portKpis({ from: '2026-11-25', to: '2026-11-24' }),
      'to',
    );
    await expectFieldError(
      port.dashboards.portKpis({ from: '2026-01-01', to: '2026-04-03' }),
      'to',
    );
    await expectFieldError(
      port.dashboards.portKpis({ from: '24/11/2026', to: '2026-11-25' }),
      'from',
    );
    // 92 days, 1 January to 2 April, are allowed.
    const long = await port.dashboards.portKpis({
      from: '2026-01-01',
      to: '2026-04-02',
      terminalId: terminal.WGQ4,
    });
    expect(long.rows).toHaveLength(92);
  });

  async function cookieFor(user: SessionUser) {
    const token = newSessionToken();
    await world.db.prisma.session.create({
      data: {
        tokenHash: hashSessionToken(token),
        userId: user.id,
        expiresAt: new Date(AFTER.getTime() + 3_600_000),
      },
    });
    return `harbor_session=${token}`;
  }

  it('downloads the KPIs as CSV: a line per day, then the totals', async () => {
    const query = new URLSearchParams({ ...PERIOD, terminalId: terminal.YSP1 ?? '' });
    const response = await fetch(`${http.base}/reports/port-kpis.csv?${query}`, {
      headers: { cookie: await cookieFor(world.users.portViewer) },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="port-kpis_2026-11-24_2026-11-25.csv"',
    );
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.slice(1).split('\r\n')).toEqual([
      'terminal,date,berths,arrivals,berthings,anchorage wait h,mean anchorage wait h,time at berth h,calls at berth,berth occupancy,departures,mean turnaround h,scheduled calls,on time,on-time share,mean abs deviation h',
      'YSP1,2026-11-24,5,1,1,6,6,4,2,0.033,0,,1,1,1,1',
      'YSP1,2026-11-25,5,1,1,0,0,22,3,0.183,2,16.75,0,0,,',
      'YSP1,2026-11-24/2026-11-25,5,2,2,6,3,26,3,0.108,2,16.75,1,1,1,1',
      'ALL,2026-11-24/2026-11-25,5,2,2,6,3,26,3,0.108,2,16.75,1,1,1,1',
      '',
    ]);
  });

  it('CSV: 401 without a session, 400 naming the field, 403 outside the port and terminals', async () => {
    const query = new URLSearchParams(PERIOD).toString();
    const anonymous = await fetch(`${http.base}/reports/port-kpis.csv?${query}`);
    expect(anonymous.status).toBe(401);
    const bad = await fetch(`${http.base}/reports/port-kpis.csv?${query}&onTimeWindowHours=-1`, {
      headers: { cookie: await cookieFor(world.users.portAdmin) },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorAnswer).fieldErrors).toHaveProperty('onTimeWindowHours');
    const dhcl = await fetch(`${http.base}/reports/port-kpis.csv?${query}`, {
      headers: { cookie: await cookieFor(world.users.dhclDispatcher) },
    });
    expect(dhcl.status).toBe(403);
    expect(((await dhcl.json()) as ErrorAnswer).code).toBe('auth.port-or-terminal-staff-only');
    const wgqt = await fetch(`${http.base}/reports/port-kpis.csv?${query}`, {
      headers: { cookie: await cookieFor(operator('wgqt')) },
    });
    expect((await wgqt.text()).split('\r\n').map((line) => line.split(',')[0])).toEqual([
      'terminal',
      'WGQ1',
      'WGQ1',
      'WGQ1',
      'ALL',
      '',
    ]);
  });
});
