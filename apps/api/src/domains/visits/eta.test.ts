import {
  distanceM,
  EARTH_RADIUS_M,
  type FairwayNetwork,
  knotsToMps,
  type LonLat,
} from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { approachEta } from './approach.ts';
import {
  type ArrivalFix,
  type ArrivalInput,
  BERTHING_KNOTS,
  FAIRWAY_KNOTS,
  predictArrival,
  TUG_KNOTS,
  WEIGH_ANCHOR_MS,
} from './eta.ts';

// On the equator, positions given in metres east (x) and north (y) of 0°, 0°: a degree is
// EARTH_RADIUS_M × π / 180 metres either way, so distances can be worked out by hand.
const METRES_PER_DEG = (EARTH_RADIUS_M * Math.PI) / 180;
const xy = (x: number, y: number): LonLat => [x / METRES_PER_DEG, y / METRES_PER_DEG];
const node = (id: string, x: number, y: number) => {
  const [lon, lat] = xy(x, y);
  return { id, lon, lat };
};

// A bent fairway: from the pilot boarding ground (PB) south 10 km to a bend, then west 10 km
// to terminal T1's turning point; the berth lies 400 m south of it. An anchorage (ANCH) lies
// 4 km east of the bend, inside the boarding ground. A second, unconnected network (OTHER)
// serves another terminal.
const FAIRWAY: FairwayNetwork = {
  nodes: [
    node('PB', 10_000, 10_000),
    node('BEND', 10_000, 0),
    node('T1', 0, 0),
    node('ANCH', 14_000, 0),
    node('OTHER-SEA', 30_000, 20_000),
    node('T2', 30_000, 1_000),
  ],
  legs: [
    ['PB', 'BEND'],
    ['BEND', 'T1'],
    ['ANCH', 'BEND'],
    ['OTHER-SEA', 'T2'],
  ],
};
const BERTH = { centre: xy(0, -400), terminalCode: 'T1' };
const NOW = Date.UTC(2026, 11, 1, 8);
const MINUTE = 60_000;

/** Seconds to cover `m` metres at `knots`. */
const seconds = (m: number, knots: number) => m / knotsToMps(knots);

function fix(
  x: number,
  y: number,
  knots: number,
  courseDeg: number,
  status = 'UNDER_WAY_USING_ENGINE',
  atMs = NOW,
): ArrivalFix {
  const [lon, lat] = xy(x, y);
  return { atMs, lon, lat, speedKnots: knots, courseDeg, status };
}

function input(fixes: ArrivalFix[], more: Partial<ArrivalInput> = {}): ArrivalInput {
  return {
    fairway: FAIRWAY,
    berth: BERTH,
    pilotBoardings: [xy(10_100, 10_050)],
    fixes,
    aisEtaMs: null,
    plannedEtaMs: null,
    ...more,
  };
}

describe('predictArrival', () => {
  it('measures along the bent fairway, not the straight line, at sea speed to the pilot and port speeds after', () => {
    // 5 km north of the boarding ground, heading south at 12 kn.
    const ship = fix(10_000, 15_000, 12, 180);
    const prediction = predictArrival(input([ship]));
    // 5,000 to PB + 10,000 to the bend + 10,000 to the turning point + 400 in.
    expect(prediction?.remainingM).toBeCloseTo(25_400, 0);
    const straightM = distanceM([ship.lon, ship.lat], BERTH.centre);
    expect(straightM).toBeCloseTo(Math.hypot(10_000, 15_400), 0);
    // Sea speed to PB; 9 kn to a mile before the turning point (25,000 - 1,852 = 23,148 m);
    // 5 kn to 500 m before the berth (24,900 m); 1.5 kn for the last 500 m.
    const expected =
      seconds(5_000, 12) +
      seconds(23_148 - 5_000, FAIRWAY_KNOTS) +
      seconds(24_900 - 23_148, TUG_KNOTS) +
      seconds(500, BERTHING_KNOTS);
    expect(prediction?.berthEtaMs).toBeCloseTo(NOW + expected * 1000, -3);
    expect(prediction?.pilotEtaMs).toBeCloseTo(NOW + seconds(5_000, 12) * 1000, -3);
    expect(prediction).toMatchObject({ basis: 'TRACK', motion: 'UNDER_WAY', isHeadingIn: true });
    // Harbor's straight-line estimate: the same ship, 18.4 km at 12 kn, about 50 minutes early.
    const straight = approachEta({
      at: [ship.lon, ship.lat],
      fixAtMs: NOW,
      speedKnots: 12,
      courseDeg: 180,
      terminal: BERTH.centre,
      target: BERTH.centre,
      previousDistanceM: undefined,
    });
    expect(straight.predictedEtaMs).toBeCloseTo(NOW + seconds(straightM, 12) * 1000, -3);
    expect(
      ((prediction?.berthEtaMs ?? 0) - (straight.predictedEtaMs ?? 0)) / MINUTE,
    ).toBeGreaterThan(45);
  });

  it("joins a ship off the network at the nearest point of the nearest leg of its berth's network", () => {
    // 3 km north of the bend-T1 leg, past the boarding ground; OTHER's leg (x = 30 km) is
    // nearer to (26 km, 3 km) than PB-BEND but does not lead to T1.
    const ship = fix(5_000, 3_000, 9, 225);
    const prediction = predictArrival(input([ship]));
    // 3,000 to the leg at (5,000, 0), 5,000 to T1, 400 in; all at port speeds.
    expect(prediction?.remainingM).toBeCloseTo(8_400, 0);
    expect(prediction?.route.joinM).toBeCloseTo(3_000, 0);
    const expected =
      seconds(8_000 - 1_852, FAIRWAY_KNOTS) +
      seconds(7_900 - (8_000 - 1_852), TUG_KNOTS) +
      seconds(500, BERTHING_KNOTS);
    expect(prediction?.berthEtaMs).toBeCloseTo(NOW + expected * 1000, -3);
    const far = predictArrival(input([fix(26_000, 3_000, 9, 270)]));
    // (26,000, 3,000) is 4 km from OTHER's leg but joins its own at ANCH, 12.4 km away.
    expect(far?.route.joinM).toBeCloseTo(Math.hypot(12_000, 3_000), 0);
    expect(far?.remainingM).toBeCloseTo(Math.hypot(12_000, 3_000) + 4_000 + 10_400, 0);
  });

  it('gives no pilot ETA once the boarding ground is passed, and goes straight in from inside the final approach', () => {
    const before = predictArrival(input([fix(10_000, 12_000, 10, 180)]));
    expect(before?.pilotEtaMs).toBeCloseTo(NOW + seconds(2_000, 10) * 1000, -3);
    const passed = predictArrival(input([fix(10_000, 9_000, 9, 180)]));
    expect(passed?.pilotEtaMs).toBeNull();
    expect(passed?.remainingM).toBeCloseTo(9_000 + 10_000 + 400, 0);
    const alongside = predictArrival(input([fix(0, -200, 1.5, 180)]));
    expect(alongside?.remainingM).toBeCloseTo(200, 0);
    expect(alongside?.berthEtaMs).toBeCloseTo(NOW + seconds(200, BERTHING_KNOTS) * 1000, -3);
  });

  it('times a ship at anchor as the later of weighing anchor plus the transit and the declared arrival', () => {
    // At anchor 500 m north of ANCH: 500 + 4,000 + 10,000 + 400 = 14,900 m, past the boarding ground.
    const anchored = [
      fix(14_000, 500, 0.2, 40, 'AT_ANCHOR', NOW - 30 * MINUTE),
      fix(14_000, 500, 0.1, 80, 'AT_ANCHOR', NOW),
    ];
    const transitS =
      seconds(14_500 - 1_852, FAIRWAY_KNOTS) +
      seconds(14_400 - (14_500 - 1_852), TUG_KNOTS) +
      seconds(500, BERTHING_KNOTS);
    const earliest = NOW + WEIGH_ANCHOR_MS + transitS * 1000;
    const alone = predictArrival(input(anchored));
    expect(alone).toMatchObject({
      motion: 'STOPPED',
      basis: 'TRACK',
      pilotEtaMs: null,
      isHeadingIn: null,
    });
    expect(alone?.berthEtaMs).toBeCloseTo(earliest, -3);
    expect(alone?.remainingM).toBeCloseTo(14_900, 0);
    // A declared arrival later than that is the wait the track cannot show; the schedule's
    // plan comes before the AIS ETA; one earlier than the ship can make it is ignored.
    const ais = NOW + 6 * 60 * MINUTE;
    const planned = NOW + 5 * 60 * MINUTE;
    expect(predictArrival(input(anchored, { aisEtaMs: ais }))).toMatchObject({
      berthEtaMs: ais,
      basis: 'AIS',
    });
    expect(predictArrival(input(anchored, { aisEtaMs: ais, plannedEtaMs: planned }))).toMatchObject(
      {
        berthEtaMs: planned,
        basis: 'PLANNED',
      },
    );
    expect(
      predictArrival(input(anchored, { aisEtaMs: NOW + 30 * MINUTE }))?.berthEtaMs,
    ).toBeCloseTo(earliest, -3);
    // A declared date a month ahead is a mistake, not a wait.
    expect(predictArrival(input(anchored, { aisEtaMs: NOW + 30 * 86_400_000 }))?.basis).toBe(
      'TRACK',
    );
    // Just anchored after ten minutes at 3.5 kn: stopped, not leaving.
    const justAnchored = predictArrival(
      input(
        [
          ...Array.from({ length: 10 }, (_, i) =>
            fix(
              14_000 + (10 - i) * 100,
              500,
              3.5,
              270,
              'UNDER_WAY_USING_ENGINE',
              NOW - (10 - i) * MINUTE,
            ),
          ),
          fix(14_000, 500, 0.3, 270, 'AT_ANCHOR', NOW),
        ],
        { aisEtaMs: ais },
      ),
    );
    expect(justAnchored).toMatchObject({ motion: 'STOPPED', basis: 'AIS' });
    // Under way again after anchoring: the wait is over, the track alone counts.
    const leaving = predictArrival(
      input([...anchored, fix(13_000, 0, 9, 270, 'UNDER_WAY_USING_ENGINE', NOW + 20 * MINUTE)], {
        aisEtaMs: ais,
      }),
    );
    expect(leaving).toMatchObject({ motion: 'LEFT_ANCHORAGE', basis: 'TRACK', isHeadingIn: true });
    expect(leaving?.remainingM).toBeCloseTo(13_400, 0);
  });

  it('takes a stale status for what the speed says, and a ship waiting outside the boarding ground waits there', () => {
    // "At anchor" at 9 kn: under way.
    const stale = predictArrival(input([fix(10_000, 9_000, 9, 180, 'AT_ANCHOR')]));
    expect(stale?.motion).toBe('UNDER_WAY');
    // Drifting 2 km outside PB with a berth window 8 h ahead: the pilot boards 8 h ahead less
    // the transit from the boarding ground in.
    const drifting = predictArrival(
      input([fix(10_000, 12_000, 0.4, 0, 'UNDER_WAY_USING_ENGINE')], {
        plannedEtaMs: NOW + 8 * 60 * MINUTE,
      }),
    );
    const fromPilotS =
      seconds(20_000 - 1_852, FAIRWAY_KNOTS) +
      seconds(1_852 - 100, TUG_KNOTS) +
      seconds(500, BERTHING_KNOTS);
    expect(drifting).toMatchObject({
      motion: 'STOPPED',
      basis: 'PLANNED',
      berthEtaMs: NOW + 8 * 60 * MINUTE,
    });
    expect(drifting?.pilotEtaMs).toBeCloseTo(NOW + 8 * 60 * MINUTE - fromPilotS * 1000, -3);
  });

  it('follows the straight line without a fairway, and smooths the speed over the last 10 minutes', () => {
    const fixes = [
      fix(0, 20_000, 20, 180, 'UNDER_WAY_USING_ENGINE', NOW - 20 * MINUTE),
      fix(0, 19_000, 11, 180, 'UNDER_WAY_USING_ENGINE', NOW - 8 * MINUTE),
      fix(0, 18_500, 13, 180, 'UNDER_WAY_USING_ENGINE', NOW),
    ];
    const prediction = predictArrival(input(fixes, { fairway: null, pilotBoardings: [] }));
    expect(prediction?.remainingM).toBeCloseTo(18_900, 0);
    // No network: 12 kn (the mean of 11 and 13) over open water to the mile before the final
    // 500 m, then the port's speeds.
    const expected =
      seconds(18_900 - 500 - 1_852, 12) + seconds(1_852, TUG_KNOTS) + seconds(500, BERTHING_KNOTS);
    expect(prediction?.berthEtaMs).toBeCloseTo(NOW + expected * 1000, -3);
    expect(predictArrival(input([]))).toBeNull();
  });
});
