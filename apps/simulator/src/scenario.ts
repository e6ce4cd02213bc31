import { berthOrder, makeVessel, type Vessel } from './fleet.ts';
import type { Port } from './geography.ts';
import { createRandom, type Random } from './random.ts';
import type { AisReport, SimReport, TruckReport } from './reports.ts';
import { type TruckHaul, TruckSim, type Vehicle } from './truck-sim.ts';
import { VesselSim } from './vessel-sim.ts';

/** A truck terminal given to the scenario: its 12-digit phone (JT/T 808-2013 header) and, optionally, its plate. */
export type VehicleInput = { terminalPhone: string; plate?: string };

export type ScenarioOptions = {
  seed: string | number;
  /** Simulated time at which the scenario starts. */
  start: Date;
  /** Number of ships (default 30). */
  vessels?: number;
  /** Truck terminals, or how many to invent with phones 013900000001, 013900000002, ... (default 40). */
  vehicles?: number | readonly VehicleInput[];
  /** Dropouts, lost and duplicated truck reports (default true). */
  hasFaults?: boolean;
};

export type Scenario = {
  readonly seed: string;
  readonly start: Date;
  /** Simulated time up to which reports have been handed out. */
  readonly now: Date;
  readonly vessels: readonly Vessel[];
  readonly vehicles: readonly Vehicle[];
  /** A truck's hauls planned so far (at least those under way by `now`), oldest first. */
  haulsOf(terminalPhone: string): readonly TruckHaul[];
  /** The reports due after `now` up to `time` (inclusive), in time order; `now` becomes `time`. */
  advanceTo(time: Date): SimReport[];
  advanceBy(ms: number): SimReport[];
};

const TERMINAL_PHONE = /^\d{12}$/;

/**
 * The Port of Shanghai scenario. Pure: everything follows from the options (no clock, no
 * I/O), and every ship and truck draws from its own random stream forked from the seed, so
 * the same seed gives the same report stream however the time is advanced.
 */
export function createScenario(options: ScenarioOptions): Scenario {
  const seed = String(options.seed);
  const random = createRandom(seed);
  const startMs = options.start.getTime();
  if (!Number.isFinite(startMs)) throw new RangeError('start is not a valid date');
  const vesselSims = makeVessels(random, options.vessels ?? 30, startMs);
  const truckSims = makeVehicles(random, options.vehicles ?? 40).map(
    (vehicle) =>
      new TruckSim(
        vehicle,
        random.fork(`truck/${vehicle.terminalPhone}`),
        startMs,
        options.hasFaults ?? true,
      ),
  );
  let nowMs = startMs;
  const advanceTo = (time: Date): SimReport[] => {
    const untilMs = time.getTime();
    if (untilMs < nowMs) throw new RangeError('a scenario only moves forward in time');
    const ais: AisReport[] = [];
    const trucks: TruckReport[] = [];
    for (const sim of vesselSims) sim.collect(untilMs, ais);
    for (const sim of truckSims) sim.collect(untilMs, trucks);
    nowMs = untilMs;
    // A stable sort: reports of one moment keep the order of their assets.
    return [...ais, ...trucks].sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
  };
  return {
    seed,
    start: new Date(startMs),
    get now() {
      return new Date(nowMs);
    },
    vessels: vesselSims.map((sim) => sim.vessel),
    vehicles: truckSims.map((sim) => sim.vehicle),
    haulsOf: (terminalPhone) =>
      truckSims.find((sim) => sim.vehicle.terminalPhone === terminalPhone)?.hauls ?? [],
    advanceTo,
    advanceBy: (ms) => advanceTo(new Date(nowMs + ms)),
  };
}

function makeVessels(random: Random, count: number, startMs: number): VesselSim[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError('vessels must be a whole number');
  const berths = berthOrder(random.fork('berths'));
  const mmsis = new Set<number>();
  const names = new Set<string>();
  const imos = new Set<number>();
  const sims: VesselSim[] = [];
  let cargoIndex = 0;
  for (let i = 0; i < count; i++) {
    const own = random.fork(`vessel/${i}`);
    let vessel = makeVessel(own.fork('identity'), i, cargoIndex, berths);
    if (vessel.berth) cargoIndex++;
    // Identities are unique within a scenario, as they are at sea.
    while (mmsis.has(vessel.mmsi)) vessel = { ...vessel, mmsi: vessel.mmsi + 1 };
    for (let n = 2; names.has(vessel.name); n++)
      vessel = { ...vessel, name: `${vessel.name.slice(0, 17)} ${n}` };
    if (vessel.imo !== null && imos.has(vessel.imo)) vessel = { ...vessel, imo: null };
    mmsis.add(vessel.mmsi);
    names.add(vessel.name);
    if (vessel.imo !== null) imos.add(vessel.imo);
    sims.push(new VesselSim(vessel, own, startMs));
  }
  return sims;
}

function makeVehicles(random: Random, vehicles: number | readonly VehicleInput[]): Vehicle[] {
  const inputs: VehicleInput[] =
    typeof vehicles === 'number'
      ? Array.from({ length: vehicles }, (_, i) => ({
          terminalPhone: `0139${String(i + 1).padStart(8, '0')}`,
        }))
      : [...vehicles];
  const phones = new Set<string>();
  const plates = new Set<string>();
  return inputs.map((input) => {
    if (!TERMINAL_PHONE.test(input.terminalPhone))
      throw new RangeError(`terminal phone ${input.terminalPhone} is not 12 digits`);
    if (phones.has(input.terminalPhone))
      throw new RangeError(`terminal phone ${input.terminalPhone} is given twice`);
    phones.add(input.terminalPhone);
    const own = random.fork(`vehicle/${input.terminalPhone}`);
    let plate = input.plate ?? shanghaiPlate(own);
    while (plates.has(plate)) plate = shanghaiPlate(own);
    plates.add(plate);
    const port: Port = own.chance(0.7) ? 'YANGSHAN' : 'WAIGAOQIAO';
    return {
      terminalPhone: input.terminalPhone,
      plate,
      plateColor: 2,
      manufacturerId: '70111',
      terminalModel: 'HB-808G',
      terminalId: input.terminalPhone.slice(-7),
      port,
    };
  });
}

/** A Shanghai goods-vehicle plate: 沪, an issuing-office letter, five digits. */
function shanghaiPlate(random: Random): string {
  return `沪${random.pick(['D', 'E', 'F', 'G', 'H', 'K'])}${String(random.int(0, 99_999)).padStart(5, '0')}`;
}
