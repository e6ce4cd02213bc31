import { Prisma } from '@harbor/db';
import type { AssetKind, OrganizationKind, SessionUser } from '@harbor/shared';
import { HarborError } from '../../core/errors.ts';

/**
 * Organization scoping, in one place. Staff of the port authority see the whole port and
 * every fleet; everyone else sees only their own organization's fleet, people and jobs.
 * Vessels, berths, the berth plan, terminals and the yard's layout and figures are port data
 * every logged-in user may read. Containers are shared by the port's rule in
 * containers/visibility.ts: an organization sees the containers it handles (and, by exact
 * number, any other one's current status) unless the port authority grants it more.
 *
 * The rule has three twins that must agree (scope.int.test.ts): `canSee` for a thing in
 * memory, `organizationScope` for a Prisma query, `organizationSql` for raw SQL; and
 * `canSeeAsset` / `assetSql` for what the map shows, where vessels are port data.
 */

/** Whoever looks: a logged-in user, or an organization (an alert rule's, an API key's). */
export type Viewer = { organization: { id: string; kind: OrganizationKind } };

export function isPortStaff(viewer: Viewer): boolean {
  return viewer.organization.kind === 'PORT_AUTHORITY';
}

/**
 * Whether the viewer sees a thing owned by the organization `owner`; null when no
 * organization is known to own it (a truck whose terminal is not registered, a port-wide
 * alert), which only port staff see.
 */
export function canSee(viewer: Viewer, owner: string | null): boolean {
  return isPortStaff(viewer) || owner === viewer.organization.id;
}

/** `canSee` as a Prisma `where` fragment on a model's `organizationId`. */
export function organizationScope(viewer: Viewer): { organizationId?: string } {
  return isPortStaff(viewer) ? {} : { organizationId: viewer.organization.id };
}

/** `canSee` as a raw SQL condition on the column holding the owner's id (`d."organizationId"`). */
export function organizationSql(viewer: Viewer, ownerColumn: Prisma.Sql): Prisma.Sql {
  return isPortStaff(viewer)
    ? Prisma.sql`TRUE`
    : Prisma.sql`${ownerColumn} = ${viewer.organization.id}`;
}

/** A tracked asset and the organization owning it: a truck's is its terminal's (device's). */
export type AssetOwner = { assetKind: AssetKind; organizationId: string | null };

/** Vessels are port data, seen by everyone; a truck is seen as its owner (`canSee`). */
export function canSeeAsset(viewer: Viewer, asset: AssetOwner): boolean {
  return asset.assetKind === 'VESSEL' || canSee(viewer, asset.organizationId);
}

/** `canSeeAsset` as a raw SQL condition on the asset's kind and owner columns. */
export function assetSql(
  viewer: Viewer,
  columns: { assetKind: Prisma.Sql; organizationId: Prisma.Sql },
): Prisma.Sql {
  return Prisma.sql`(${columns.assetKind} = 'VESSEL' OR ${organizationSql(viewer, columns.organizationId)})`;
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
