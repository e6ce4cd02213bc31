import type { SessionUser } from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';

/**
 * Organization scoping, in one place. Staff of the port authority see the whole port and
 * every fleet; everyone else sees only their own organization's fleet, people and jobs.
 * Vessels, berths, the berth plan, terminals and the yard's layout and figures are port data
 * every logged-in user may read. Containers are shared by the port's rule in
 * containers/visibility.ts: an organization sees the containers it handles (and, by exact
 * number, any other one's current status) unless the port authority grants it more.
 */
export function isPortStaff(user: SessionUser): boolean {
  return user.organization.kind === 'PORT_AUTHORITY';
}

/** A Prisma `where` fragment limiting organization-owned rows to what the user may see. */
export function organizationScope(user: SessionUser): { organizationId?: string } {
  return isPortStaff(user) ? {} : { organizationId: user.organization.id };
}

/** The organization a new row goes to: the caller's own, unless port staff name another. */
export function targetOrganization(user: SessionUser, requested: string | undefined): string {
  if (!requested || requested === user.organization.id) return user.organization.id;
  if (isPortStaff(user)) return requested;
  throw new HarborError(
    'forbidden',
    'auth.own-organization-only',
    'you may only act within your own organization',
  );
}

/** Port data (vessels, berths) may be changed by port authority admins and operators only. */
export function assertPortWriter(user: SessionUser): void {
  if (!isPortStaff(user) || (user.role !== 'ADMIN' && user.role !== 'PORT_OPERATOR')) {
    throw new HarborError(
      'forbidden',
      'auth.port-staff-only',
      'only port authority staff may change port data',
    );
  }
}
