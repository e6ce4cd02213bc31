import { boxNumber } from '../worlds/container-port.ts';
import { T0, type VisibilityWorld } from '../worlds/visibility.ts';

/**
 * New rows for one call of a mutation that changes or removes what it is given, so no call
 * depends on another having run or not: each DHCL thing below exists for one caller only.
 */
let serial = 0;
/** A number no other call of this test run uses. */
export const next = () => ++serial;

const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);

export function freshFor(world: VisibilityWorld) {
  const p = world.db.prisma;
  const dhcl = world.orgIds.dhcl;
  const driver = async () =>
    (await p.driver.create({ data: { organizationId: dhcl, name: `Driver ${next()}` } })).id;
  return {
    driver,
    async shift() {
      const shift = await p.shift.create({
        data: {
          organizationId: dhcl,
          driverId: await driver(),
          startsAt: hours(1),
          endsAt: hours(9),
        },
      });
      return shift.id;
    },
    async vehicle() {
      return (await p.vehicle.create({ data: { organizationId: dhcl, plate: `DH${next()}` } })).id;
    },
    async device() {
      const terminalPhone = `0139${String(next()).padStart(8, '0')}`;
      return (await p.device.create({ data: { organizationId: dhcl, terminalPhone } })).id;
    },
    async user() {
      const n = next();
      const user = await p.user.create({
        data: {
          organizationId: dhcl,
          email: `member${n}@dhcl.example.com`,
          name: `Member ${n}`,
          role: 'VIEWER',
          passwordHash: 'x',
        },
      });
      return user.id;
    },
    async invitation() {
      const n = next();
      const invitation = await p.userInvitation.create({
        data: {
          organizationId: dhcl,
          email: `asked${n}@dhcl.example.com`,
          name: 'Asked',
          role: 'VIEWER',
          tokenHash: `fresh-invitation-${n}`,
          expiresAt: hours(24),
          createdAt: T0,
        },
      });
      return invitation.id;
    },
    async apiKey() {
      const n = next();
      const key = await p.apiKey.create({
        data: { organizationId: dhcl, name: 'TOS', prefix: 'hbk_fres', keyHash: `fresh-${n}` },
      });
      return key.id;
    },
    async job() {
      const zone = async (code: string) => (await p.zone.findFirstOrThrow({ where: { code } })).id;
      const job = await p.dispatchJob.create({
        data: {
          organizationId: dhcl,
          reference: `DH-FRESH-${next()}`,
          pickupZoneId: await zone('YSP1-GATE'),
          dropoffZoneId: await zone('LCG-DEPOT'),
          windowStart: T0,
          windowEnd: hours(3),
          events: { create: { toStatus: 'PLANNED', at: T0, actorKind: 'USER' } },
        },
      });
      return job.id;
    },
    async alert() {
      const alert = await p.alert.create({
        data: {
          organizationId: dhcl,
          kind: 'SPEEDING',
          severity: 'WARNING',
          message: 'fresh',
          raisedAt: hours(-1),
        },
      });
      return alert.id;
    },
    async rule() {
      const rule = await p.alertRule.create({
        data: {
          organizationId: dhcl,
          name: `Silence ${next()}`,
          kind: 'AIS_SILENCE',
          params: { silenceMinutes: 30 },
        },
      });
      return rule.id;
    },
    /** An organization of no viewer's, so a grant to it widens nobody's view in the table. */
    async grantee(withGrant = false) {
      const n = next();
      const organization = await p.organization.create({
        data: { code: `GR${n}`, name: `Grantee ${n}`, kind: 'LOGISTICS_COMPANY' },
      });
      if (withGrant)
        await p.containerAccessGrant.create({
          data: { organizationId: organization.id, scope: 'ALL_CONTAINERS', grantedAt: T0 },
        });
      return organization.id;
    },
    async vessel() {
      return (await p.vessel.create({ data: { mmsi: 412_000_000 + next() } })).id;
    },
    async visit() {
      const port = await p.port.findFirstOrThrow();
      const visit = await p.vesselVisit.create({
        data: { vesselId: world.vessel.id, portId: port.id, terminalId: world.terminal.id },
      });
      return visit.id;
    },
    /** A container number Harbor has not seen. */
    box: () => boxNumber('HBR', 100_000 + next()),
  };
}
