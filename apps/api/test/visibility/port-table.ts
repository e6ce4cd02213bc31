import type { Position } from '@harbor/shared';
import {
  BOXES,
  GATE_IN_AT,
  type Owner,
  PHONES,
  T0,
  TRACK,
  type VisibilityWorld,
  type Who,
  YANGSHAN,
} from '../worlds/visibility.ts';
import { type Entry, entry } from './entry.ts';
import { next } from './fresh.ts';
import {
  anyone,
  handles,
  loggedIn,
  outcome,
  type Problems,
  portStaff,
  role,
  scoped,
  scopedContainers,
  seen,
  sees,
  vehicleOwners,
} from './rule.ts';

// Port data (vessels, visits, geography, the yard's layout) is everyone's; containers follow
// the sharing rule; on the map, vessels are everyone's and a truck its terminal's company's.
const iso = (hours: number) => new Date(T0.getTime() + hours * 3_600_000).toISOString();
const portWriters = outcome(loggedIn, role('ADMIN', 'PORT_OPERATOR'), portStaff);

/** A restricted area drawn off Yangshan, as the zones screen sends it. */
function drawnZone(code: string) {
  const [lon, lat] = [122.2, 30.55];
  return {
    code,
    name: `Drawn ${code}`,
    kind: 'RESTRICTED_AREA' as const,
    polygon: {
      type: 'Polygon' as const,
      coordinates: [
        [
          [lon, lat],
          [lon + 0.01, lat],
          [lon + 0.01, lat + 0.01],
          [lon, lat + 0.01],
          [lon, lat],
        ] as [number, number][],
      ] as [[number, number][]],
    },
  };
}

/** A zone stored for the call to change or delete (port staff made it earlier). */
async function storedZone(world: VisibilityWorld): Promise<string> {
  const port = await world.db.prisma.port.findFirstOrThrow();
  const zone = drawnZone(`VIS-${next()}`);
  const [lon, lat] = [122.2, 30.55];
  const row = await world.db.prisma.zone.create({
    data: {
      ...zone,
      portId: port.id,
      minLon: lon,
      minLat: lat,
      maxLon: lon + 0.01,
      maxLat: lat + 0.01,
    },
  });
  return row.id;
}

/** A truck's owner by its terminal phone; a vessel is nobody's and everyone's. */
function ownerOnMap(position: Position): Owner | 'vessel' {
  if (position.assetKind === 'VESSEL') return 'vessel';
  if (position.assetKey === PHONES.dhcl) return 'dhcl';
  if (position.assetKey === PHONES.lgft) return 'lgft';
  if (position.assetKey === PHONES.unregistered) return null;
  return 'other';
}

/** The map: every vessel, and the trucks of the organizations the viewer sees. */
export function scopedMap(who: Who, positions: Position[], present: Owner[]): Problems {
  const owners = positions.map(ownerOnMap);
  const trucks = owners.filter((owner): owner is Owner => owner !== 'vessel');
  const problems = scoped(who, trucks, present);
  return owners.includes('vessel') ? problems : [...problems, 'misses the vessel'];
}

export const portTable: Record<string, Entry> = {
  'vessels.list': entry({ call: ({ as }) => as.vessels.list({ limit: 500 }), expect: anyone }),
  'vessels.get': entry({
    call: ({ as, world }) => as.vessels.get({ id: world.vessel.id }),
    expect: anyone,
  }),
  'vessels.create': entry({
    call: ({ as }) => as.vessels.create({ mmsi: 413_000_000 + next() }),
    expect: portWriters,
  }),
  'vessels.update': entry({
    call: async ({ as, fresh }) => as.vessels.update({ id: await fresh.vessel(), name: 'RENAMED' }),
    expect: portWriters,
  }),

  'visits.list': entry({ call: ({ as }) => as.visits.list({}), expect: anyone }),
  'visits.get': entry({
    call: ({ as, world }) => as.visits.get({ id: world.visitId }),
    expect: anyone,
  }),
  'visits.berthPlan': entry({
    call: ({ as, world }) =>
      as.visits.berthPlan({ terminalId: world.terminal.id, from: iso(0), to: iso(72) }),
    expect: anyone,
  }),
  'visits.create': entry({
    call: ({ as, world }) =>
      as.visits.create({ vessel: { id: world.vessel.id }, terminalId: world.terminal.id }),
    expect: portWriters,
  }),
  'visits.update': entry({
    call: async ({ as, fresh }) =>
      as.visits.update({ id: await fresh.visit(), voyageNumber: `V${next()}` }),
    expect: portWriters,
  }),
  'visits.replan': entry({
    call: async ({ as, fresh, world }) => {
      const berth = await world.db.prisma.berth.findFirstOrThrow({
        where: { terminalId: world.terminal.id },
      });
      return as.visits.replan({
        id: await fresh.visit(),
        berthId: berth.id,
        eta: iso(48),
        etd: iso(60),
      });
    },
    expect: portWriters,
  }),
  'visits.cancel': entry({
    call: async ({ as, fresh }) => as.visits.cancel({ id: await fresh.visit() }),
    expect: portWriters,
  }),
  'visits.importSchedule': entry({
    call: ({ as, world }) =>
      as.visits.importSchedule({
        csv: `vessel,voyage,terminal,eta\n${world.vessel.mmsi},S${next()},YSP1,${iso(30)}`,
      }),
    expect: portWriters,
  }),

  'port.terminals': entry({ call: ({ as }) => as.port.terminals(), expect: anyone }),

  // Truck appointments: a terminal's capacity and load are port data; its capacity is set by
  // the port authority or the terminal's operator (SIPG runs every seeded terminal); a booking
  // is its truck's company's; a list shows a company its own, the port and the operator all.
  'gates.capacity': entry({
    call: ({ as, world }) => as.gates.capacity({ terminalId: world.terminal.id }),
    expect: anyone,
  }),
  'gates.setCapacity': entry({
    call: ({ as, world }) =>
      as.gates.setCapacity({
        terminalId: world.terminal.id,
        moveKind: 'EMPTY',
        trucksPerHour: 1_000,
      }),
    expect: outcome(loggedIn, role('ADMIN', 'PORT_OPERATOR'), (who) =>
      who.org === 'port' || who.org === 'sipg' ? null : 'FORBIDDEN',
    ),
  }),
  'gates.book': entry({
    call: async ({ as, world }) => {
      const key = { terminalId: world.terminal.id, moveKind: 'EMPTY' } as const;
      await world.db.prisma.gateCapacity.upsert({
        where: { terminalId_moveKind: key },
        create: { ...key, trucksPerHour: 1_000 },
        update: {},
      });
      return as.gates.book({
        ...key,
        vehicleId: world.dhcl.truck,
        slotStart: iso(next() + 1),
      });
    },
    expect: outcome(loggedIn, role('ADMIN', 'DISPATCHER'), seen('dhcl'), (who) =>
      who.org === 'dhcl' ? null : 'FORBIDDEN',
    ),
  }),
  'gates.cancel': entry({
    call: async ({ as, world }) => {
      const booked = await world.db.prisma.truckAppointment.create({
        data: {
          organizationId: world.orgIds.dhcl,
          terminalId: world.terminal.id,
          moveKind: 'EMPTY',
          slotStart: new Date(iso(next() + 1)),
          vehicleId: world.dhcl.truck,
        },
      });
      return as.gates.cancel({ id: booked.id });
    },
    expect: outcome(loggedIn, role('ADMIN', 'DISPATCHER'), (who) =>
      who.org === 'dhcl' ? null : 'NOT_FOUND',
    ),
  }),
  'gates.appointments': entry({
    call: ({ as }) => as.gates.appointments({ from: iso(-24), to: iso(100) }),
    expect: anyone,
    check: (appointments, { who, world }) => {
      const seesAll = who.org === 'port' || who.org === 'sipg';
      return appointments
        .filter((a) => !seesAll && (!who.org || a.organizationId !== world.orgIds[who.org]))
        .map((a) => `sees appointment ${a.id} of another company`);
    },
  }),
  'gates.punctuality': entry({
    call: ({ as }) => as.gates.punctuality({ from: iso(-24), to: iso(100) }),
    expect: anyone,
    check: (rows, { who, world }) => {
      const seesAll = who.org === 'port' || who.org === 'sipg';
      return rows
        .filter((r) => !seesAll && (!who.org || r.organizationId !== world.orgIds[who.org]))
        .map((r) => `sees the punctuality of ${r.organizationName}`);
    },
  }),
  'gates.load': entry({
    call: ({ as, world }) =>
      as.gates.load({ terminalId: world.terminal.id, from: iso(0), to: iso(24) }),
    expect: anyone,
  }),
  'gates.queue': entry({
    call: ({ as, world }) => as.gates.queue({ terminalId: world.terminal.id }),
    expect: anyone,
    // Counts for anyone; trucks only of a company the viewer sees, or all for port staff.
    check: async (queue, { who, world }) =>
      scoped(
        who,
        await vehicleOwners(
          world,
          queue.trucks.map((t) => t.vehicleId),
        ),
        [],
      ),
  }),
  'port.berths': entry({ call: ({ as }) => as.port.berths({}), expect: anyone }),
  'port.zones': entry({ call: ({ as }) => as.port.zones({}), expect: anyone }),
  'port.createZone': entry({
    call: ({ as }) => as.port.createZone(drawnZone(`VIS-${next()}`)),
    expect: portWriters,
  }),
  'port.updateZone': entry({
    call: async ({ as, world }) =>
      as.port.updateZone({ id: await storedZone(world), speedLimitKmh: 20 }),
    expect: portWriters,
  }),
  'port.deleteZone': entry({
    call: async ({ as, world }) => as.port.deleteZone({ id: await storedZone(world) }),
    expect: portWriters,
  }),
  'port.land': entry({ call: ({ as }) => as.port.land({ bbox: YANGSHAN }), expect: anyone }),

  'yard.blocks': entry({
    call: ({ as, world }) => as.yard.blocks({ terminalId: world.terminal.id }),
    expect: anyone,
  }),
  'yard.block': entry({
    call: ({ as, world }) => as.yard.block({ yardBlockId: world.terminal.yardBlockId }),
    expect: anyone,
    check: (grid, { who }) =>
      scopedContainers(
        who,
        grid.slots.map((slot) => slot.containerNumber),
      ),
  }),
  'yard.freeSlots': entry({
    call: ({ as, world }) => as.yard.freeSlots({ terminalId: world.terminal.id, lengthFeet: 20 }),
    expect: anyone,
  }),
  'yard.occupancy': entry({ call: ({ as }) => as.yard.occupancy({}), expect: anyone }),

  'containers.get': entry({
    call: ({ as }) => as.containers.get({ number: BOXES.lgft }),
    expect: anyone,
    check: (view, { who }) =>
      view.access === (handles(who, BOXES.lgft) ? 'FULL' : 'STATUS') ? [] : [`${view.access} view`],
  }),
  'containers.recordEvent': entry({
    call: ({ as, fresh, world }) =>
      as.containers.recordEvent({
        containerNumber: fresh.box(),
        isoSizeType: '22G1',
        eventType: 'GTIN',
        emptyIndicator: 'EMPTY',
        eventAt: iso(-100),
        terminalId: world.terminal.id,
      }),
    // Port staff anywhere, a terminal operator at its own terminals (SIPG runs YSP1).
    expect: outcome(loggedIn, role('ADMIN', 'PORT_OPERATOR'), (who) =>
      who.org === 'port' || who.org === 'sipg' ? null : 'FORBIDDEN',
    ),
  }),
  'containers.search': entry({
    call: ({ as }) => as.containers.search({ limit: 500 }),
    expect: anyone,
    check: (page, { who }) =>
      scopedContainers(
        who,
        page.items.map((row) => row.number),
      ),
  }),
  'containers.overDwell': entry({
    call: ({ as }) => as.containers.overDwell({ hours: 1, limit: 500 }),
    expect: anyone,
    check: (rows, { who }) =>
      scopedContainers(
        who,
        rows.map((row) => row.number),
      ),
  }),

  'containerGrants.list': entry({
    call: ({ as, world }) => as.containerGrants.list({ organizationId: world.orgIds.dhcl }),
    // Port administrators see every organization's grants; an organization its own.
    expect: outcome(loggedIn, (who) =>
      (who.org === 'port' && who.role === 'ADMIN') || who.org === 'dhcl' ? null : 'FORBIDDEN',
    ),
    check: (grants, { who, world }) =>
      scoped(
        who,
        grants.map((grant) => world.ownerOf(grant.organizationId)),
        ['dhcl'],
      ),
  }),
  'containerGrants.grant': entry({
    call: async ({ as, fresh }) =>
      as.containerGrants.grant({ organizationId: await fresh.grantee(), scope: 'ALL_CONTAINERS' }),
    expect: outcome(loggedIn, role('ADMIN'), portStaff),
  }),
  'containerGrants.revoke': entry({
    call: async ({ as, fresh }) =>
      as.containerGrants.revoke({
        organizationId: await fresh.grantee(true),
        scope: 'ALL_CONTAINERS',
      }),
    expect: outcome(loggedIn, role('ADMIN'), portStaff),
  }),

  'positions.inViewport': entry({
    call: ({ as }) => as.positions.inViewport({ bbox: YANGSHAN }),
    expect: anyone,
    check: (positions, { who }) => scopedMap(who, positions, ['dhcl', 'lgft', null]),
  }),
  'positions.track': entry({
    call: ({ as }) =>
      as.positions.track({
        assetKind: 'VEHICLE',
        assetKey: PHONES.dhcl,
        from: TRACK.from.toISOString(),
        to: TRACK.to.toISOString(),
      }),
    expect: outcome(loggedIn, seen('dhcl')),
    check: (positions) => (positions.length === 6 ? [] : [`${positions.length} fixes`]),
  }),

  'dashboards.vesselsInPort': entry({
    call: ({ as }) => as.dashboards.vesselsInPort(),
    expect: anyone,
  }),
  'dashboards.berthOccupancy': entry({
    call: ({ as }) => as.dashboards.berthOccupancy(),
    expect: anyone,
  }),
  'dashboards.yardUtilisation': entry({
    call: ({ as }) => as.dashboards.yardUtilisation(),
    expect: anyone,
  }),
  'dashboards.gateMoves': entry({
    call: ({ as }) =>
      as.dashboards.gateMoves({
        from: new Date(GATE_IN_AT.getTime() - 3_600_000).toISOString(),
        to: new Date(GATE_IN_AT.getTime() + 3_600_000).toISOString(),
      }),
    expect: anyone,
    // One gate-in by each company's truck: a viewer counts those of the companies it sees.
    check: (terminals, { who }) => {
      const counted = terminals.reduce((sum, terminal) => sum + terminal.gateIn, 0);
      const expected = (['dhcl', 'lgft'] as const).filter((org) => sees(who, org)).length;
      return counted === expected ? [] : [`counts ${counted} gate-ins, not ${expected}`];
    },
  }),
  'dashboards.portKpis': entry({
    call: ({ as }) => as.dashboards.portKpis({ from: '2026-11-24', to: '2026-11-25' }),
    // Port staff, every terminal; a terminal operator, the terminals it runs (SIPG: all seeded).
    expect: outcome(loggedIn, (who) =>
      who.org === 'port' || who.org === 'sipg' ? null : 'FORBIDDEN',
    ),
    check: async (kpis, { who, world }) => {
      const terminals = await world.db.prisma.terminal.findMany({
        where: who.org === 'port' ? {} : { operatorOrganizationId: world.orgIds.sipg },
        select: { code: true },
      });
      const expected = terminals.map((terminal) => terminal.code).sort();
      const shown = kpis.terminals.map((terminal) => terminal.terminalCode).sort();
      return JSON.stringify(shown) === JSON.stringify(expected)
        ? []
        : [`shows terminals ${shown.join(' ')}, not ${expected.join(' ')}`];
    },
  }),
  'dashboards.dwell': entry({
    call: ({ as }) => as.dashboards.dwell({ limitHours: 1, top: 100 }),
    expect: anyone,
    check: (dwell, { who }) =>
      scopedContainers(
        who,
        dwell.top.map((row) => row.containerNumber),
      ),
  }),
};
