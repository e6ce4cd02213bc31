import type { Db } from '@harbor/db';
import type { SessionUser } from '@harbor/shared';
import type { AlertMonitor } from '../../domains/alerts/monitor.ts';
import type { LoginThrottle } from '../../domains/auth/login-throttle.ts';
import type { PasswordCheck } from '../../domains/auth/password-check.ts';
import type { SessionStreams } from '../../domains/auth/session-streams.ts';
import type { JobChangeTopic } from '../../domains/dispatch/job-changes.ts';
import type { TerminalMessenger } from '../../domains/dispatch/messenger.ts';
import type { LatestPositionCache } from '../../domains/positions/latest-cache.ts';
import type { LiveTopics } from '../../domains/positions/live-topics.ts';
import { DeviceDirectory } from '../../domains/vehicles/device-directory.ts';
import type { Jt808Gateway } from '../gateways/jt808-gateway.ts';
import type { FairGate } from './fair-gate.ts';

/** How a procedure sets or clears the session cookie; the HTTP layer supplies the real one. */
export type SessionCookie = {
  set(token: string, expiresAt: Date): void;
  clear(): void;
};

export type Clock = () => Date;

export type ContextInner = {
  db: Db;
  user: SessionUser | null;
  /** Hash of the current session token, so logout can end exactly this session. */
  sessionTokenHash: string | null;
  sessionCookie: SessionCookie;
  sessionTtlMs: number;
  now: Clock;
  /** Whose a device is (by terminal phone); made over `db` unless given. */
  devices: DeviceDirectory;
  /** The tracker-fed latest positions, when this process runs the tracker. */
  latestPositions?: LatestPositionCache | undefined;
  /** The live fan-out the subscriptions listen to, when this process runs the tracker. */
  live?: LiveTopics | undefined;
  /** The running alert rules, reloaded when a rule changes. */
  alertMonitor?: Pick<AlertMonitor, 'reloadRules'> | undefined;
  /** The fan-out of dispatch job status changes, when this process runs the tracker. */
  dispatchHub?: JobChangeTopic | undefined;
  /** Sends texts to connected JT/T 808 terminals, when this process runs the gateway. */
  messenger?: Pick<TerminalMessenger, 'deliver'> | undefined;
  /** This process's JT/T 808 connections: who is online, and closing one whose binding was reset. */
  terminalLinks?: Pick<Jt808Gateway, 'isOnline' | 'disconnect'> | undefined;
  /** Queries and mutations wait here for their client's turn (fair-scheduling.ts); none in tests. */
  gate?: FairGate | undefined;
  /** Who is calling, recorded with a new session; the address is also what login throttles by. */
  client: { userAgent?: string | undefined; ipAddress?: string | undefined };
  /**
   * What a login goes through: the throttle of failed logins and the password check that
   * costs the same for unknown emails. The HTTP app always has them; without them
   * `auth.login` refuses to run.
   */
  loginGuard?: { throttle: LoginThrottle; passwords: PasswordCheck } | undefined;
  /** The open live streams per session, ended with their session (logout, disabled user, ...). */
  sessionStreams?: SessionStreams | undefined;
};

const noCookie: SessionCookie = { set() {}, clear() {} };

/** The request-free part of the context: what tests build to call procedures directly. */
export function createContextInner(
  options: Pick<ContextInner, 'db'> & Partial<Omit<ContextInner, 'db'>>,
): ContextInner {
  return {
    user: null,
    sessionTokenHash: null,
    sessionCookie: noCookie,
    sessionTtlMs: 12 * 3_600_000,
    now: () => new Date(),
    client: {},
    ...options,
    devices: options.devices ?? new DeviceDirectory(options.db),
  };
}

export type Context = ContextInner;
