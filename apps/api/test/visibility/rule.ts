import type { Role } from '@harbor/db';
import type { TRPCError } from '@trpc/server';
import {
  BOXES,
  type OrgKey,
  type Owner,
  type VisibilityWorld,
  type Who,
} from '../worlds/visibility.ts';

/**
 * What the table expects, stated here on its own: not through auth/scope.ts, so that a
 * copy of the rule broken there or anywhere else cannot agree with itself.
 */

/** Port staff see every organization's things; anyone else only their own. */
export function sees(who: Who, owner: Owner): boolean {
  return who.org === 'port' || (owner !== null && owner === who.org);
}

/**
 * Container sharing (containers/visibility.ts): port staff see all; an organization the
 * containers it handles, by a job, a truck or a terminal it runs. Each seeded company's truck
 * gated its container into YSP1, which SIPG runs; containers the table records go through
 * YSP1 with no truck, so SIPG handles those.
 */
export function handles(who: Who, containerNumber: string): boolean {
  const handlers: OrgKey[] =
    containerNumber === BOXES.dhcl
      ? ['dhcl', 'sipg']
      : containerNumber === BOXES.lgft
        ? ['lgft', 'sipg']
        : BOXES.untouched.includes(containerNumber)
          ? []
          : ['sipg'];
  return who.org === 'port' || (who.org !== null && handlers.includes(who.org));
}

export type Outcome = 'OK' | TRPCError['code'];

/** One condition of a call: null when `who` passes it, else the refusal. */
export type Gate = (who: Who) => Outcome | null;

/** The outcome of passing the gates in order: the first refusal, or OK. */
export function outcome(...gates: Gate[]): (who: Who) => Outcome {
  return (who) => {
    for (const gate of gates) {
      const refusal = gate(who);
      if (refusal) return refusal;
    }
    return 'OK';
  };
}

export const loggedIn: Gate = (who) => (who.user ? null : 'UNAUTHORIZED');
/** Every logged-in user; nobody else. */
export const anyone = outcome(loggedIn);
export const everyone = outcome();
export const role =
  (...roles: Role[]): Gate =>
  (who) =>
    who.role && roles.includes(who.role) ? null : 'FORBIDDEN';
/** The thing is `owner`'s: anyone who does not see it is told it does not exist. */
export const seen =
  (owner: OrgKey): Gate =>
  (who) =>
    sees(who, owner) ? null : 'NOT_FOUND';
/** Changed by its own organization only: port staff see it but may not. */
export const own =
  (owner: OrgKey): Gate =>
  (who) =>
    who.org === owner ? null : 'FORBIDDEN';
/** Done for `owner` (a new row of theirs): by its own people, or port staff for anyone. */
export const actsFor =
  (owner: OrgKey): Gate =>
  (who) =>
    who.org === owner || who.org === 'port' ? null : 'FORBIDDEN';
export const portStaff: Gate = (who) => (who.org === 'port' ? null : 'FORBIDDEN');
export const notPortStaff: Gate = (who) => (who.org === 'port' ? 'FORBIDDEN' : null);

/** Where an answer may and must reach: problems found, none when it is right. */
export type Problems = string[];

/**
 * A list scoped by owner: nothing of an organization the viewer does not see, and the
 * seeded things of each `present` owner it does see.
 */
export function scoped(who: Who, owners: Owner[], present: Owner[]): Problems {
  const found = new Set(owners);
  const problems: Problems = [];
  for (const owner of found)
    if (!sees(who, owner)) problems.push(`shows ${owner ?? 'no organization'}'s`);
  for (const owner of present)
    if (sees(who, owner) && !found.has(owner))
      problems.push(`misses ${owner ?? 'no organization'}'s`);
  return problems;
}

/** Containers by number: none the viewer does not handle; the seeded ones it handles. */
export function scopedContainers(who: Who, numbers: (string | null)[]): Problems {
  const problems: Problems = [];
  for (const number of numbers)
    if (number !== null && !handles(who, number)) problems.push(`shows container ${number}`);
  for (const number of [BOXES.dhcl, BOXES.lgft])
    if (handles(who, number) && !numbers.includes(number))
      problems.push(`misses container ${number}`);
  return problems;
}

/** The owners of vehicles by id, read from the database (mutations add vehicles). */
export async function vehicleOwners(world: VisibilityWorld, ids: string[]): Promise<Owner[]> {
  const rows = await world.db.prisma.vehicle.findMany({
    where: { id: { in: ids } },
    select: { organizationId: true },
  });
  return rows.map((row) => world.ownerOf(row.organizationId));
}
