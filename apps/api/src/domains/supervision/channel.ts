import type {
  Jt809Body,
  Jt809Edition,
  Jt809EncryptKeys,
  Jt809Message,
} from '@harbor/protocols/jt809';
import type { SupervisionLinkErrorCode } from '@harbor/shared';

/** The main link's state; the sub link is up or down. */
export type LinkState = 'down' | 'connecting' | 'logging-in' | 'up';

/** A link's counters and states, for the status page and /metrics. */
export type LinkStats = {
  main: LinkState;
  sub: 'up' | 'down';
  messagesSent: number;
  messagesReceived: number;
  /** Frames from the superior platform that did not decode (counted and skipped). */
  decodeErrors: number;
  loginsRefused: number;
  /** Main-link connection attempts. */
  connects: number;
  lastError: { at: string; code: LinkErrorCode; detail: string } | null;
  lastLoginAt: string | null;
};

/**
 * What went wrong last, as a stable code the status page translates (the detail is technical:
 * a socket error, a frame's problem, the login result's name).
 */
export type LinkErrorCode = SupervisionLinkErrorCode;

/** What a link needs from its configuration. */
export type LinkSettings = {
  linkId: string;
  edition: Jt809Edition;
  host: string;
  port: number;
  userId: number;
  password: string;
  gnssCenterId: number;
  downLinkIp: string;
  /** The sub-link server's port; 0 lets the system choose (tests). */
  downLinkPort: number;
  encryption: { keys: Jt809EncryptKeys; key: number } | null;
};

export type LinkEvents = {
  /** A link came up: the main link logged in, or the sub link while the main one is down. */
  up(): void;
  /** Neither link can carry a message any more. */
  down(): void;
  /** A message from the superior platform that is not link management. */
  request(message: Jt809Message, link: 'main' | 'sub'): void;
};

/**
 * The JT/T 809 link as the supervision domain uses it (edges/gateways/jt809-link.ts holds the
 * sockets): messages go out on whichever link is up, requests come in through `LinkEvents`.
 */
export interface SupervisionChannel {
  readonly stats: LinkStats;
  readonly isUp: boolean;
  start(): Promise<void>;
  send(body: Jt809Body): Promise<boolean>;
  stop(): Promise<void>;
}

export type OpenChannel = (settings: LinkSettings, events: LinkEvents) => SupervisionChannel;
