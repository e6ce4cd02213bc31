import { CSV_COLUMNS } from '@harbor/shared';
import { type Owner, PASSWORD, T0, TRACK } from '../worlds/visibility.ts';
import { type Entry, entry, type Run } from './entry.ts';
import { next } from './fresh.ts';
import {
  actsFor,
  anyone,
  everyone,
  loggedIn,
  notPortStaff,
  outcome,
  own,
  portStaff,
  role,
  scoped,
  seen,
  vehicleOwners,
} from './rule.ts';

// What organizations own: accounts, fleets, jobs, alerts, keys. Each thing a call names is
// DHCL's; each list must show no other organization's rows and the seeded ones it may see.
const iso = (hours: number) => new Date(T0.getTime() + hours * 3_600_000).toISOString();
const ALL = 500;
const writers = role('ADMIN', 'DISPATCHER');

/** A page of rows that name their organization: none the viewer may not see, `present` all there. */
const pageOwnedBy =
  (present: Owner[]) =>
  (page: { items: { organizationId: string | null }[] }, { who, world }: Run) =>
    scoped(
      who,
      page.items.map((row) => world.ownerOf(row.organizationId)),
      present,
    );

/** DHCL's supervision link (disabled: no process opens it in this world). */
async function dhclLink(world: Run['world']): Promise<string> {
  const organizationId = world.orgIds.dhcl;
  const link = await world.db.prisma.supervisionLink.upsert({
    where: { organizationId },
    create: {
      organizationId,
      enabled: false,
      host: '127.0.0.1',
      port: 1,
      userId: 1n,
      password: 'secret',
      gnssCenterId: 1n,
      platformId: '12345678901',
      downLinkIp: '127.0.0.1',
      downLinkPort: 1,
    },
    update: {},
  });
  return link.id;
}

/** A fresh inspection from DHCL's supervision platform. */
async function dhclInspection(world: Run['world']): Promise<string> {
  const linkId = await dhclLink(world);
  const request = await world.db.prisma.supervisionRequest.create({
    data: {
      linkId,
      organizationId: world.orgIds.dhcl,
      kind: 'INSPECTION',
      infoId: BigInt(next()),
      requestSerial: 1n,
      content: '请回答 3 + 4 = ?',
      receivedAt: new Date(),
    },
  });
  return request.id;
}

const SUPERVISION_SETTINGS = {
  enabled: false,
  edition: 'JT809_2011',
  host: '127.0.0.1',
  port: 1,
  userId: 1,
  password: 'secret',
  gnssCenterId: 1,
  platformId: '12345678901',
  downLinkIp: '127.0.0.1',
  downLinkPort: 1,
  encryption: null,
} as const;

export const organizationTable: Record<string, Entry> = {
  'supervision.link': entry({
    call: async ({ as, world }) => {
      await dhclLink(world);
      return as.supervision.link();
    },
    expect: anyone,
    check: async (link, { who, world }) => {
      if (who.org === 'dhcl')
        return link?.id === (await dhclLink(world)) ? [] : ["not DHCL's link"];
      return link && link.id === (await dhclLink(world)) ? ["another company's link"] : [];
    },
  }),
  'supervision.save': entry({
    call: ({ as }) => as.supervision.save(SUPERVISION_SETTINGS),
    expect: outcome(loggedIn, role('ADMIN')),
    check: async (link, { who, world }) => {
      const row = await world.db.prisma.supervisionLink.findUnique({ where: { id: link.id } });
      return row && who.org && row.organizationId === world.orgIds[who.org]
        ? []
        : ["saved another company's link"];
    },
  }),
  'supervision.share': entry({
    call: async ({ as, world }) => {
      await dhclLink(world);
      await as.supervision.save(SUPERVISION_SETTINGS);
      return as.supervision.share({ vehicleIds: [world.dhcl.truck], shared: true });
    },
    expect: outcome(loggedIn, role('ADMIN'), (who) => (who.org === 'dhcl' ? null : 'FORBIDDEN')),
  }),
  'supervision.requests': entry({
    call: async ({ as, world }) => {
      await dhclInspection(world);
      return as.supervision.requests({ limit: 200 });
    },
    expect: anyone,
    check: async (requests, { who, world }) => {
      const rows = await world.db.prisma.supervisionRequest.findMany({
        where: { id: { in: requests.map((r) => r.id) } },
        select: { organizationId: true },
      });
      // A company's own business with its platform: port staff see only their own too.
      const owners = new Set(rows.map((row) => world.ownerOf(row.organizationId)));
      const problems = [...owners].filter((o) => o !== who.org).map((o) => `shows ${o}'s`);
      if (who.org === 'dhcl' && !owners.has('dhcl')) problems.push("misses DHCL's");
      return problems;
    },
  }),
  'supervision.answer': entry({
    call: async ({ as, world }) =>
      as.supervision.answer({ id: await dhclInspection(world), answer: '7' }),
    expect: outcome(loggedIn, writers, (who) => (who.org === 'dhcl' ? null : 'NOT_FOUND')),
  }),

  'auth.login': entry({
    call: ({ as }) => as.auth.login({ email: 'dhclviewer@test.harbor.local', password: PASSWORD }),
    expect: everyone,
    check: (user, { world }) => (user.id === world.users.dhclViewer.id ? [] : ['another user']),
  }),
  'auth.logout': entry({ call: ({ as }) => as.auth.logout(), expect: everyone }),
  'auth.me': entry({
    call: ({ as }) => as.auth.me(),
    expect: anyone,
    check: (user, { who }) => (user.id === who.user?.id ? [] : ['another user']),
  }),
  // Who is logged in: the caller themselves, or null for nobody (never an error).
  'auth.session': entry({
    call: ({ as }) => as.auth.session(),
    expect: everyone,
    check: (user, { who }) => ((user?.id ?? undefined) === who.user?.id ? [] : ['another user']),
  }),
  'auth.acceptPasswordReset': entry({
    call: async ({ as, by, fresh }) => {
      const { token } = await by('dhclAdmin').users.resetPassword({ id: await fresh.user() });
      return as.auth.acceptPasswordReset({ token, password: 'a long new password' });
    },
    expect: everyone,
  }),
  // Their own account, whoever they are: a wrong current password is refused as such.
  'auth.updateProfile': entry({ call: ({ as }) => as.auth.updateProfile({}), expect: anyone }),
  'auth.changePassword': entry({
    call: ({ as }) =>
      as.auth.changePassword({ currentPassword: 'not it', newPassword: 'a long new password' }),
    expect: outcome(loggedIn, () => 'BAD_REQUEST'),
  }),
  'auth.acceptInvitation': entry({
    call: async ({ as, by }) => {
      const { token } = await by('dhclAdmin').users.invite({
        email: `joiner${next()}@dhcl.example.com`,
        name: 'Joiner',
        role: 'VIEWER',
      });
      return as.auth.acceptInvitation({ token, password: 'a long new password' });
    },
    expect: everyone,
  }),

  'organizations.list': entry({
    call: ({ as }) => as.organizations.list(),
    expect: anyone,
    check: (rows, { who, world }) =>
      scoped(
        who,
        rows.map((row) => world.ownerOf(row.id)),
        ['port', 'sipg', 'dhcl', 'lgft', 'line'],
      ),
  }),
  'organizations.get': entry({
    call: ({ as, world }) => as.organizations.get({ id: world.orgIds.dhcl }),
    expect: outcome(loggedIn, seen('dhcl')),
  }),
  'organizations.create': entry({
    call: ({ as }) =>
      as.organizations.create({ code: `ORG${next()}`, name: 'New Co', kind: 'LOGISTICS_COMPANY' }),
    expect: outcome(loggedIn, role('ADMIN'), portStaff),
  }),

  'organizations.update': entry({
    call: async ({ as, fresh }) =>
      as.organizations.update({ id: await fresh.grantee(), nameZh: '新单位' }),
    expect: outcome(loggedIn, role('ADMIN'), portStaff),
  }),

  // How long tracks are kept: the settings for admins, each organization's own rule only to
  // itself and port staff; rules are set by the port authority's admins.
  'history.retention': entry({
    call: async ({ as, by, world }) => {
      for (const org of ['dhcl', 'lgft'] as const)
        await by('portAdmin').history.setRetention({
          organizationId: world.orgIds[org],
          assetKind: 'VEHICLE',
          keepDays: 90,
        });
      return as.history.retention();
    },
    expect: outcome(loggedIn, role('ADMIN')),
    check: (retention, { who, world }) =>
      scoped(
        who,
        retention.rules.map((rule) => world.ownerOf(rule.organizationId)),
        ['dhcl', 'lgft'],
      ),
  }),
  'history.setRetention': entry({
    call: ({ as, world }) =>
      as.history.setRetention({
        organizationId: world.orgIds.dhcl,
        assetKind: 'VEHICLE',
        keepDays: 120,
      }),
    expect: outcome(loggedIn, role('ADMIN'), portStaff),
  }),

  'users.list': entry({
    call: ({ as }) => as.users.list({ limit: ALL }),
    expect: outcome(loggedIn, role('ADMIN')),
    check: pageOwnedBy(['port', 'sipg', 'dhcl', 'lgft', 'line']),
  }),
  'users.update': entry({
    call: async ({ as, fresh }) => as.users.update({ id: await fresh.user(), name: 'Renamed' }),
    expect: outcome(loggedIn, role('ADMIN'), seen('dhcl')),
  }),
  'users.resetPassword': entry({
    call: async ({ as, fresh }) => as.users.resetPassword({ id: await fresh.user() }),
    expect: outcome(loggedIn, role('ADMIN'), seen('dhcl')),
  }),
  'users.invite': entry({
    call: ({ as, world }) =>
      as.users.invite({
        organizationId: world.orgIds.dhcl,
        email: `invitee${next()}@dhcl.example.com`,
        name: 'Invitee',
        role: 'VIEWER',
      }),
    expect: outcome(loggedIn, role('ADMIN'), actsFor('dhcl')),
  }),
  'users.invitations': entry({
    call: ({ as }) => as.users.invitations({ limit: ALL }),
    expect: outcome(loggedIn, role('ADMIN')),
    check: pageOwnedBy(['dhcl', 'lgft']),
  }),
  'users.revokeInvitation': entry({
    call: async ({ as, fresh }) => as.users.revokeInvitation({ id: await fresh.invitation() }),
    expect: outcome(loggedIn, role('ADMIN'), seen('dhcl')),
  }),

  'apiKeys.list': entry({
    call: ({ as }) => as.apiKeys.list(),
    expect: outcome(loggedIn, role('ADMIN')),
    check: (keys, { who, world }) =>
      scoped(
        who,
        keys.map((key) => world.ownerOf(key.organizationId)),
        ['dhcl', 'lgft'],
      ),
  }),
  'apiKeys.create': entry({
    call: ({ as, world }) => as.apiKeys.create({ organizationId: world.orgIds.dhcl, name: 'TOS' }),
    expect: outcome(loggedIn, role('ADMIN'), actsFor('dhcl')),
  }),
  'apiKeys.revoke': entry({
    call: async ({ as, fresh }) => as.apiKeys.revoke({ id: await fresh.apiKey() }),
    expect: outcome(loggedIn, role('ADMIN'), seen('dhcl')),
  }),

  'vehicles.list': entry({
    call: ({ as }) => as.vehicles.list({ limit: ALL }),
    expect: anyone,
    check: pageOwnedBy(['dhcl', 'lgft']),
  }),
  'vehicles.get': entry({
    call: ({ as, world }) => as.vehicles.get({ id: world.dhcl.truck }),
    expect: outcome(loggedIn, seen('dhcl')),
  }),
  'vehicles.create': entry({
    call: ({ as, world }) =>
      as.vehicles.create({ organizationId: world.orgIds.dhcl, plate: `NEW${next()}` }),
    expect: outcome(loggedIn, writers, actsFor('dhcl')),
  }),
  'vehicles.update': entry({
    call: async ({ as, fresh }) => as.vehicles.update({ id: await fresh.vehicle(), model: 'FAW' }),
    expect: outcome(loggedIn, writers, seen('dhcl')),
  }),
  'vehicles.media': entry({
    call: ({ as, world }) => as.vehicles.media({ vehicleId: world.dhcl.truck, limit: ALL }),
    expect: outcome(loggedIn, seen('dhcl')),
  }),
  'vehicles.commands': entry({
    call: ({ as, world }) => as.vehicles.commands({ vehicleId: world.dhcl.truck, limit: ALL }),
    expect: outcome(loggedIn, seen('dhcl')),
  }),
  'vehicles.sendCommand': entry({
    call: ({ as, world }) =>
      as.vehicles.sendCommand({ vehicleId: world.dhcl.truck, command: { kind: 'LOCATE' } }),
    // No gateway holds the truck's terminal in this world: whoever passes every other gate
    // is told it is offline.
    expect: outcome(loggedIn, writers, seen('dhcl'), own('dhcl'), () => 'SERVICE_UNAVAILABLE'),
  }),

  'devices.list': entry({
    call: ({ as }) => as.devices.list({ limit: ALL }),
    expect: outcome(loggedIn, role('ADMIN')),
    check: pageOwnedBy(['dhcl', 'lgft']),
  }),
  'devices.create': entry({
    call: ({ as, world }) =>
      as.devices.create({
        organizationId: world.orgIds.dhcl,
        terminalPhone: `0138${String(next()).padStart(8, '0')}`,
      }),
    expect: outcome(loggedIn, role('ADMIN'), actsFor('dhcl')),
  }),
  'devices.update': entry({
    call: async ({ as, fresh }) =>
      as.devices.update({ id: await fresh.device(), vehicleId: await fresh.vehicle() }),
    expect: outcome(loggedIn, role('ADMIN'), seen('dhcl')),
  }),
  'devices.resetBinding': entry({
    call: async ({ as, fresh }) => as.devices.resetBinding({ id: await fresh.device() }),
    expect: outcome(loggedIn, role('ADMIN'), seen('dhcl')),
  }),

  'drivers.list': entry({
    call: ({ as }) => as.drivers.list({ limit: ALL }),
    expect: anyone,
    check: pageOwnedBy(['dhcl', 'lgft']),
  }),
  'drivers.get': entry({
    call: ({ as, world }) => as.drivers.get({ id: world.dhcl.driver }),
    expect: outcome(loggedIn, seen('dhcl')),
  }),
  'drivers.create': entry({
    call: ({ as, world }) => as.drivers.create({ organizationId: world.orgIds.dhcl, name: 'Wu' }),
    expect: outcome(loggedIn, writers, actsFor('dhcl')),
  }),
  'drivers.update': entry({
    call: async ({ as, fresh }) => as.drivers.update({ id: await fresh.driver(), name: 'Wu' }),
    expect: outcome(loggedIn, writers, seen('dhcl')),
  }),
  'drivers.delete': entry({
    call: async ({ as, fresh }) => as.drivers.delete({ id: await fresh.driver() }),
    expect: outcome(loggedIn, writers, seen('dhcl')),
  }),

  'shifts.list': entry({
    call: ({ as }) => as.shifts.list({ limit: ALL }),
    expect: anyone,
    check: pageOwnedBy(['dhcl', 'lgft']),
  }),
  'shifts.create': entry({
    call: async ({ as, fresh }) =>
      as.shifts.create({ driverId: await fresh.driver(), startsAt: iso(1), endsAt: iso(9) }),
    expect: outcome(loggedIn, writers, seen('dhcl')),
  }),
  'shifts.update': entry({
    call: async ({ as, fresh }) => as.shifts.update({ id: await fresh.shift(), endsAt: iso(8) }),
    expect: outcome(loggedIn, writers, seen('dhcl')),
  }),
  'shifts.delete': entry({
    call: async ({ as, fresh }) => as.shifts.delete({ id: await fresh.shift() }),
    expect: outcome(loggedIn, writers, seen('dhcl')),
  }),

  'dispatch.create': entry({
    call: ({ as }) =>
      as.dispatch.create({
        reference: `NEW-${next()}`,
        pickupZoneCode: 'YSP1-GATE',
        dropoffZoneCode: 'LCG-DEPOT',
        windowStart: iso(0),
        windowEnd: iso(2),
      }),
    expect: outcome(loggedIn, writers, notPortStaff),
  }),
  'dispatch.import': entry({
    call: ({ as }) =>
      as.dispatch.import({
        csv: [
          CSV_COLUMNS.join(','),
          `CSV-${next()},CONTAINER_MOVE,,YSP1-GATE,LCG-DEPOT,${iso(0)},${iso(2)},`,
        ].join('\n'),
      }),
    expect: outcome(loggedIn, writers, notPortStaff),
  }),
  'dispatch.list': entry({
    call: ({ as }) => as.dispatch.list({ limit: ALL }),
    expect: anyone,
    check: pageOwnedBy(['dhcl', 'lgft']),
  }),
  // Each job's truck and ETA, of the jobs the caller sees (an empty list where it sees none).
  'dispatch.etas': entry({ call: ({ as }) => as.dispatch.etas(), expect: anyone }),
  'dispatch.get': entry({
    call: ({ as, world }) => as.dispatch.get({ id: world.dhcl.job }),
    expect: outcome(loggedIn, seen('dhcl')),
  }),
  'dispatch.transition': entry({
    call: async ({ as, fresh }) =>
      as.dispatch.transition({ id: await fresh.job(), to: 'CANCELLED' }),
    expect: outcome(loggedIn, writers, seen('dhcl'), own('dhcl')),
  }),
  'dispatch.assign': entry({
    // A truck runs one job at a time: each call has a truck of its own.
    call: async ({ as, fresh }) =>
      as.dispatch.assign({ id: await fresh.job(), vehicleId: await fresh.vehicle() }),
    expect: outcome(loggedIn, writers, seen('dhcl'), own('dhcl')),
  }),
  'dispatch.suggest': entry({
    call: ({ as, world }) => as.dispatch.suggest({ jobId: world.dhcl.job }),
    expect: outcome(loggedIn, writers, seen('dhcl')),
    check: async (suggestions, { who, world }) =>
      scoped(
        who,
        await vehicleOwners(
          world,
          suggestions.map((s) => s.vehicleId),
        ),
        [],
      ),
  }),
  // The driver's phone's upload link: made by the job's own company, never shown to others.
  'dispatch.proofLink': entry({
    call: ({ as, world }) => as.dispatch.proofLink({ jobId: world.dhcl.job }),
    expect: outcome(loggedIn, writers, seen('dhcl'), own('dhcl')),
    check: (link) => (/^\/pod\/[\w-]{43}$/.test(link.url) ? [] : [`a link ${link.url}`]),
  }),
  'dispatch.sendMessage': entry({
    call: ({ as, world }) =>
      as.dispatch.sendMessage({ vehicleId: world.dhcl.truck, text: 'gate 3, lane 2' }),
    expect: outcome(loggedIn, writers, seen('dhcl'), own('dhcl')),
  }),
  'dispatch.messages': entry({
    call: ({ as, world }) => as.dispatch.messages({ vehicleId: world.dhcl.truck }),
    expect: outcome(loggedIn, seen('dhcl')),
    check: (page) => (page.items.length > 0 ? [] : ['no messages']),
  }),

  'alerts.list': entry({
    call: ({ as }) => as.alerts.list({ limit: ALL }),
    expect: anyone,
    check: pageOwnedBy(['dhcl', 'lgft', null]),
  }),
  'alerts.acknowledge': entry({
    call: async ({ as, fresh }) => as.alerts.acknowledge({ ids: [await fresh.alert()] }),
    expect: outcome(loggedIn, role('ADMIN', 'PORT_OPERATOR', 'DISPATCHER'), seen('dhcl')),
  }),
  'alerts.unreadCount': entry({
    call: ({ as }) => as.alerts.unreadCount(),
    expect: anyone,
  }),
  'alerts.markSeen': entry({ call: ({ as }) => as.alerts.markSeen(), expect: anyone }),
  'alertRules.list': entry({
    call: ({ as }) => as.alertRules.list(),
    expect: anyone,
    check: (rules, { who, world }) =>
      scoped(
        who,
        rules.map((row) => world.ownerOf(row.organizationId)),
        ['port', 'dhcl', 'lgft'],
      ),
  }),
  'alertRules.create': entry({
    call: ({ as, world }) =>
      as.alertRules.create({
        organizationId: world.orgIds.dhcl,
        name: 'Silent',
        kind: 'AIS_SILENCE',
        params: { silenceMinutes: 20 },
      }),
    expect: outcome(loggedIn, role('ADMIN', 'PORT_OPERATOR', 'DISPATCHER'), actsFor('dhcl')),
  }),
  'alertRules.update': entry({
    call: async ({ as, fresh }) => as.alertRules.update({ id: await fresh.rule(), name: 'Quiet' }),
    expect: outcome(loggedIn, role('ADMIN', 'PORT_OPERATOR', 'DISPATCHER'), seen('dhcl')),
  }),
  'alertRules.delete': entry({
    call: async ({ as, fresh }) => as.alertRules.delete({ id: await fresh.rule() }),
    expect: outcome(loggedIn, role('ADMIN', 'PORT_OPERATOR', 'DISPATCHER'), seen('dhcl')),
  }),

  'reports.vehicles': entry({
    call: ({ as }) =>
      as.reports.vehicles({ from: TRACK.from.toISOString(), to: TRACK.to.toISOString() }),
    expect: anyone,
    check: async (rows, { who, world }) =>
      scoped(
        who,
        await vehicleOwners(
          world,
          rows.map((row) => row.vehicleId),
        ),
        ['dhcl', 'lgft'],
      ),
  }),
  'reports.vehicle': entry({
    call: ({ as, world }) =>
      as.reports.vehicle({
        vehicleId: world.dhcl.truck,
        from: TRACK.from.toISOString(),
        to: TRACK.to.toISOString(),
      }),
    expect: outcome(loggedIn, seen('dhcl')),
  }),
};
