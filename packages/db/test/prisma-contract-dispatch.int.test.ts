import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortSetup, createZone, expectUniqueViolation } from './contract-fixtures.ts';
import { createTestDb, type TestDb, testDbTargets } from './testing.ts';

describe.each(testDbTargets())(
  'Prisma contract on %s: containers, dispatch, geofences, alerts',
  (target) => {
    let db: TestDb;
    beforeAll(async () => {
      db = await createTestDb(target);
    });
    afterAll(() => db.drop());

    it('Container, EquipmentEvent, DispatchJob, DispatchJobEvent', async () => {
      const { prisma } = db;
      const setup = await createPortSetup(prisma);
      const { organization, suffix } = setup;
      const pickup = await createZone(prisma, setup, 'GATE-IN', 'GATE');
      const dropoff = await createZone(prisma, setup, 'DEPOT', 'DEPOT');
      const user = await prisma.user.create({
        data: {
          organizationId: organization.id,
          email: `u-${suffix}@example.com`,
          name: 'U',
          passwordHash: 'x',
          role: 'DISPATCHER',
        },
      });
      const vehicle = await prisma.vehicle.create({
        data: { organizationId: organization.id, plate: `沪C${suffix}` },
      });
      // Owner code + 7 digits; the database does not check ISO 6346's check digit (shared does).
      const number = `HRBU${String(Number.parseInt(suffix, 16) % 10_000_000).padStart(7, '0')}`;
      const container = await prisma.container.create({ data: { number, isoSizeType: '45G1' } });
      const job = await prisma.dispatchJob.create({
        data: {
          organizationId: organization.id,
          reference: `JOB-${suffix}`,
          containerId: container.id,
          pickupZoneId: pickup.id,
          dropoffZoneId: dropoff.id,
          windowStart: new Date('2026-05-01T08:00:00Z'),
          windowEnd: new Date('2026-05-01T12:00:00Z'),
          vehicleId: vehicle.id,
          createdById: user.id,
        },
      });
      const jobEvent = await prisma.dispatchJobEvent.create({
        data: {
          jobId: job.id,
          fromStatus: 'PLANNED',
          toStatus: 'ASSIGNED',
          actorKind: 'USER',
          actorUserId: user.id,
        },
      });
      const gateIn = await prisma.equipmentEvent.create({
        data: {
          containerId: container.id,
          eventType: 'GTIN',
          emptyIndicator: 'LADEN',
          eventAt: new Date('2026-05-01T09:00:00Z'),
          terminalId: setup.terminal.id,
          vehicleId: vehicle.id,
          dispatchJobId: job.id,
        },
      });

      const read = await prisma.dispatchJob.findUniqueOrThrow({
        where: {
          organizationId_reference: { organizationId: organization.id, reference: job.reference },
        },
        include: {
          container: true,
          pickupZone: true,
          events: true,
          equipmentEvents: true,
          createdBy: true,
        },
      });
      expect(read).toMatchObject({
        kind: 'CONTAINER_MOVE',
        status: 'PLANNED',
        container: { id: container.id },
        pickupZone: { code: 'GATE-IN' },
      });
      expect(read.events.map((e) => e.id)).toEqual([jobEvent.id]);
      expect(read.equipmentEvents[0]).toMatchObject({ id: gateIn.id, eventClassifier: 'ACT' });
      const withEvents = await prisma.container.findUniqueOrThrow({
        where: { number: container.number },
        include: { equipmentEvents: true },
      });
      expect(withEvents.equipmentEvents).toHaveLength(1);

      expect(
        (await prisma.container.update({ where: { id: container.id }, data: { tareKg: 3900 } }))
          .tareKg,
      ).toBe(3900);
      expect(
        (
          await prisma.equipmentEvent.update({
            where: { id: gateIn.id },
            data: { note: 'seal ok' },
          })
        ).note,
      ).toBe('seal ok');
      expect(
        (await prisma.dispatchJob.update({ where: { id: job.id }, data: { status: 'ASSIGNED' } }))
          .status,
      ).toBe('ASSIGNED');
      expect(
        (
          await prisma.dispatchJobEvent.update({
            where: { id: jobEvent.id },
            data: { note: 'by phone' },
          })
        ).note,
      ).toBe('by phone');

      await expectUniqueViolation(
        prisma.container.create({ data: { number: container.number, isoSizeType: '22G1' } }),
      );
      await expectUniqueViolation(
        prisma.dispatchJob.create({
          data: {
            organizationId: organization.id,
            reference: job.reference,
            pickupZoneId: pickup.id,
            dropoffZoneId: dropoff.id,
            windowStart: job.windowStart,
            windowEnd: job.windowEnd,
          },
        }),
      );
    });

    it('GeofenceEvent, AlertRule, Alert', async () => {
      const { prisma } = db;
      const setup = await createPortSetup(prisma);
      const zone = await createZone(prisma, setup, 'RA-1', 'RESTRICTED_AREA');
      const user = await prisma.user.create({
        data: {
          organizationId: setup.organization.id,
          email: `a-${setup.suffix}@example.com`,
          name: 'A',
          passwordHash: 'x',
          role: 'PORT_OPERATOR',
        },
      });
      const at = new Date('2026-06-01T00:00:00Z');
      const enter = await prisma.geofenceEvent.create({
        data: {
          zoneId: zone.id,
          assetKind: 'VESSEL',
          assetKey: '413000000',
          transition: 'ENTER',
          at,
          lat: 30.62,
          lon: 122.05,
        },
      });
      const rule = await prisma.alertRule.create({
        data: {
          organizationId: setup.organization.id,
          kind: 'RESTRICTED_AREA',
          name: 'Restricted area entry',
          severity: 'CRITICAL',
          params: { zoneKinds: ['RESTRICTED_AREA'], assetKinds: ['VESSEL'] },
        },
      });
      expect(rule).toMatchObject({ enabled: true, params: { zoneKinds: ['RESTRICTED_AREA'] } });
      const alert = await prisma.alert.create({
        data: {
          organizationId: setup.organization.id,
          ruleId: rule.id,
          kind: 'RESTRICTED_AREA',
          severity: 'CRITICAL',
          assetKind: 'VESSEL',
          assetKey: '413000000',
          zoneId: zone.id,
          message: 'Vessel entered a restricted area',
          data: { geofenceEventId: enter.id.toString() },
          raisedAt: at,
        },
      });

      const readZone = await prisma.zone.findUniqueOrThrow({
        where: { id: zone.id },
        include: { geofenceEvents: true, alerts: true },
      });
      expect(readZone.geofenceEvents.map((e) => e.id)).toEqual([enter.id]);
      expect(readZone.alerts[0]).toMatchObject({
        id: alert.id,
        data: { geofenceEventId: enter.id.toString() },
      });

      expect(
        (await prisma.geofenceEvent.update({ where: { id: enter.id }, data: { lat: 30.621 } })).lat,
      ).toBe(30.621);
      const acknowledged = await prisma.alert.update({
        where: { id: alert.id },
        data: { acknowledgedAt: new Date(), acknowledgedById: user.id },
        include: { acknowledgedBy: true },
      });
      expect(acknowledged.acknowledgedBy?.id).toBe(user.id);
      expect(
        (
          await prisma.alertRule.findUniqueOrThrow({
            where: { id: rule.id },
            include: { alerts: true },
          })
        ).alerts.map((a) => a.id),
      ).toEqual([alert.id]);
      // Deleting a rule keeps the alerts it raised, unlinked.
      await prisma.alertRule.delete({ where: { id: rule.id } });
      expect((await prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).ruleId).toBeNull();
      // None of these models has a unique key beyond its generated id.
    });
  },
);
