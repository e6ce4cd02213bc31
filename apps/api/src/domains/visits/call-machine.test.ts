import { describe, expect, it } from 'vitest';
import { advanceCall, type CallState, type Place, type Sample } from './call-machine.ts';

const B1 = { zoneId: 'z-b1', berthId: 'b1', terminalId: 't1' };
const B2 = { zoneId: 'z-b2', berthId: 'b2', terminalId: 't1' };
const sea: Place = {
  portId: 'p',
  inApproach: true,
  anchorage: null,
  berth: null,
  pilot: null,
  inFairway: false,
  toBerthM: 20_000,
  bearingToBerthDeg: 270,
};
const anchorage: Place = { ...sea, anchorage: 'z-anch' };
const pilot: Place = { ...sea, pilot: 'z-pilot' };
const fairway: Place = { ...sea, inFairway: true, toBerthM: 6_000 };
const atB1: Place = { ...sea, berth: B1, toBerthM: 0 };
const atB2: Place = { ...sea, berth: B2, toBerthM: 0 };
const outside: Place = { ...sea, inApproach: false };

const fresh = (): CallState => ({
  status: 'APPROACHING',
  berthId: 'b1',
  terminalId: 't1',
  arrivedAt: new Date(0),
  anchoredAt: null,
  ata: null,
  atd: null,
  alongside: null,
  anchorageZoneId: null,
  lastUnberthedAt: null,
  hasPilotBoarded: false,
});
let t = 0;
const s = (speedKnots: number, status = 'UNDER_WAY_USING_ENGINE'): Sample => {
  t += 60_000;
  return {
    at: t,
    lon: 122,
    lat: 30.6,
    speedKnots,
    courseDeg: 270,
    status,
  };
};

function run(state: CallState, steps: [Sample, Place | null][]) {
  return steps.flatMap(([sample, place]) => {
    const { events, ending } = advanceCall(state, sample, place);
    return [...events.map((event) => event.kind), ...(ending ? [`(${ending})`] : [])];
  });
}

describe('a port call moved on by its ship positions', () => {
  it('goes approaching → pilot → at anchor → berthing → berthed → departed, with the times of the positions', () => {
    const call = fresh();
    const kinds = run(call, [
      [s(12), sea],
      [s(10), pilot],
      [s(0.2, 'AT_ANCHOR'), anchorage],
      [s(0.1, 'AT_ANCHOR'), anchorage],
      [s(6), anchorage],
      [s(9), fairway],
      [s(1.5), atB1],
      [s(0, 'MOORED'), atB1],
      [s(0, 'MOORED'), atB1],
      [s(3), fairway],
      [s(12), sea],
      [s(14), outside],
    ]);
    expect(kinds).toEqual([
      'PILOT_BOARDED',
      'ANCHORED',
      'ANCHOR_AWEIGH',
      'BERTHING',
      'BERTHED',
      'UNBERTHED',
      'DEPARTED',
      '(departed)',
    ]);
    expect(call.status).toBe('DEPARTED');
    expect(call.ata?.getTime()).toBe(t - 4 * 60_000);
    expect(call.atd?.getTime()).toBe(t - 2 * 60_000);
  });

  it('a ship drifting slowly through an anchorage with engines going is not at anchor; AIS "at anchor" is', () => {
    const call = fresh();
    expect(run(call, [[s(2), anchorage]])).toEqual([]);
    expect(run(call, [[s(1.2, 'AT_ANCHOR'), anchorage]])).toEqual(['ANCHORED']);
  });

  it('a shift: leaving a berth for an anchorage and a berth again reopens the call (SHIFTING, not BERTHING)', () => {
    const call = fresh();
    const kinds = run(call, [
      [s(0, 'MOORED'), atB1],
      [s(2), sea],
      [s(0.1, 'AT_ANCHOR'), anchorage],
      [s(5), anchorage],
      [s(0, 'MOORED'), atB2],
    ]);
    expect(kinds).toEqual(['BERTHED', 'UNBERTHED', 'ANCHORED', 'ANCHOR_AWEIGH', 'BERTHED']);
    expect(call).toMatchObject({ status: 'BERTHED', berthId: 'b2', atd: null });
    const shifting = fresh();
    run(shifting, [
      [s(0, 'MOORED'), atB1],
      [s(2), sea],
      [s(0.1, 'AT_ANCHOR'), anchorage],
      [s(5), sea],
    ]);
    expect(shifting.status).toBe('SHIFTING');
  });

  it('out of one berth and into the next at one position: a shift along the quay', () => {
    const call = fresh();
    expect(
      run(call, [
        [s(0, 'MOORED'), atB1],
        [s(0.8), atB2],
      ]),
    ).toEqual(['BERTHED', 'UNBERTHED', 'BERTHED']);
    expect(call.alongside).toEqual(B2);
  });

  it('leaving the port without anchoring or berthing abandons the call; after berthing it departs with the ATD of the berth', () => {
    expect(
      run(fresh(), [
        [s(12), sea],
        [s(12), outside],
      ]),
    ).toEqual(['(abandoned)']);
    const call = fresh();
    run(call, [
      [s(0, 'MOORED'), atB1],
      [s(4), sea],
      [s(0.1, 'AT_ANCHOR'), anchorage],
      [s(8), sea],
    ]);
    const unberthed = call.lastUnberthedAt;
    expect(run(call, [[s(12), outside]])).toEqual(['DEPARTED', '(departed)']);
    expect(call.atd).toEqual(unberthed);
  });
});
