import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../src/generated/prisma/client.ts';
import { createPortSetup, createZone, expectUniqueViolation } from './contract-fixtures.ts';
import { createTestDb, type TestDb, testDbTargets } from './testing.ts';

describe.each(testDbTargets())(
  'Prisma contract on %s: container places, yard slots, shifts, terminal messages',
  (target) => {
    let db: TestDb;
    beforeAll(async () => {
      db = await createTestDb(target);
    });
    afterAll(() => db.drop());

    it('ContainerState and YardSlot: one container per slot, one state per container', async () => {
      const { prisma } = db;
      const setup = await createPortSetup(prisma);
      const zone = await createZone(prisma, setup, 'Y01', 'YARD_BLOCK');
      const block = await prisma.yardBlock.create({
        data: {
          terminalId: setup.terminal.id,
          zoneId: zone.id,
          code: 'Y01',
          bays: 40,
          rows: 6,
          tiers: 5,
        },
      });
      const number = `HRBU${String(Number.parseInt(setup.suffix, 16) % 10_000_000).padStart(7, '0')}`;
      const container = await prisma.container.create({ data: { number, isoSizeType: '42G1' } });
      const drop = await prisma.equipmentEvent.create({
        data: {
          containerId: container.id,
          eventType: 'DROP',
          emptyIndicator: 'LADEN',
          eventAt: new Date('2026-05-01T09:00:00Z'),
          terminalId: setup.terminal.id,
          yardBlockId: block.id,
          bay: 3,
          row: 2,
          tier: 1,
          zoneId: zone.id,
        },
      });
      await prisma.containerState.create({
        data: {
          containerId: container.id,
          place: 'TERMINAL',
          emptyIndicator: 'LADEN',
          terminalId: setup.terminal.id,
          yardBlockId: block.id,
          bay: 3,
          row: 2,
          tier: 1,
          lastEventId: drop.id,
          lastEventType: 'DROP',
          lastEventAt: drop.eventAt,
          arrivedAt: drop.eventAt,
        },
      });
      await prisma.yardSlot.createMany({
        data: [3, 4].map((bay) => ({
          yardBlockId: block.id,
          bay,
          row: 2,
          tier: 1,
          containerId: container.id,
        })),
      });

      const read = await prisma.container.findUniqueOrThrow({
        where: { number },
        include: {
          state: { include: { yardBlock: true } },
          equipmentEvents: { include: { zone: true } },
        },
      });
      expect(read.state).toMatchObject({ place: 'TERMINAL', bay: 3, yardBlock: { code: 'Y01' } });
      expect(read.equipmentEvents[0]?.zone?.code).toBe('Y01');
      expect(await prisma.yardSlot.count({ where: { yardBlockId: block.id } })).toBe(2);

      await expectUniqueViolation(
        prisma.yardSlot.create({
          data: { yardBlockId: block.id, bay: 4, row: 2, tier: 1, containerId: container.id },
        }),
      );
      await expectUniqueViolation(
        prisma.containerState.create({
          data: {
            containerId: container.id,
            place: 'OUTSIDE',
            emptyIndicator: 'EMPTY',
            lastEventId: drop.id,
            lastEventType: 'DROP',
            lastEventAt: drop.eventAt,
          },
        }),
      );
      expect(
        (
          await prisma.containerState.update({
            where: { containerId: container.id },
            data: { place: 'VESSEL', yardBlockId: null },
          })
        ).place,
      ).toBe('VESSEL');
    });

    it('Shift and TerminalMessage', async () => {
      const { prisma } = db;
      const { organization, suffix } = await createPortSetup(prisma);
      const vehicle = await prisma.vehicle.create({
        data: { organizationId: organization.id, plate: `沪D${suffix}` },
      });
      const driver = await prisma.driver.create({
        data: { organizationId: organization.id, name: '王师傅', currentVehicleId: vehicle.id },
      });
      const shift = await prisma.shift.create({
        data: {
          organizationId: organization.id,
          driverId: driver.id,
          vehicleId: vehicle.id,
          startsAt: new Date('2026-05-01T00:00:00Z'),
          endsAt: new Date('2026-05-01T08:00:00Z'),
        },
      });
      const message = await prisma.terminalMessage.create({
        data: {
          organizationId: organization.id,
          vehicleId: vehicle.id,
          terminalPhone: '013912345678',
          text: '请到洋山四期闸口提箱',
          flags: 0x0c,
        },
      });
      expect(message).toMatchObject({ status: 'QUEUED', serial: null, acknowledgedAt: null });
      const delivered = await prisma.terminalMessage.update({
        where: { id: message.id },
        data: { status: 'DELIVERED', serial: 17, result: 0, acknowledgedAt: new Date() },
      });
      expect(delivered.status).toBe('DELIVERED');

      const read = await prisma.vehicle.findUniqueOrThrow({
        where: { id: vehicle.id },
        include: { shifts: { include: { driver: true } }, messages: true },
      });
      expect(read.shifts.map((s) => [s.id, s.driver.name])).toEqual([[shift.id, '王师傅']]);
      expect(read.messages[0]?.text).toBe('请到洋山四期闸口提箱');

      // A message needs an existing vehicle.
      const error = await prisma.terminalMessage
        .create({
          data: {
            organizationId: organization.id,
            vehicleId: '00000000-0000-4000-8000-000000000000',
            terminalPhone: '013912345678',
            text: 'x',
            flags: 0,
          },
        })
        .catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
      expect(error).toMatchObject({ code: 'P2003' });
      await prisma.driver.delete({ where: { id: driver.id } });
      expect(await prisma.shift.count({ where: { id: shift.id } })).toBe(0);
    });

    it('TerminalMedia: one upload per terminal and media id, its bytes as they came', async () => {
      const { prisma } = db;
      const { organization, suffix } = await createPortSetup(prisma);
      const photo = {
        organizationId: organization.id,
        terminalPhone: `0139${suffix}`.slice(0, 12),
        mediaId: 4_000_000_000n,
        mediaType: 0,
        format: 0,
        eventCode: 0,
        channelId: 1,
        takenAt: new Date('2026-05-01T02:00:00Z'),
        lat: 30.62,
        lon: 122.07,
        sizeBytes: 4,
        data: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
        receivedAt: new Date('2026-05-01T02:00:05Z'),
      };
      const created = await prisma.terminalMedia.create({ data: photo });
      expect(created.mediaId).toBe(4_000_000_000n);
      const read = await prisma.terminalMedia.findUniqueOrThrow({
        where: {
          terminalPhone_mediaId_takenAt: {
            terminalPhone: photo.terminalPhone,
            mediaId: photo.mediaId,
            takenAt: photo.takenAt,
          },
        },
      });
      expect([...read.data]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
      await expectUniqueViolation(prisma.terminalMedia.create({ data: photo }));
      // The same id at another time: a terminal whose ids started again.
      await prisma.terminalMedia.create({
        data: { ...photo, takenAt: new Date('2026-06-01T02:00:00Z') },
      });
      // Without a position (the terminal had no fix).
      const blind = await prisma.terminalMedia.create({
        data: { ...photo, mediaId: 1n, lat: null, lon: null },
      });
      expect(blind.dispatchJobId).toBeNull();
      expect(blind).toMatchObject({ lat: null, lon: null });
    });

    it('TerminalCommand: what was asked and answered, gone with its vehicle', async () => {
      const { prisma } = db;
      const { organization, suffix } = await createPortSetup(prisma);
      const vehicle = await prisma.vehicle.create({
        data: { organizationId: organization.id, plate: `沪C${suffix}` },
      });
      const command = await prisma.terminalCommand.create({
        data: {
          organizationId: organization.id,
          vehicleId: vehicle.id,
          terminalPhone: '013912345678',
          kind: 'SET_PARAMETERS',
          request: { kind: 'SET_PARAMETERS', parameters: { reportIntervalS: 10 } },
        },
      });
      expect(command).toMatchObject({ status: 'SENT', serial: null, answer: null, result: null });
      const answered = await prisma.terminalCommand.update({
        where: { id: command.id },
        data: {
          status: 'ANSWERED',
          serial: 9,
          result: 0,
          answer: { parameters: { reportIntervalS: 10 } },
          answeredAt: new Date(),
        },
      });
      expect(answered.answer).toEqual({ parameters: { reportIntervalS: 10 } });
      await prisma.vehicle.delete({ where: { id: vehicle.id } });
      expect(await prisma.terminalCommand.count({ where: { id: command.id } })).toBe(0);
    });

    it('GateCapacity and TruckAppointment: one capacity per terminal and move kind', async () => {
      const { prisma } = db;
      const { organization, suffix } = await createPortSetup(prisma);
      const port = await prisma.port.findFirstOrThrow();
      const terminal = await prisma.terminal.create({
        data: { portId: port.id, code: `T${suffix}`, name: 'Test terminal' },
      });
      const key = { terminalId: terminal.id, moveKind: 'EXPORT_DROP_OFF' } as const;
      await prisma.gateCapacity.create({ data: { ...key, trucksPerHour: 40 } });
      await expectUniqueViolation(
        prisma.gateCapacity.create({ data: { ...key, trucksPerHour: 1 } }),
      );
      const vehicle = await prisma.vehicle.create({
        data: { organizationId: organization.id, plate: `沪B${suffix}` },
      });
      const appointment = await prisma.truckAppointment.create({
        data: {
          organizationId: organization.id,
          terminalId: terminal.id,
          moveKind: 'EXPORT_DROP_OFF',
          slotStart: new Date('2026-05-01T10:00:00Z'),
          vehicleId: vehicle.id,
        },
      });
      expect(appointment).toMatchObject({ status: 'BOOKED', dispatchJobId: null });
      await prisma.terminal.delete({ where: { id: terminal.id } });
      expect(await prisma.truckAppointment.count({ where: { id: appointment.id } })).toBe(0);
      expect(await prisma.gateCapacity.count({ where: { terminalId: terminal.id } })).toBe(0);
    });

    it('DeliveryPhoto: a job’s phone photos, its one upload link, gone with the job', async () => {
      const { prisma } = db;
      const setup = await createPortSetup(prisma);
      const { organization, suffix } = setup;
      const gate = await createZone(prisma, setup, `G${suffix}`, 'GATE');
      const job = (reference: string, proofLinkHash: string | null) =>
        prisma.dispatchJob.create({
          data: {
            organizationId: organization.id,
            reference,
            pickupZoneId: gate.id,
            dropoffZoneId: gate.id,
            windowStart: new Date('2026-05-01T08:00:00Z'),
            windowEnd: new Date('2026-05-01T12:00:00Z'),
            proofLinkHash,
            proofLinkExpiresAt: proofLinkHash ? new Date('2026-05-02T12:00:00.123Z') : null,
          },
        });
      const hash = 'ab'.repeat(32) + suffix;
      const linked = await job(`POD-${suffix}`, hash);
      expect(linked.proofLinkExpiresAt).toEqual(new Date('2026-05-02T12:00:00.123Z'));
      // A link's hash names one job.
      await expectUniqueViolation(job(`POD2-${suffix}`, hash));
      expect((await job(`POD3-${suffix}`, null)).proofLinkHash).toBeNull();
      const photo = await prisma.deliveryPhoto.create({
        data: {
          organizationId: organization.id,
          dispatchJobId: linked.id,
          uploadedAt: new Date('2026-05-01T11:58:07.456Z'),
          lat: 30.6205,
          lon: 122.0505,
          sizeBytes: 4,
          data: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
        },
      });
      expect(photo).toMatchObject({ lat: 30.6205, lon: 122.0505, sizeBytes: 4 });
      expect([...photo.data]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
      const unplaced = await prisma.deliveryPhoto.create({
        data: {
          organizationId: organization.id,
          dispatchJobId: linked.id,
          uploadedAt: new Date(),
          sizeBytes: 1,
          data: new Uint8Array([1]),
        },
      });
      expect(unplaced).toMatchObject({ lat: null, lon: null });
      await prisma.dispatchJob.delete({ where: { id: linked.id } });
      expect(await prisma.deliveryPhoto.count({ where: { dispatchJobId: linked.id } })).toBe(0);
    });

    it('SupervisionLink: one per organization, DWORDs as BigInt, vehicles and requests go with it', async () => {
      const { prisma } = db;
      const { organization, suffix } = await createPortSetup(prisma);
      const settings = {
        host: '10.0.0.1',
        port: 9000,
        userId: 4_294_967_295n,
        password: 'pass1234',
        gnssCenterId: 3_000_000_000n,
        platformId: '31000000001',
        downLinkIp: '10.0.0.2',
        downLinkPort: 9001,
      };
      const link = await prisma.supervisionLink.create({
        data: { ...settings, organizationId: organization.id },
      });
      expect(link).toMatchObject({
        enabled: true,
        edition: 'JT809_2011',
        userId: 4_294_967_295n,
        encryptM1: null,
        forwardedUntil: null,
        ownerId: null,
      });
      await expectUniqueViolation(
        prisma.supervisionLink.create({ data: { ...settings, organizationId: organization.id } }),
      );
      const vehicle = await prisma.vehicle.create({
        data: { organizationId: organization.id, plate: `沪C${suffix}` },
      });
      expect(vehicle.plateColor).toBe(2);
      await prisma.supervisionLinkVehicle.create({
        data: { linkId: link.id, vehicleId: vehicle.id },
      });
      await expectUniqueViolation(
        prisma.supervisionLinkVehicle.create({ data: { linkId: link.id, vehicleId: vehicle.id } }),
      );
      const request = await prisma.supervisionRequest.create({
        data: {
          linkId: link.id,
          organizationId: organization.id,
          kind: 'INSPECTION',
          infoId: 4_294_967_295n,
          requestSerial: 7n,
          content: '查岗',
          receivedAt: new Date(),
        },
      });
      expect(request).toMatchObject({ answer: null, answeredAt: null, sentAt: null });
      await prisma.supervisionLink.delete({ where: { id: link.id } });
      expect(await prisma.supervisionLinkVehicle.count({ where: { linkId: link.id } })).toBe(0);
      expect(await prisma.supervisionRequest.count({ where: { id: request.id } })).toBe(0);
    });
  },
);
