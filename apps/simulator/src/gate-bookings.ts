import { GateMoveKindSchema, TruckAppointmentSchema } from '@harbor/shared';
import { z } from 'zod';
import { TERMINALS } from './geography.ts';
import type { Random } from './random.ts';
import { HarborApiError } from './transports/harbor-session.ts';
import type { TruckHaul } from './truck-sim.ts';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const MOVE_KINDS = GateMoveKindSchema.options;
type MoveKind = (typeof MOVE_KINDS)[number];

/** How a truck's booking will turn out, as the simulation means it (Harbor judges it itself). */
export type BookingIntent = 'ON_TIME' | 'EARLY' | 'LATE' | 'NO_SHOW';

/** One booking the simulated dispatchers make: a truck, a terminal's gates, an hour. */
export type GateBooking = {
  terminalPhone: string;
  plate: string;
  terminalCode: string;
  moveKind: MoveKind;
  slotStart: Date;
  intent: BookingIntent;
};

export type BookingTruck = {
  terminalPhone: string;
  plate: string;
  hauls: readonly TruckHaul[];
};

/**
 * The terminal visits the trucks will make between `fromMs` and `untilMs`, booked as truck
 * appointment systems see them: most trucks book the hour they will come in; some book an
 * hour too early (they come late) or too late (they come early), and some book a terminal they
 * then do not go to (a no-show). A visit is a haul to a terminal's gate that begins away from
 * that terminal. Bookings are for hours not over at `fromMs`; what the simulation then does
 * decides how each was kept. Deterministic for a given random stream.
 */
export function planGateBookings(
  trucks: readonly BookingTruck[],
  options: { fromMs: number; untilMs: number; random: Random },
): GateBooking[] {
  const { fromMs, untilMs, random } = options;
  const firstHour = Math.floor(fromMs / HOUR_MS) * HOUR_MS;
  const bookings: GateBooking[] = [];
  for (const truck of trucks) {
    const draw = random.fork(truck.terminalPhone);
    const visited = new Set<string>();
    for (const [k, haul] of truck.hauls.entries()) {
      const terminalCode = terminalOfGate(haul.to);
      if (!terminalCode || haul.arrivesAtMs < fromMs + 10 * MINUTE_MS) continue;
      if (haul.arrivesAtMs > untilMs) break;
      const before = truck.hauls[k - 1];
      if (before && (terminalOfGate(before.from) === terminalCode || before.to === haul.to))
        continue;
      visited.add(terminalCode);
      const hour = Math.floor(haul.arrivesAtMs / HOUR_MS) * HOUR_MS;
      const roll = draw.next();
      const moveKind = MOVE_KINDS[Math.floor(draw.next() * MOVE_KINDS.length)] as MoveKind;
      let intent: BookingIntent = 'ON_TIME';
      let slotStart = hour;
      if (roll < 0.15 && hour - HOUR_MS >= firstHour) {
        intent = 'LATE';
        slotStart = hour - HOUR_MS;
      } else if (roll < 0.3) {
        intent = 'EARLY';
        slotStart = hour + HOUR_MS;
      } else if (roll < 0.4) {
        // Booked for this hour at another terminal, which it never reaches.
        const elsewhere = TERMINALS.filter(
          (t) =>
            t.code !== terminalCode && !truck.hauls.some((h) => terminalOfGate(h.to) === t.code),
        );
        const other = elsewhere[Math.floor(draw.next() * elsewhere.length)];
        if (other) {
          bookings.push({
            terminalPhone: truck.terminalPhone,
            plate: truck.plate,
            terminalCode: other.code,
            moveKind,
            slotStart: new Date(hour),
            intent: 'NO_SHOW',
          });
          continue;
        }
      }
      bookings.push({
        terminalPhone: truck.terminalPhone,
        plate: truck.plate,
        terminalCode,
        moveKind,
        slotStart: new Date(slotStart),
        intent,
      });
    }
  }
  return bookings;
}

/** The terminal whose gate a road node is (`YSP4-GATE`), or null (a depot, the bridge gate). */
function terminalOfGate(node: string): string | null {
  const code = node.endsWith('-GATE') ? node.slice(0, -'-GATE'.length) : null;
  return code && TERMINALS.some((t) => t.code === code) ? code : null;
}

/** Where bookings go: a company dispatcher's session with Harbor (HarborSession), or a test's. */
export type BookingSession = {
  query(procedure: string, input: unknown): Promise<unknown>;
  mutate(procedure: string, input: unknown): Promise<unknown>;
};

export type GateBookerCounters = {
  booked: number;
  /** Refused by Harbor (the hour full, the truck booked already, the hour over). */
  refused: number;
  /** No session's company has the truck, or Harbor does not know the terminal. */
  unknown: number;
};

const Terminals = z.array(z.object({ id: z.string(), code: z.string() }));
const VehiclePage = z.object({ items: z.array(z.object({ id: z.string(), plate: z.string() })) });

/**
 * Books the planned slots through the companies' dispatchers' sessions (`gates.book`): each
 * truck by the session whose company owns it. Refusals are counted and logged, never thrown:
 * the simulation goes on.
 */
export class GateBooker {
  readonly counters: GateBookerCounters = { booked: 0, refused: 0, unknown: 0 };

  constructor(
    private readonly sessions: readonly BookingSession[],
    private readonly log: (line: string) => void,
  ) {}

  async book(bookings: readonly GateBooking[]): Promise<void> {
    const [first] = this.sessions;
    if (!first) return;
    const terminals = new Map(
      Terminals.parse(await first.query('port.terminals', undefined)).map((t) => [t.code, t.id]),
    );
    const owners = new Map<string, { session: BookingSession; vehicleId: string }>();
    for (const session of this.sessions) {
      const page = VehiclePage.parse(await session.query('vehicles.list', { limit: 500 }));
      for (const vehicle of page.items)
        owners.set(vehicle.plate, { session, vehicleId: vehicle.id });
    }
    for (const booking of bookings) {
      const owner = owners.get(booking.plate);
      const terminalId = terminals.get(booking.terminalCode);
      if (!owner || !terminalId) {
        this.counters.unknown++;
        continue;
      }
      try {
        TruckAppointmentSchema.parse(
          await owner.session.mutate('gates.book', {
            vehicleId: owner.vehicleId,
            terminalId,
            moveKind: booking.moveKind,
            slotStart: booking.slotStart.toISOString(),
          }),
        );
        this.counters.booked++;
      } catch (error) {
        if (!(error instanceof HarborApiError)) throw error;
        this.counters.refused++;
        this.log(
          `gate booking ${booking.plate} ${booking.terminalCode} ${booking.slotStart.toISOString()}: ${error.reason ?? error.message}`,
        );
      }
    }
    this.log(
      `gate bookings: ${this.counters.booked} booked, ${this.counters.refused} refused, ${this.counters.unknown} for trucks or terminals Harbor does not know`,
    );
  }
}
