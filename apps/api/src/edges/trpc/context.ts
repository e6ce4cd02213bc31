import type { Db } from '@harbor/db';
import type { SessionUser } from '@harbor/shared';
import type { Clock } from '../../core/clock.ts';
import type { LoginThrottle } from '../../domains/auth/login-throttle.ts';
import type { PasswordCheck } from '../../domains/auth/password-check.ts';
import type { SessionStreams } from '../../domains/auth/session-streams.ts';
import type { JobChangeTopic } from '../../domains/dispatch/job-changes.ts';
import type { TerminalMessenger } from '../../domains/dispatch/messenger.ts';
import type { HistoryPolicy } from '../../domains/history/policy.ts';
import type { ZoneFences } from '../../domains/port/zones.ts';
import type { LatestPositionCache } from '../../domains/positions/latest-cache.ts';
import type { LiveTopics } from '../../domains/positions/live-topics.ts';
import type { TerminalCommander } from '../../domains/vehicles/commands.ts';
import type { DeviceDirectory } from '../../domains/vehicles/device-directory.ts';
import type { TerminalLinks } from '../../domains/vehicles/terminal-links.ts';
import type { FairGate } from './fair-gate.ts';

/** How a procedure sets or clears the session cookie; the HTTP layer supplies the real one. */
export type SessionCookie = {
  set(token: string, expiresAt: Date): void;
  clear(): void;
};

/**
 * The running services procedures call, built once by the runtime (runtime/runtime.ts) and
 * the same for every request. None is optional: a process that serves the api runs them all.
 */
export type Services = {
  db: Db;
  now: Clock;
  sessionTtlMs: number;
  /** How long history is kept (HISTORY_*). */
  history: HistoryPolicy;
  /** Whose a device is (by terminal phone): the Device table's owner for that question. */
  devices: DeviceDirectory;
  /** The latest position of every asset, fed by the bus (the map's viewport query). */
  latestPositions: LatestPositionCache;
  /** The live fan-out of positions and alerts the subscriptions listen to. */
  live: LiveTopics;
  /** The running alert rules, reloaded when a rule changes. */
  alertMonitor: { reloadRules(): Promise<number> };
  /** The running geofences and rules, told when a zone changes. */
  zoneFences: ZoneFences;
  /** The fan-out of dispatch job status changes (`dispatch.live`). */
  jobChanges: JobChangeTopic;
  /** Sends texts to JT/T 808 terminals (stored, then delivered when the terminal is online). */
  messenger: Pick<TerminalMessenger, 'deliver'>;
  /** Sends commands to JT/T 808 terminals online now, and records their answers. */
  commander: Pick<TerminalCommander, 'send'>;
  /** The JT/T 808 connections: who is online, and closing one whose binding was reset. */
  terminalLinks: Pick<TerminalLinks, 'isOnline' | 'disconnect'>;
  /** What a login goes through: the throttle of failed logins and a constant-cost password check. */
  loginGuard: { throttle: LoginThrottle; passwords: PasswordCheck };
  /** The open live streams per session, ended with their session (logout, disabled user, ...). */
  sessionStreams: SessionStreams;
  /** Queries and mutations wait here for their client's turn (fair-scheduling.ts). */
  gate: FairGate;
};

/** What one request brings: who calls, with which session, and how to answer its cookie. */
export type RequestContext = {
  user: SessionUser | null;
  /** Hash of the current session token, so logout can end exactly this session. */
  sessionTokenHash: string | null;
  sessionCookie: SessionCookie;
  /** Who is calling, recorded with a new session; the address is also what login throttles by. */
  client: { userAgent?: string | undefined; ipAddress?: string | undefined };
};

export type Context = Services & RequestContext;

const noCookie: SessionCookie = { set() {}, clear() {} };

/** A context without an HTTP request: what tests build to call procedures directly. */
export function createContext(services: Services, request: Partial<RequestContext> = {}): Context {
  return {
    ...services,
    user: null,
    sessionTokenHash: null,
    sessionCookie: noCookie,
    client: {},
    ...request,
  };
}
