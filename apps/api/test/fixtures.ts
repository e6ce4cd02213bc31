import type { OrganizationKind, Role } from '@harbor/db';
import { createTestDb, type TestDb, type TestDbTarget } from '@harbor/db/testing';
import type { SessionUser } from '@harbor/shared';
import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { HarborError } from '../src/core/errors.ts';
import { hashSessionToken, newSessionToken, toSessionUser } from '../src/domains/auth/session.ts';
import { fieldErrorsOfTrpc, toTrpcError } from '../src/edges/trpc/errors.ts';
import { createCaller } from '../src/runtime/app-router.ts';
import { testContext } from './services.ts';

const ORGANIZATIONS = {
  port: { code: 'SHPA', name: 'Shanghai Port Authority', kind: 'PORT_AUTHORITY' },
  dhcl: { code: 'DHCL', name: 'Donghai Container Logistics', kind: 'LOGISTICS_COMPANY' },
  lgft: { code: 'LGFT', name: 'Lingang Freight Transport', kind: 'LOGISTICS_COMPANY' },
} as const satisfies Record<string, { code: string; name: string; kind: OrganizationKind }>;

type OrgKey = keyof typeof ORGANIZATIONS;

const USERS = {
  portAdmin: ['port', 'ADMIN'],
  portOperator: ['port', 'PORT_OPERATOR'],
  portViewer: ['port', 'VIEWER'],
  dhclAdmin: ['dhcl', 'ADMIN'],
  dhclDispatcher: ['dhcl', 'DISPATCHER'],
  dhclViewer: ['dhcl', 'VIEWER'],
  lgftDispatcher: ['lgft', 'DISPATCHER'],
  lgftViewer: ['lgft', 'VIEWER'],
} as const satisfies Record<string, readonly [OrgKey, Role]>;

export type UserKey = keyof typeof USERS;
export const ALL_USERS = Object.keys(USERS) as UserKey[];

export type World = {
  db: TestDb;
  organizations: Record<OrgKey, { id: string }>;
  users: Record<UserKey, SessionUser>;
  /** A tRPC caller acting as that user, or anonymous with null. */
  as(user: UserKey | null): ReturnType<typeof createCaller>;
};

/** A fresh database with the port authority, two logistics companies and a user of each role. */
export async function buildWorld(
  target: TestDbTarget,
  passwordHash = 'not-a-login-hash',
): Promise<World> {
  const db = await createTestDb(target);
  const organizations = {} as Record<OrgKey, { id: string }>;
  for (const [key, data] of Object.entries(ORGANIZATIONS) as [
    OrgKey,
    (typeof ORGANIZATIONS)[OrgKey],
  ][]) {
    organizations[key] = await db.prisma.organization.create({ data });
  }
  const users = {} as Record<UserKey, SessionUser>;
  for (const [key, [org, role]] of Object.entries(USERS) as [UserKey, (typeof USERS)[UserKey]][]) {
    const row = await db.prisma.user.create({
      data: {
        organizationId: organizations[org].id,
        email: `${key.toLowerCase()}@test.harbor.local`,
        name: key,
        role,
        passwordHash,
      },
      include: { organization: true },
    });
    users[key] = toSessionUser(row);
  }
  return {
    db,
    organizations,
    users,
    as: (user) => createCaller(testContext({ db, user: user ? users[user] : null })),
  };
}

/**
 * Awaits a call that must fail as a client would see a TRPCError of `code`; returns the error
 * for more checks. A domain function called directly throws a HarborError: it is taken as the
 * TRPCError the api would send for it.
 */
export async function expectTrpcError(
  call: Promise<unknown>,
  code: TRPCError['code'],
): Promise<TRPCError> {
  const caught = await call.then(
    () => null,
    (error: unknown) => error,
  );
  const error = caught instanceof HarborError ? toTrpcError(caught) : caught;
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  return error as TRPCError;
}

/** A BAD_REQUEST whose field errors name `field`; returns that field's messages. */
export async function expectFieldError(call: Promise<unknown>, field: string): Promise<string[]> {
  const fields = fieldErrorsOfTrpc(await expectTrpcError(call, 'BAD_REQUEST'));
  expect(fields, 'the error carries field errors').not.toBeNull();
  expect(Object.keys(fields ?? {})).toContain(field);
  return fields?.[field] ?? [];
}

/** A live session of `user` as its browser holds it: the Cookie header of a plain HTTP request. */
export async function sessionCookieFor(world: World, user: UserKey): Promise<string> {
  const token = newSessionToken();
  await world.db.prisma.session.create({
    data: {
      tokenHash: hashSessionToken(token),
      userId: world.users[user].id,
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  return `harbor_session=${token}`;
}

/**
 * A stored file at `url` (`/media/...`) served as the media routes serve it: its bytes and
 * type to DHCL's dispatcher, whose it is, and to port staff; 404 media.not-found to another
 * company; 401 auth.login-required without a session.
 */
export async function expectServedToThoseWhoSeeIt(
  world: World,
  url: string,
  file: { bytes: Uint8Array; contentType: string },
): Promise<void> {
  const fetchAs = async (user: UserKey) =>
    fetch(url, { headers: { cookie: await sessionCookieFor(world, user) } });
  const own = await fetchAs('dhclDispatcher');
  expect(own.status).toBe(200);
  expect(own.headers.get('content-type')).toBe(file.contentType);
  expect(new Uint8Array(await own.arrayBuffer())).toEqual(file.bytes);
  const port = await fetchAs('portViewer');
  expect(port.status).toBe(200);
  await port.arrayBuffer();
  const other = await fetchAs('lgftDispatcher');
  expect(other.status).toBe(404);
  expect(await other.json()).toMatchObject({ code: 'media.not-found' });
  const anonymous = await fetch(url);
  expect(anonymous.status).toBe(401);
  expect(await anonymous.json()).toMatchObject({ code: 'auth.login-required' });
}
