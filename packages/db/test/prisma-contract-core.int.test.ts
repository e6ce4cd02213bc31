import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../src/generated/prisma/client.ts';
import {
  coreModels,
  createPortSetup,
  createZone,
  expectUniqueViolation,
  fleetAndDispatchModels,
  operationsModels,
  uniqueSuffix,
} from './contract-fixtures.ts';
import { createTestDb, type TestDb, testDbTargets } from './testing.ts';

it('the contract tests cover every model of the schema', () => {
  expect([...coreModels, ...fleetAndDispatchModels, ...operationsModels].sort()).toEqual(
    Object.values(Prisma.ModelName).sort(),
  );
});

describe.each(testDbTargets())('Prisma contract on %s: organizations, port, vessels', (target) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(target);
  });
  afterAll(() => db.drop());

  it('Organization, User, Session', async () => {
    const { prisma } = db;
    const { organization, suffix } = await createPortSetup(prisma);
    const email = `dispatcher-${suffix}@example.com`;
    const user = await prisma.user.create({
      data: {
        organizationId: organization.id,
        email,
        name: 'Li Wei',
        passwordHash: 'argon2id$...',
        role: 'DISPATCHER',
      },
    });
    const session = await prisma.session.create({
      data: {
        tokenHash: `hash-${suffix}`,
        userId: user.id,
        expiresAt: new Date('2030-01-01T00:00:00Z'),
      },
    });

    const read = await prisma.user.findUniqueOrThrow({
      where: { email },
      include: { organization: true, sessions: true },
    });
    expect(read.organization.code).toBe(organization.code);
    expect(read.sessions.map((s) => s.id)).toEqual([session.id]);
    expect(read).toMatchObject({ isActive: true, locale: 'en' });

    await prisma.organization.update({ where: { id: organization.id }, data: { name: 'Renamed' } });
    const updatedUser = await prisma.user.update({
      where: { id: user.id },
      data: { role: 'VIEWER', isActive: false },
    });
    expect(updatedUser).toMatchObject({ role: 'VIEWER', isActive: false });
    const seen = new Date('2026-01-02T03:04:05.678Z');
    expect(
      (await prisma.session.update({ where: { id: session.id }, data: { lastSeenAt: seen } }))
        .lastSeenAt,
    ).toEqual(seen);

    await expectUniqueViolation(
      prisma.organization.create({
        data: { code: organization.code, name: 'Twin', kind: 'SHIPPING_LINE' },
      }),
    );
    await expectUniqueViolation(
      prisma.user.create({
        data: {
          organizationId: organization.id,
          email,
          name: 'Twin',
          passwordHash: 'x',
          role: 'VIEWER',
        },
      }),
    );
    await expectUniqueViolation(
      prisma.session.create({
        data: { tokenHash: session.tokenHash, userId: user.id, expiresAt: new Date() },
      }),
    );
  });

  it('ApiKey', async () => {
    const { prisma } = db;
    const { organization, suffix } = await createPortSetup(prisma);
    const key = await prisma.apiKey.create({
      data: {
        organizationId: organization.id,
        name: 'terminal operating system',
        prefix: 'hbk_abcd',
        keyHash: `key-${suffix}`,
      },
    });
    const read = await prisma.organization.findUniqueOrThrow({
      where: { id: organization.id },
      include: { apiKeys: true },
    });
    expect(read.apiKeys.map((k) => k.id)).toEqual([key.id]);
    const revoked = await prisma.apiKey.update({
      where: { id: key.id },
      data: { revokedAt: new Date('2026-11-25T00:00:00Z') },
    });
    expect(revoked.revokedAt).toEqual(new Date('2026-11-25T00:00:00Z'));
    await expectUniqueViolation(
      prisma.apiKey.create({
        data: {
          organizationId: organization.id,
          name: 'twin',
          prefix: 'hbk_abcd',
          keyHash: key.keyHash,
        },
      }),
    );
  });

  it('UserInvitation', async () => {
    const { prisma } = db;
    const { organization, suffix } = await createPortSetup(prisma);
    const admin = await prisma.user.create({
      data: {
        organizationId: organization.id,
        email: `admin-${suffix}@example.com`,
        name: 'Admin',
        passwordHash: 'x',
        role: 'ADMIN',
      },
    });
    const expiresAt = new Date('2030-01-08T00:00:00Z');
    const invitation = await prisma.userInvitation.create({
      data: {
        organizationId: organization.id,
        email: `invitee-${suffix}@example.com`,
        name: 'Invitee',
        role: 'DISPATCHER',
        tokenHash: `invite-${suffix}`,
        expiresAt,
        createdById: admin.id,
      },
    });
    const read = await prisma.organization.findUniqueOrThrow({
      where: { id: organization.id },
      include: { invitations: { include: { createdBy: true } } },
    });
    expect(read.invitations).toMatchObject([
      { id: invitation.id, locale: 'en', expiresAt, acceptedAt: null, revokedAt: null },
    ]);
    expect(read.invitations[0]?.createdBy?.id).toBe(admin.id);
    const accepted = new Date('2030-01-02T00:00:00Z');
    expect(
      (
        await prisma.userInvitation.update({
          where: { id: invitation.id },
          data: { acceptedAt: accepted },
        })
      ).acceptedAt,
    ).toEqual(accepted);
    // The same email may be invited twice (again by the same or by another organization).
    await prisma.userInvitation.create({
      data: { ...invitation, id: undefined, tokenHash: `invite-2-${suffix}` },
    });
    await expectUniqueViolation(
      prisma.userInvitation.create({
        data: { ...invitation, id: undefined, tokenHash: invitation.tokenHash },
      }),
    );
  });

  it('PasswordReset: one token hash each, gone with its user, kept when its issuer goes', async () => {
    const { prisma } = db;
    const { organization, suffix } = await createPortSetup(prisma);
    const person = (role: 'ADMIN' | 'VIEWER', name: string) =>
      prisma.user.create({
        data: {
          organizationId: organization.id,
          email: `${name}-${suffix}@example.com`,
          name,
          passwordHash: 'x',
          role,
        },
      });
    const admin = await person('ADMIN', 'admin');
    const user = await person('VIEWER', 'forgetful');
    const expiresAt = new Date('2030-01-02T00:00:00Z');
    const reset = await prisma.passwordReset.create({
      data: { userId: user.id, tokenHash: `reset-${suffix}`, issuedById: admin.id, expiresAt },
    });
    expect(reset).toMatchObject({ usedAt: null, expiresAt, issuedById: admin.id });
    await expectUniqueViolation(
      prisma.passwordReset.create({
        data: { userId: user.id, tokenHash: reset.tokenHash, expiresAt },
      }),
    );
    await prisma.user.delete({ where: { id: admin.id } });
    expect(
      (await prisma.passwordReset.findUniqueOrThrow({ where: { id: reset.id } })).issuedById,
    ).toBeNull();
    await prisma.user.delete({ where: { id: user.id } });
    expect(await prisma.passwordReset.count({ where: { id: reset.id } })).toBe(0);
  });

  it('ContainerAccessGrant: one per organization and scope, kept when the granter goes', async () => {
    const { prisma } = db;
    const suffix = uniqueSuffix();
    const company = await prisma.organization.create({
      data: { code: `CO-${suffix}`, name: `Company ${suffix}`, kind: 'LOGISTICS_COMPANY' },
    });
    const { organization: port } = await createPortSetup(prisma);
    const admin = await prisma.user.create({
      data: {
        organizationId: port.id,
        email: `admin-${suffix}@example.com`,
        name: 'Port admin',
        passwordHash: 'argon2id$...',
        role: 'ADMIN',
      },
    });
    const grantedAt = new Date('2026-12-01T00:00:00Z');
    const grant = await prisma.containerAccessGrant.create({
      data: {
        organizationId: company.id,
        scope: 'DCSA_FEED',
        reason: 'port community system',
        grantedAt,
        grantedById: admin.id,
      },
    });
    expect(grant).toMatchObject({ revokedAt: null, revokedById: null });
    await expectUniqueViolation(
      prisma.containerAccessGrant.create({
        data: { organizationId: company.id, scope: 'DCSA_FEED', grantedAt },
      }),
    );
    await prisma.containerAccessGrant.create({
      data: { organizationId: company.id, scope: 'ALL_CONTAINERS', grantedAt },
    });
    await prisma.user.delete({ where: { id: admin.id } });
    const kept = await prisma.containerAccessGrant.findUniqueOrThrow({
      where: { organizationId_scope: { organizationId: company.id, scope: 'DCSA_FEED' } },
    });
    expect(kept.grantedById).toBeNull();
    await prisma.organization.delete({ where: { id: company.id } });
    expect(await prisma.containerAccessGrant.count({ where: { organizationId: company.id } })).toBe(
      0,
    );
  });

  it('Port, Terminal, Zone, Berth, YardBlock', async () => {
    const { prisma } = db;
    const setup = await createPortSetup(prisma);
    const berthZone = await createZone(prisma, setup, 'B1', 'BERTH');
    const yardZone = await createZone(prisma, setup, 'Y1', 'YARD_BLOCK');
    const berth = await prisma.berth.create({
      data: {
        terminalId: setup.terminal.id,
        zoneId: berthZone.id,
        code: 'B1',
        name: 'Berth 1',
        lengthM: 350,
        depthM: 16,
      },
    });
    const yardBlock = await prisma.yardBlock.create({
      data: {
        terminalId: setup.terminal.id,
        zoneId: yardZone.id,
        code: 'A01',
        bays: 40,
        rows: 6,
        tiers: 5,
      },
    });

    const port = await prisma.port.findUniqueOrThrow({
      where: { unlocode: setup.port.unlocode },
      include: {
        terminals: { include: { berths: true, yardBlocks: true, operatorOrganization: true } },
        zones: true,
      },
    });
    expect(port.terminals[0]?.berths[0]?.id).toBe(berth.id);
    expect(port.terminals[0]?.yardBlocks[0]?.id).toBe(yardBlock.id);
    expect(port.terminals[0]?.operatorOrganization?.id).toBe(setup.organization.id);
    expect(port.zones.map((z) => z.code).sort()).toEqual(['B1', 'Y1']);
    const zone = await prisma.zone.findUniqueOrThrow({
      where: { id: berthZone.id },
      include: { berth: true },
    });
    expect(zone.berth?.code).toBe('B1');
    expect(zone.polygon).toMatchObject({ type: 'Polygon' });

    await prisma.port.update({ where: { id: setup.port.id }, data: { name: 'Shanghai Port' } });
    await prisma.terminal.update({
      where: { id: setup.terminal.id },
      data: { name: 'Yangshan IV' },
    });
    expect(
      (await prisma.zone.update({ where: { id: berthZone.id }, data: { speedLimitKnots: 5 } }))
        .speedLimitKnots,
    ).toBe(5);
    expect(
      (await prisma.berth.update({ where: { id: berth.id }, data: { depthM: 17.5 } })).depthM,
    ).toBe(17.5);
    expect(
      (await prisma.yardBlock.update({ where: { id: yardBlock.id }, data: { tiers: 6 } })).tiers,
    ).toBe(6);

    await expectUniqueViolation(
      prisma.port.create({
        data: { unlocode: setup.port.unlocode, name: 'Twin', timezone: 'UTC', lat: 0, lon: 0 },
      }),
    );
    await expectUniqueViolation(
      prisma.terminal.create({ data: { portId: setup.port.id, code: 'YSP4', name: 'Twin' } }),
    );
    await expectUniqueViolation(createZone(prisma, setup, 'B1', 'GATE'));
    await expectUniqueViolation(
      prisma.berth.create({
        data: {
          terminalId: setup.terminal.id,
          zoneId: berthZone.id,
          code: 'B2',
          name: 'Twin',
          lengthM: 1,
          depthM: 1,
        },
      }),
    );
    await expectUniqueViolation(
      prisma.yardBlock.create({
        data: {
          terminalId: setup.terminal.id,
          zoneId: yardZone.id,
          code: 'A02',
          bays: 1,
          rows: 1,
          tiers: 1,
        },
      }),
    );
  });

  it('Vessel, VesselVisit', async () => {
    const { prisma } = db;
    const setup = await createPortSetup(prisma);
    const mmsi = (Number.parseInt(uniqueSuffix(), 16) % 900_000_000) + 100_000_000;
    const vessel = await prisma.vessel.create({
      data: { mmsi, imo: mmsi % 10_000_000, name: 'COSCO SHIPPING TAURUS', shipType: 71 },
    });
    const berth = async (code: string) =>
      prisma.berth.create({
        data: {
          terminalId: setup.terminal.id,
          zoneId: (await createZone(prisma, setup, code, 'BERTH')).id,
          code,
          name: `Berth ${code}`,
          lengthM: 350,
          depthM: 16,
        },
      });
    const planned = await berth('B1');
    const actual = await berth('B2');
    const eta = new Date('2026-03-01T08:00:00.123Z');
    const visit = await prisma.vesselVisit.create({
      data: {
        vesselId: vessel.id,
        portId: setup.port.id,
        terminalId: setup.terminal.id,
        berthId: planned.id,
        plannedBerthId: planned.id,
        voyageNumber: '042E',
        eta,
      },
    });

    const read = await prisma.vesselVisit.findUniqueOrThrow({
      where: { id: visit.id },
      include: { vessel: true, port: true, berth: true, plannedBerth: true },
    });
    expect(read).toMatchObject({
      status: 'PLANNED',
      eta,
      vessel: { mmsi },
      port: { id: setup.port.id },
      berth: { code: 'B1' },
      plannedBerth: { code: 'B1' },
    });
    // The two relations are distinct: berthing elsewhere moves one and keeps the other.
    const berthed = await prisma.vesselVisit.update({
      where: { id: visit.id },
      data: { berth: { connect: { id: actual.id } } },
      include: { berth: true, plannedBerth: true },
    });
    expect([berthed.berth?.code, berthed.plannedBerth?.code]).toEqual(['B2', 'B1']);
    expect(
      await prisma.berth.findUniqueOrThrow({
        where: { id: planned.id },
        include: { vesselVisits: true, plannedVesselVisits: true },
      }),
    ).toMatchObject({ vesselVisits: [], plannedVesselVisits: [{ id: visit.id }] });

    expect(
      (await prisma.vessel.update({ where: { mmsi }, data: { destination: 'CNSHA' } })).destination,
    ).toBe('CNSHA');
    expect(
      (await prisma.vesselVisit.update({ where: { id: visit.id }, data: { status: 'BERTHED' } }))
        .status,
    ).toBe('BERTHED');

    await expectUniqueViolation(prisma.vessel.create({ data: { mmsi } }));
    await expectUniqueViolation(
      prisma.vessel.create({ data: { mmsi: mmsi + 1, imo: vessel.imo } }),
    );
  });

  it("PortCallEvent: a call's steps in order, gone with the call", async () => {
    const { prisma } = db;
    const setup = await createPortSetup(prisma);
    const mmsi = (Number.parseInt(uniqueSuffix(), 16) % 900_000_000) + 100_000_000;
    const vessel = await prisma.vessel.create({ data: { mmsi, aisShipType: 71 } });
    const arrivedAt = new Date('2026-03-01T02:00:00.001Z');
    const call = await prisma.vesselVisit.create({
      data: {
        vesselId: vessel.id,
        portId: setup.port.id,
        status: 'AT_ANCHOR',
        arrivedAt,
        predictedPilotEta: new Date('2026-03-01T03:00:00.000Z'),
        events: {
          create: [
            { kind: 'ARRIVED', at: arrivedAt, lat: 30.6, lon: 122.3 },
            {
              kind: 'ANCHORED',
              at: new Date('2026-03-01T03:30:00.000Z'),
              lat: 30.58,
              lon: 122.16,
              zoneId: (await createZone(prisma, setup, 'ANCH', 'ANCHORAGE')).id,
            },
          ],
        },
      },
    });
    const events = await prisma.portCallEvent.findMany({
      where: { visitId: call.id },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
    });
    expect(events.map((event) => [event.kind, event.at])).toEqual([
      ['ARRIVED', arrivedAt],
      ['ANCHORED', new Date('2026-03-01T03:30:00.000Z')],
    ]);
    expect(typeof events[0]?.id).toBe('bigint');
    await prisma.vesselVisit.delete({ where: { id: call.id } });
    expect(await prisma.portCallEvent.count({ where: { visitId: call.id } })).toBe(0);
  });
});
