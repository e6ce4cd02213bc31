import { describe, expect, it } from 'vitest';
import { GateBooker, type GateBooking, planGateBookings } from './gate-bookings.ts';
import { createRandom } from './random.ts';
import { createScenario } from './scenario.ts';
import { HarborApiError } from './transports/harbor-session.ts';

const HOUR = 3_600_000;
const START = Date.parse('2026-11-25T00:00:00Z');

/** A day of 40 trucks, and the bookings made for it. */
function day(seed = 'bookings') {
  const scenario = createScenario({ seed, start: new Date(START), vessels: 0, vehicles: 40 });
  scenario.advanceTo(new Date(START + 24 * HOUR));
  const trucks = scenario.vehicles.map((v) => ({
    terminalPhone: v.terminalPhone,
    plate: v.plate,
    hauls: scenario.haulsOf(v.terminalPhone),
  }));
  const plan = planGateBookings(trucks, {
    fromMs: START,
    untilMs: START + 24 * HOUR,
    random: createRandom(`${seed}/gate-bookings`),
  });
  return { trucks, plan };
}

describe('planning gate bookings', () => {
  it('books most visits the hour they come, some an hour off, some a terminal skipped', () => {
    const { trucks, plan } = day();
    expect(plan.length).toBeGreaterThan(40);
    const share = (intent: string) => plan.filter((b) => b.intent === intent).length / plan.length;
    expect(share('ON_TIME')).toBeGreaterThan(0.4);
    for (const intent of ['EARLY', 'LATE', 'NO_SHOW']) expect(share(intent)).toBeGreaterThan(0);
    for (const booking of plan) {
      expect(booking.slotStart.getTime() % HOUR).toBe(0);
      expect(booking.slotStart.getTime()).toBeGreaterThanOrEqual(START);
      const hauls = trucks.find((t) => t.terminalPhone === booking.terminalPhone)?.hauls ?? [];
      const visits = hauls.filter((h) => h.to === `${booking.terminalCode}-GATE`);
      if (booking.intent === 'NO_SHOW') expect(visits).toEqual([]);
      else {
        // The visit it books for: the hour of its arrival, or the one before or after.
        const offset = { ON_TIME: 0, LATE: -HOUR, EARLY: HOUR }[booking.intent];
        expect(
          visits.some(
            (h) => Math.floor(h.arrivesAtMs / HOUR) * HOUR + offset === booking.slotStart.getTime(),
          ),
        ).toBe(true);
      }
    }
  });

  it('is the same for the same seed', () => {
    expect(day('same').plan).toEqual(day('same').plan);
  });
});

describe('the gate booker', () => {
  const booking = (plate: string, terminalCode: string): GateBooking => ({
    terminalPhone: '013900000001',
    plate,
    terminalCode,
    moveKind: 'EMPTY',
    slotStart: new Date(START + HOUR),
    intent: 'ON_TIME',
  });

  it('books each truck through its own company’s dispatcher, counting refusals', async () => {
    const calls: string[] = [];
    const session = (company: string, plates: string[]) => ({
      query: async (procedure: string) =>
        procedure === 'port.terminals'
          ? [{ id: 't-ysp4', code: 'YSP4' }]
          : { items: plates.map((plate) => ({ id: `v-${plate}`, plate })) },
      mutate: async (procedure: string, input: unknown) => {
        const { vehicleId } = input as { vehicleId: string };
        calls.push(`${company} ${procedure} ${vehicleId}`);
        if (vehicleId === 'v-沪E2')
          throw new HarborApiError('full', 'CONFLICT', 'appointment.slot-full');
        return {
          id: '11111111-1111-4111-8111-111111111111',
          organizationId: '22222222-2222-4222-8222-222222222222',
          terminalId: '33333333-3333-4333-8333-333333333333',
          moveKind: 'EMPTY',
          slotStart: new Date(START + HOUR).toISOString(),
          vehicle: { id: '44444444-4444-4444-8444-444444444444', plate: 'x' },
          dispatchJobId: null,
          status: 'BOOKED',
          arrivedAt: null,
          punctuality: 'PENDING',
          createdAt: new Date(START).toISOString(),
        };
      },
    });
    const lines: string[] = [];
    const booker = new GateBooker([session('DHCL', ['沪D1']), session('LGFT', ['沪E2'])], (line) =>
      lines.push(line),
    );
    await booker.book([
      booking('沪D1', 'YSP4'),
      booking('沪E2', 'YSP4'),
      booking('沪X9', 'YSP4'),
      booking('沪D1', 'NOPE'),
    ]);
    expect(calls).toEqual(['DHCL gates.book v-沪D1', 'LGFT gates.book v-沪E2']);
    expect(booker.counters).toEqual({ booked: 1, refused: 1, unknown: 2 });
    expect(lines.some((line) => line.includes('appointment.slot-full'))).toBe(true);
  });
});
