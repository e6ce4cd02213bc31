// A company admin probing whether a person, a truck or a terminal is in Harbor with a
// competitor: every answer below must be the same whether the identifier is held by
// another organization or by nobody (in the caller's own organization a CONFLICT is fine).
import { randomUUID } from 'node:crypto';
import { testDbTargets } from '@harbor/db/testing';
import { InvitationCreatedSchema } from '@harbor/shared';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HarborError } from '../../src/core/errors.ts';
import {
  rethrowTerminalPhoneConflict,
  TERMINAL_PHONE_UNAVAILABLE,
} from '../../src/domains/vehicles/terminal-phone.ts';
import { harborErrorOf, toTrpcError } from '../../src/edges/trpc/errors.ts';
import { appRouter } from '../../src/runtime/app-router.ts';
import { buildWorld, type World } from '../fixtures.ts';

type Outcome =
  | { value: unknown }
  | { error: { code: string; reason: string | null; message: string } };

/**
 * What the caller learns from a call: its answer, or its error's code, stable code and
 * message (a domain function called directly: as the api would send its HarborError).
 */
async function settle(call: Promise<unknown>): Promise<Outcome> {
  try {
    return { value: await call };
  } catch (caught) {
    const error = caught instanceof HarborError ? toTrpcError(caught) : caught;
    if (!(error instanceof TRPCError)) throw error;
    const reason = harborErrorOf(error)?.code ?? null;
    return { error: { code: error.code, reason, message: error.message } };
  }
}

/** The answer with the given strings (ids, tokens, emails) replaced by placeholders. */
function normalise(outcome: Outcome, replace: Record<string, string>): unknown {
  let text = JSON.stringify(outcome);
  for (const [from, to] of Object.entries(replace)) text = text.replaceAll(from, to);
  return JSON.parse(text);
}

const LATER = new Date('2030-01-01T00:00:00Z');
const EARLIER = new Date('2020-01-01T00:00:00Z');

describe.each(testDbTargets())('existence of other organizations’ objects on %s', (target) => {
  let world: World;
  // LGFT's objects, made to sort before DHCL's own in every list (the cursor checks need it).
  const lgft = {} as Record<
    'truck' | 'device' | 'driver' | 'shift' | 'user' | 'rule' | 'alert' | 'message' | 'key',
    string
  >;
  const dhcl = {} as Record<'truck' | 'driver', string>;
  const LGFT_PLATE = '沪A00001';
  const LGFT_VIN = 'LFWADRJF0A1000001';
  const LGFT_PHONE = '013800000001';
  const DHCL_PHONE = '013900000001';

  beforeAll(async () => {
    world = await buildWorld(target);
    const p = world.db.prisma;
    const lgftId = world.organizations.lgft.id;
    const dhclId = world.organizations.dhcl.id;
    lgft.truck = (
      await p.vehicle.create({ data: { organizationId: lgftId, plate: LGFT_PLATE, vin: LGFT_VIN } })
    ).id;
    await p.vehicle.create({ data: { organizationId: lgftId, plate: '沪A00002' } });
    lgft.device = (
      await p.device.create({
        data: { organizationId: lgftId, vehicleId: lgft.truck, terminalPhone: LGFT_PHONE },
      })
    ).id;
    lgft.driver = (await p.driver.create({ data: { organizationId: lgftId, name: 'Aaron' } })).id;
    lgft.shift = (
      await p.shift.create({
        data: { organizationId: lgftId, driverId: lgft.driver, startsAt: EARLIER, endsAt: LATER },
      })
    ).id;
    lgft.user = (
      await p.user.create({
        data: {
          organizationId: lgftId,
          email: 'aa.lgft@example.com',
          name: 'A',
          role: 'VIEWER',
          passwordHash: 'x',
        },
      })
    ).id;
    const rule = { kind: 'AIS_SILENCE', name: 'Silence', params: { silenceMinutes: 30 } } as const;
    lgft.rule = (await p.alertRule.create({ data: { ...rule, organizationId: lgftId } })).id;
    const alert = { kind: 'AIS_SILENCE', severity: 'WARNING', message: 'quiet' } as const;
    lgft.alert = (
      await p.alert.create({ data: { ...alert, organizationId: lgftId, raisedAt: LATER } })
    ).id;
    lgft.message = (
      await p.terminalMessage.create({
        data: {
          organizationId: lgftId,
          vehicleId: lgft.truck,
          terminalPhone: LGFT_PHONE,
          text: 'hi',
          flags: 4,
          createdAt: LATER,
        },
      })
    ).id;
    lgft.key = (
      await p.apiKey.create({
        data: { organizationId: lgftId, name: 'TOS', prefix: 'hbk_lgft', keyHash: 'lgft-key' },
      })
    ).id;
    // Two of each: a page after a cursor Prisma cannot place skips one row, and must still show.
    const trucks = [];
    for (const n of [1, 2])
      trucks.push(
        (await p.vehicle.create({ data: { organizationId: dhclId, plate: `沪D0000${n}` } })).id,
      );
    dhcl.truck = trucks[0] as string;
    await p.device.create({
      data: { organizationId: dhclId, vehicleId: dhcl.truck, terminalPhone: DHCL_PHONE },
    });
    for (const [n, name] of ['Zhou', 'Zhu'].entries()) {
      const driver = await p.driver.create({ data: { organizationId: dhclId, name } });
      dhcl.driver = driver.id;
      const startsAt = new Date(LATER.getTime() + n * 3_600_000);
      const endsAt = new Date(startsAt.getTime() + 3_600_000);
      await p.shift.create({
        data: { organizationId: dhclId, driverId: driver.id, startsAt, endsAt },
      });
      const raisedAt = new Date(EARLIER.getTime() - n * 60_000);
      await p.alert.create({ data: { ...alert, organizationId: dhclId, raisedAt } });
      await p.terminalMessage.create({
        data: {
          organizationId: dhclId,
          vehicleId: dhcl.truck,
          terminalPhone: DHCL_PHONE,
          text: 'hi',
          flags: 4,
          createdAt: raisedAt,
        },
      });
    }
  });
  afterAll(() => world.db.drop());

  it('no procedure creates an account directly: an email taken elsewhere cannot be probed that way', () => {
    expect(Object.keys(appRouter._def.procedures)).not.toContain('users.create');
  });

  it('inviting an email that has an account at LGFT is answered exactly like a fresh email', async () => {
    const admin = world.as('dhclAdmin');
    const answer = async (email: string) => {
      const outcome = await settle(admin.users.invite({ email, name: 'Liu Yang', role: 'VIEWER' }));
      expect(outcome, `inviting ${email}`).toHaveProperty('value');
      if (!('value' in outcome)) return outcome;
      const { invitation, token } = InvitationCreatedSchema.parse(outcome.value);
      return normalise(outcome, {
        [token]: '<token>',
        [invitation.id]: '<id>',
        [email]: '<email>',
        [invitation.createdAt]: '<time>',
        [invitation.expiresAt]: '<time + 7 days>',
      });
    };
    const taken = await answer(world.users.lgftViewer.email);
    const fresh = await answer('fresh.person@example.com');
    expect(taken).toEqual(fresh);

    const listed = (await admin.users.invitations({ limit: 500 })).items;
    const statusOf = (email: string) => listed.find((i) => i.email === email)?.status;
    expect(statusOf(world.users.lgftViewer.email)).toBe('PENDING');
    expect(statusOf('fresh.person@example.com')).toBe('PENDING');
  });

  it('DHCL registers a truck with LGFT’s plate and VIN; each company sees only its own', async () => {
    const created = await world
      .as('dhclDispatcher')
      .vehicles.create({ plate: LGFT_PLATE, vin: LGFT_VIN, model: 'FAW J6P' });
    expect(created).toMatchObject({ organizationId: world.organizations.dhcl.id, vin: LGFT_VIN });
    // An update to a plate held elsewhere is no different.
    const renamed = await world
      .as('dhclDispatcher')
      .vehicles.update({ id: dhcl.truck, plate: '沪A00002' });
    expect(renamed.plate).toBe('沪A00002');

    const plates = async (user: 'dhclViewer' | 'lgftViewer') =>
      (await world.as(user).vehicles.list({})).items.map((v) => [v.plate, v.organizationId]);
    expect(await plates('dhclViewer')).toEqual([
      [LGFT_PLATE, world.organizations.dhcl.id],
      ['沪A00002', world.organizations.dhcl.id],
      ['沪D00002', world.organizations.dhcl.id],
    ]);
    expect(await plates('lgftViewer')).toEqual([
      [LGFT_PLATE, world.organizations.lgft.id],
      ['沪A00002', world.organizations.lgft.id],
    ]);
    // Within the own company a duplicate is still refused, naming nothing of anyone else's.
    const twin = await settle(world.as('dhclDispatcher').vehicles.create({ plate: LGFT_PLATE }));
    expect(twin).toEqual({
      error: {
        code: 'CONFLICT',
        reason: 'vehicle.plate-or-vin-taken',
        message: `this organization already has a vehicle with plate ${LGFT_PLATE}`,
      },
    });
  });

  it('a terminal phone held by LGFT is refused exactly like one held by DHCL itself', async () => {
    const register = (terminalPhone: string) =>
      settle(
        world.db.prisma.device
          .create({ data: { organizationId: world.organizations.dhcl.id, terminalPhone } })
          .catch(rethrowTerminalPhoneConflict),
      );
    const heldElsewhere = await register(LGFT_PHONE);
    expect(heldElsewhere).toEqual(await register(DHCL_PHONE));
    expect(heldElsewhere).toEqual({
      error: {
        code: 'CONFLICT',
        reason: 'device.phone-unavailable',
        message: TERMINAL_PHONE_UNAVAILABLE,
      },
    });
    // Reading by phone: another company's terminal is unknown, like one nobody has.
    const track = (assetKey: string) =>
      settle(
        world.as('dhclViewer').positions.track({
          assetKind: 'VEHICLE',
          assetKey,
          from: EARLIER.toISOString(),
          to: LATER.toISOString(),
        }),
      );
    expect(await track(LGFT_PHONE)).toEqual(await track('013700000009'));
  });

  it('another organization’s id is NOT_FOUND exactly like a made-up one', async () => {
    const as = world.as('dhclAdmin');
    const period = { from: '2026-11-25T00:00:00Z', to: '2026-11-26T00:00:00Z' };
    const shift = { startsAt: '2026-11-25T08:00:00Z', endsAt: '2026-11-25T16:00:00Z' };
    const probes: [string, string, (id: string) => Promise<unknown>][] = [
      ['users.update', lgft.user, (id) => as.users.update({ id, name: 'X' })],
      ['vehicles.get', lgft.truck, (id) => as.vehicles.get({ id })],
      ['vehicles.update', lgft.truck, (id) => as.vehicles.update({ id, model: 'X' })],
      ['drivers.get', lgft.driver, (id) => as.drivers.get({ id })],
      ['drivers.update', lgft.driver, (id) => as.drivers.update({ id, name: 'X' })],
      ['drivers.delete', lgft.driver, (id) => as.drivers.delete({ id })],
      [
        'drivers.create vehicle',
        lgft.truck,
        (id) => as.drivers.create({ name: 'X', currentVehicleId: id }),
      ],
      [
        'drivers.update vehicle',
        lgft.truck,
        (id) => as.drivers.update({ id: dhcl.driver, currentVehicleId: id }),
      ],
      ['shifts.update', lgft.shift, (id) => as.shifts.update({ id, ...shift })],
      ['shifts.delete', lgft.shift, (id) => as.shifts.delete({ id })],
      ['shifts.create driver', lgft.driver, (id) => as.shifts.create({ driverId: id, ...shift })],
      [
        'shifts.create vehicle',
        lgft.truck,
        (id) => as.shifts.create({ driverId: dhcl.driver, vehicleId: id, ...shift }),
      ],
      ['dispatch.messages', lgft.truck, (id) => as.dispatch.messages({ vehicleId: id })],
      [
        'dispatch.sendMessage',
        lgft.truck,
        (id) => as.dispatch.sendMessage({ vehicleId: id, text: 'hi' }),
      ],
      ['reports.vehicle', lgft.truck, (id) => as.reports.vehicle({ vehicleId: id, ...period })],
      ['alertRules.update', lgft.rule, (id) => as.alertRules.update({ id, name: 'X' })],
      ['alertRules.delete', lgft.rule, (id) => as.alertRules.delete({ id })],
      ['alerts.acknowledge', lgft.alert, (id) => as.alerts.acknowledge({ ids: [id] })],
      ['apiKeys.revoke', lgft.key, (id) => as.apiKeys.revoke({ id })],
      ['organizations.get', world.organizations.lgft.id, (id) => as.organizations.get({ id })],
    ];
    for (const [name, id, call] of probes) {
      const theirs = await settle(call(id));
      expect.soft(theirs, name).toMatchObject({ error: { code: 'NOT_FOUND' } });
      expect.soft(theirs, name).toEqual(await settle(call(randomUUID())));
    }
  });

  it('a list paged from another organization’s id answers like one paged from a made-up id', async () => {
    const as = world.as('dhclAdmin');
    const probes: [string, string, (cursor: string) => Promise<unknown>][] = [
      ['users.list', lgft.user, (cursor) => as.users.list({ cursor })],
      ['vehicles.list', lgft.truck, (cursor) => as.vehicles.list({ cursor })],
      ['drivers.list', lgft.driver, (cursor) => as.drivers.list({ cursor })],
      ['shifts.list', lgft.shift, (cursor) => as.shifts.list({ cursor })],
      ['alerts.list', lgft.alert, (cursor) => as.alerts.list({ cursor })],
      ['devices.list', lgft.device, (cursor) => as.devices.list({ cursor })],
      [
        'dispatch.messages',
        lgft.message,
        (cursor) => as.dispatch.messages({ vehicleId: dhcl.truck, cursor }),
      ],
    ];
    for (const [name, id, call] of probes) {
      const theirs = await settle(call(id));
      expect.soft(theirs, name).toEqual(await settle(call(randomUUID())));
      expect.soft(theirs, name).toEqual({ value: { items: [], nextCursor: null } });
    }
  });

  it('another organization’s invitation is NOT_FOUND, and pages, like a made-up id', async () => {
    const invitation = { name: 'Invitee', role: 'VIEWER', expiresAt: LATER } as const;
    const invite = (organizationId: string, email: string, createdAt: Date) =>
      world.db.prisma.userInvitation.create({
        data: { ...invitation, organizationId, email, tokenHash: email, createdAt },
      });
    const theirs = (await invite(world.organizations.lgft.id, 'lgft.invitee@example.com', LATER))
      .id;
    await invite(world.organizations.dhcl.id, 'dhcl.invitee@example.com', EARLIER);
    const as = world.as('dhclAdmin');
    const revoke = (id: string) => settle(as.users.revokeInvitation({ id }));
    expect(await revoke(theirs)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect(await revoke(theirs)).toEqual(await revoke(randomUUID()));
    const page = (cursor: string) => settle(as.users.invitations({ cursor }));
    expect(await page(theirs)).toEqual(await page(randomUUID()));
    expect(await page(theirs)).toEqual({ value: { items: [], nextCursor: null } });
  });
});
