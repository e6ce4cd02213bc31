import type { Db, Prisma } from '@harbor/db';
import type { ContainerGrantScope, SessionUser } from '@harbor/shared';
import { isPortStaff, organizationScope, type Viewer } from '../auth/scope.ts';

/**
 * Which containers an organization may see, in one place. The port authority sees every
 * container. Any other organization sees in full the containers it handles:
 * - those its dispatch jobs name,
 * - those its trucks or its jobs moved (equipment events tied to its vehicles or jobs),
 * - those that are or were at a terminal it operates (an event at that terminal).
 * In practice a logistics company handles containers through jobs and trucks, a terminal
 * operator through its terminals, and a shipping line (no jobs, trucks or terminals in
 * Harbor) handles none. Any other container is shown by its exact number only, as its
 * current status (containers.get); lists, searches, the yard grid's numbers, dashboards and
 * the DCSA feed leave it out. A port authority grant (ContainerAccessGrant) widens an
 * organization to every container, for the app (ALL_CONTAINERS) or for its API keys' DCSA
 * feed (DCSA_FEED). Even then, links to other organizations' trucks, jobs and people stay
 * hidden as the organization rule (auth/scope.ts) hides them.
 */
export type ContainerVisibility = Viewer & {
  /** Port staff, or an organization with an active grant for this channel. */
  seesAllContainers: boolean;
};

type Deps = { db: Pick<Db, 'prisma'> };

/** The visibility of an organization through one channel: the app, or the DCSA feed. */
export async function containerVisibility(
  deps: Deps,
  organization: Viewer['organization'],
  channel: ContainerGrantScope,
): Promise<ContainerVisibility> {
  const viewer = { organization: { id: organization.id, kind: organization.kind } };
  if (isPortStaff(viewer)) return { ...viewer, seesAllContainers: true };
  const grant = await deps.db.prisma.containerAccessGrant.findFirst({
    where: { organizationId: organization.id, scope: channel, revokedAt: null },
    select: { scope: true },
  });
  return { ...viewer, seesAllContainers: grant !== null };
}

/** What a logged-in user sees of containers in the app (tRPC). */
export function userContainerVisibility(
  deps: Deps,
  user: SessionUser,
): Promise<ContainerVisibility> {
  return containerVisibility(deps, user.organization, 'ALL_CONTAINERS');
}

/** The containers an organization handles (see above), as a Prisma `where` on Container. */
export function handledContainersWhere(organizationId: string): Prisma.ContainerWhereInput {
  return {
    OR: [
      { dispatchJobs: { some: { organizationId } } },
      {
        equipmentEvents: {
          some: {
            OR: [
              { vehicle: { is: { organizationId } } },
              { dispatchJob: { is: { organizationId } } },
              { terminal: { is: { operatorOrganizationId: organizationId } } },
            ],
          },
        },
      },
    ],
  };
}

/**
 * The containers listed to the viewer, as a Prisma `where` on Container. Combine it with the
 * query's own conditions under `AND` (both may use `OR`), never by spreading.
 */
export function visibleContainersWhere(
  visibility: ContainerVisibility,
): Prisma.ContainerWhereInput {
  return visibility.seesAllContainers ? {} : handledContainersWhere(visibility.organization.id);
}

/** Whether the viewer sees this container in full (not only its status). */
export async function seesContainer(
  deps: Deps,
  visibility: ContainerVisibility,
  containerId: string,
): Promise<boolean> {
  return (await visibleContainerIds(deps, visibility, [containerId])).has(containerId);
}

/** Of these containers, the ones the viewer sees in full. */
export async function visibleContainerIds(
  deps: Deps,
  visibility: ContainerVisibility,
  containerIds: readonly string[],
): Promise<Set<string>> {
  if (visibility.seesAllContainers || containerIds.length === 0) return new Set(containerIds);
  const rows = await deps.db.prisma.container.findMany({
    where: { AND: [{ id: { in: [...containerIds] } }, visibleContainersWhere(visibility)] },
    select: { id: true },
  });
  return new Set(rows.map((row) => row.id));
}

type Link = (id: string | null) => string | null;

/** Links to trucks, dispatch jobs and users, each kept when the viewer may follow it. */
export type LinkFilter = { vehicle: Link; dispatchJob: Link; user: Link };

const keepAll: LinkFilter = { vehicle: (id) => id, dispatchJob: (id) => id, user: (id) => id };

/** Of `ids`, the ones present, each once. */
const present = (ids: (string | null)[]) => [
  ...new Set(ids.filter((id): id is string => id !== null)),
];

/** A link kept only when it is one of `own`. */
function within(own: { id: string }[]): Link {
  const ids = new Set(own.map((row) => row.id));
  return (id) => (id !== null && ids.has(id) ? id : null);
}

/**
 * Filters links to trucks, jobs and people by the organization rule (auth/scope.ts): port
 * staff keep every one; anyone else only its own organization's, so a container's history
 * never names a competitor's truck or job.
 */
export async function ownLinkFilter(
  deps: Deps,
  visibility: ContainerVisibility,
  links: {
    vehicleIds: (string | null)[];
    dispatchJobIds: (string | null)[];
    userIds: (string | null)[];
  },
): Promise<LinkFilter> {
  if (isPortStaff(visibility)) return keepAll;
  const scope = organizationScope(visibility);
  const vehicleIds = present(links.vehicleIds);
  const dispatchJobIds = present(links.dispatchJobIds);
  const userIds = present(links.userIds);
  const select = { id: true } as const;
  const [vehicles, jobs, users] = await Promise.all([
    vehicleIds.length
      ? deps.db.prisma.vehicle.findMany({
          where: { id: { in: vehicleIds }, ...scope },
          select,
        })
      : [],
    dispatchJobIds.length
      ? deps.db.prisma.dispatchJob.findMany({
          where: { id: { in: dispatchJobIds }, ...scope },
          select,
        })
      : [],
    userIds.length
      ? deps.db.prisma.user.findMany({ where: { id: { in: userIds }, ...scope }, select })
      : [],
  ]);
  return { vehicle: within(vehicles), dispatchJob: within(jobs), user: within(users) };
}
