import type { Db } from '@harbor/db';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.ts';
import type { LivePosition, PositionTopic } from '../positions/live-topics.ts';
import type { OpenChannel } from './channel.ts';
import { type LinkRow, SupervisionForwarder, settingsOf } from './forwarder.ts';
import type { RequestDeps } from './requests.ts';

/** How often the links are leased, ticked and their status saved. */
export const LINK_ROUND_MS = 2_000;
/** A lease not renewed for this long is free for another process. */
export const LINK_LEASE_MS = 15_000;

/** What /metrics shows: totals over the links this process holds. */
export type SupervisionStats = {
  links: number;
  linksUp: number;
  messagesSent: number;
  messagesReceived: number;
  positionsSent: number;
  backlogSent: number;
  backlogPending: number;
  backlogDropped: number;
  registrationsSent: number;
  decodeErrors: number;
  loginsRefused: number;
  requestsReceived: number;
  requestsAnswered: number;
};

// Takes every enabled link nobody holds (or whose holder stopped renewing) and renews this
// process's own; PostgreSQL decides between processes. Raw SQL, so updatedAt (Prisma's) stays
// the time of the last change of the configuration.
const CLAIM = `UPDATE "SupervisionLink"
  SET "ownerId" = $1, "leaseUntil" = now() + make_interval(secs => $2::float8)
  WHERE enabled AND ("ownerId" = $1 OR "leaseUntil" IS NULL OR "leaseUntil" < now())
  RETURNING id`;
const RELEASE = `UPDATE "SupervisionLink" SET "ownerId" = NULL, "leaseUntil" = NULL
  WHERE "ownerId" = $1`;
const SAVE_STATUS = `UPDATE "SupervisionLink" SET status = $2::jsonb WHERE id = $1 AND "ownerId" = $3`;

/** The status of a link that is not running. */
const IDLE_STATUS = {
  main: 'down',
  sub: 'down',
  messagesSent: 0,
  messagesReceived: 0,
  decodeErrors: 0,
  loginsRefused: 0,
  connects: 0,
  positionsSent: 0,
  backlogSent: 0,
  backlogPending: 0,
  backlogDropped: 0,
  registrationsSent: 0,
  requestsReceived: 0,
  requestsAnswered: 0,
  lastLoginAt: null,
} as const;

/** What the link is opened with: a change of any of it reopens the link. */
const fingerprint = (row: LinkRow) => JSON.stringify({ ...settingsOf(row), p: row.platformId });

/**
 * The JT/T 809 links held by this process (an api process: it hears every fix). Each enabled
 * link is held by one process at a time, through a lease in its row; a process that stops
 * renewing loses it to another within LINK_LEASE_MS. Every round the links are claimed, opened
 * or reopened when their configuration changed, closed when disabled or lost, ticked, and their
 * status saved for the status page.
 */
export class SupervisionLinks {
  private readonly forwarders = new Map<string, { forwarder: SupervisionForwarder; key: string }>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  /** Subscribed to the live positions while this process holds a link. */
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly deps: {
      db: Db;
      open: OpenChannel;
      now: Clock;
      logger: Logger;
      messenger: RequestDeps['messenger'];
      /** The live positions (the live tap's), forwarded while a link is held. */
      positions: PositionTopic;
      /** This process's id in the leases. */
      ownerId: string;
      roundMs?: number;
      leaseMs?: number;
    },
  ) {}

  start(): void {
    void this.round();
    this.timer = setInterval(() => void this.round(), this.deps.roundMs ?? LINK_ROUND_MS);
    this.timer.unref();
  }

  /** Live positions: every held link takes its company's shared vehicles'. */
  accept(positions: readonly LivePosition[]): void {
    for (const { forwarder } of this.forwarders.values()) forwarder.accept(positions);
  }

  /** A held link's forwarder (tests, status). */
  forwarder(linkId: string): SupervisionForwarder | null {
    return this.forwarders.get(linkId)?.forwarder ?? null;
  }

  /** One round now (or the one under way). */
  round(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.claimAndTick()
      .catch((error) => this.deps.logger.error({ err: error }, 'supervision links round failed'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  stats(): SupervisionStats {
    const stats: SupervisionStats = {
      links: 0,
      linksUp: 0,
      messagesSent: 0,
      messagesReceived: 0,
      positionsSent: 0,
      backlogSent: 0,
      backlogPending: 0,
      backlogDropped: 0,
      registrationsSent: 0,
      decodeErrors: 0,
      loginsRefused: 0,
      requestsReceived: 0,
      requestsAnswered: 0,
    };
    for (const { forwarder } of this.forwarders.values()) {
      const link = forwarder.channel.stats;
      const counters = forwarder.counters;
      stats.links++;
      if (forwarder.channel.isUp) stats.linksUp++;
      stats.messagesSent += link.messagesSent;
      stats.messagesReceived += link.messagesReceived;
      stats.decodeErrors += link.decodeErrors;
      stats.loginsRefused += link.loginsRefused;
      stats.positionsSent += counters.positionsSent;
      stats.backlogSent += counters.backlogSent;
      stats.backlogPending += counters.backlogPending;
      stats.backlogDropped += counters.backlogDropped;
      stats.registrationsSent += counters.registrationsSent;
      stats.requestsReceived += forwarder.requests.counters.received;
      stats.requestsAnswered += forwarder.requests.counters.answered;
    }
    return stats;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await Promise.all([...this.forwarders.values()].map(({ forwarder }) => forwarder.stop()));
    this.forwarders.clear();
    this.listen();
    await this.deps.db.sql.query(RELEASE, [this.deps.ownerId]).catch(() => {});
  }

  private async claimAndTick(): Promise<void> {
    const { db, ownerId } = this.deps;
    const leaseS = (this.deps.leaseMs ?? LINK_LEASE_MS) / 1000;
    const { rows } = await db.sql.query<{ id: string }>(CLAIM, [ownerId, leaseS]);
    const held = await db.prisma.supervisionLink.findMany({
      where: { id: { in: rows.map((r) => r.id) } },
    });
    const heldIds = new Set(held.map((row) => row.id));
    for (const [id, { forwarder }] of this.forwarders)
      if (!heldIds.has(id)) {
        this.forwarders.delete(id);
        await forwarder.stop();
      }
    for (const row of held) {
      const key = fingerprint(row);
      const current = this.forwarders.get(row.id);
      if (current?.key === key) continue;
      if (current) {
        this.forwarders.delete(row.id);
        await current.forwarder.stop();
      }
      const forwarder = new SupervisionForwarder({ ...this.deps, row });
      try {
        await forwarder.start();
        this.forwarders.set(row.id, { forwarder, key });
      } catch (error) {
        this.deps.logger.error({ err: error, link: row.id }, 'jt809 link did not start');
        await forwarder.stop().catch(() => {});
        const at = this.deps.now().toISOString();
        await this.saveStatus(row.id, {
          ...IDLE_STATUS,
          lastError: { at, code: 'start-failed', detail: String(error) },
          at,
        });
      }
    }
    this.listen();
    for (const [id, { forwarder }] of this.forwarders) {
      await forwarder.tick();
      await this.saveStatus(id, {
        ...forwarder.channel.stats,
        ...forwarder.counters,
        requestsReceived: forwarder.requests.counters.received,
        requestsAnswered: forwarder.requests.counters.answered,
        ownerId,
        at: this.deps.now().toISOString(),
      });
    }
  }

  private listen(): void {
    if (this.forwarders.size > 0 && !this.unsubscribe)
      this.unsubscribe = this.deps.positions.subscribe((positions) => this.accept(positions));
    else if (this.forwarders.size === 0 && this.unsubscribe) {
      this.unsubscribe();
      this.unsubscribe = null;
    }
  }

  private async saveStatus(id: string, status: object): Promise<void> {
    await this.deps.db.sql.query(SAVE_STATUS, [id, JSON.stringify(status), this.deps.ownerId]);
  }
}
