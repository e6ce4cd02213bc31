import type { Db, Prisma } from '@harbor/db';
import type { Jt809Body, Jt809Edition, Jt809Message } from '@harbor/protocols/jt809';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.ts';
import { readTrack } from '../history/track-store.ts';
import type { LivePosition } from '../positions/live-topics.ts';
import type { LinkSettings, OpenChannel, SupervisionChannel } from './channel.ts';
import { type ForwardedFix, positionRecord } from './positions.ts';
import { type RequestDeps, SupervisionRequests } from './requests.ts';

export type LinkRow = Prisma.SupervisionLinkGetPayload<object>;

/** A vehicle the company shares, as the forwarder knows it. */
export type SharedVehicle = {
  vehicleId: string;
  plate: string;
  plateColor: number;
  /** The asset key its fixes come under: its terminal's phone (or HTTP device id). */
  assetKey: string | null;
  exchangeStopped: boolean;
  producerId: string;
  terminalModel: string;
  terminalId: string;
};

export type ForwarderCounters = {
  positionsSent: number;
  /** Positions sent in 0x1203 after the link was down: stored ones and those held meanwhile. */
  backlogSent: number;
  registrationsSent: number;
  /** Positions held while the link is down, waiting to be sent. */
  backlogPending: number;
  /** Held positions dropped because the hold was full (the oldest go first). */
  backlogDropped: number;
};

/** At most this many positions are held in memory while the link is down. */
export const HOLD_LIMIT = 100_000;
/** After a longer outage only the last day is sent again. */
export const BACKLOG_WINDOW_MS = 24 * 3_600_000;
/**
 * Positions per 0x1203: after an outage the standard has them sent five a message, in order of
 * fix time (its text as SmallChi/JT809 quotes it for UP_EXG_MSG_HISTORY_LOCATION).
 */
export const BATCH_POSITIONS = 5;
/** Per vehicle, at most this many stored positions are read back after an outage. */
const BACKLOG_PER_VEHICLE = 20_000;

export const editionOf = (row: Pick<LinkRow, 'edition'>): Jt809Edition =>
  row.edition === 'JT809_2019' ? '2019' : '2011';

export function settingsOf(row: LinkRow): LinkSettings {
  const { encryptM1, encryptIa1, encryptIc1, encryptKey } = row;
  return {
    linkId: row.id,
    edition: editionOf(row),
    host: row.host,
    port: row.port,
    userId: Number(row.userId),
    password: row.password,
    gnssCenterId: Number(row.gnssCenterId),
    downLinkIp: row.downLinkIp,
    downLinkPort: row.downLinkPort,
    encryption:
      encryptM1 !== null && encryptIa1 !== null && encryptIc1 !== null
        ? {
            keys: { m1: Number(encryptM1), ia1: Number(encryptIa1), ic1: Number(encryptIc1) },
            key: Number(encryptKey ?? 0),
          }
        : null,
  };
}

/** The vehicles a link shares, with what their registration (0x1201) says. */
export async function sharedVehicles(
  db: Pick<Db, 'prisma'>,
  linkId: string,
): Promise<SharedVehicle[]> {
  const rows = await db.prisma.supervisionLinkVehicle.findMany({
    where: { linkId },
    include: { vehicle: { include: { device: true } } },
    orderBy: { createdAt: 'asc' },
  });
  return rows.map(({ vehicle, exchangeStopped }) => ({
    vehicleId: vehicle.id,
    plate: vehicle.plate,
    plateColor: vehicle.plateColor,
    assetKey: vehicle.device?.terminalPhone ?? null,
    exchangeStopped,
    producerId: vehicle.device?.manufacturerId ?? '',
    terminalModel: vehicle.device?.terminalModel ?? '',
    terminalId: vehicle.device?.boundTerminalId ?? '',
  }));
}

type Held = { vehicle: SharedVehicle; fix: ForwardedFix };

/**
 * Forwards one company's shared vehicles over its JT/T 809 link: each vehicle's registration
 * (0x1201) when the link comes up, every live position as it arrives (0x1202), and, after the
 * link was down, what it missed (0x1203, five positions a message): first the stored fixes
 * since the last one sent before the outage (they survive a restart of Harbor or a move of the
 * link to another process), then those this process held meanwhile. The superior platform's
 * requests are SupervisionRequests'.
 */
export class SupervisionForwarder {
  readonly counters: ForwarderCounters = {
    positionsSent: 0,
    backlogSent: 0,
    registrationsSent: 0,
    backlogPending: 0,
    backlogDropped: 0,
  };
  readonly channel: SupervisionChannel;
  readonly requests: SupervisionRequests;
  private vehicles = new Map<string, SharedVehicle>();
  private held: Held[] = [];
  private catchingUp: Promise<void> | null = null;
  /** Fix time of the newest position sent (ms); the backlog after an outage starts after it. */
  private forwardedUntil: number | null;
  private savedUntil: number | null;
  private readonly edition: Jt809Edition;

  constructor(
    private readonly deps: {
      db: Db;
      row: LinkRow;
      open: OpenChannel;
      now: Clock;
      logger: Logger;
      messenger: RequestDeps['messenger'];
    },
  ) {
    const { row } = deps;
    this.edition = editionOf(row);
    this.forwardedUntil = row.forwardedUntil?.getTime() ?? null;
    this.savedUntil = this.forwardedUntil;
    this.channel = deps.open(settingsOf(row), {
      up: () => this.onUp(),
      down: () => {},
      request: (message) => void this.onRequest(message),
    });
    this.requests = new SupervisionRequests({
      db: deps.db,
      link: { id: row.id, organizationId: row.organizationId },
      edition: this.edition,
      now: deps.now,
      logger: deps.logger,
      messenger: deps.messenger,
      send: (body) => this.channel.send(body),
      vehicle: (plate, color) => this.vehicleByPlate(plate, color),
      setExchange: (vehicle, stopped) => this.setExchange(vehicle, stopped),
    });
  }

  get row(): LinkRow {
    return this.deps.row;
  }

  async start(): Promise<void> {
    await this.reloadVehicles();
    await this.channel.start();
  }

  /** Live positions (the live tap's): this company's shared vehicles' go to the link. */
  accept(positions: readonly LivePosition[]): void {
    const organizationId = this.deps.row.organizationId;
    for (const { position, organizationId: owner } of positions) {
      if (owner !== organizationId || position.assetKind !== 'VEHICLE') continue;
      const vehicle = this.vehicles.get(position.assetKey);
      if (!vehicle || vehicle.exchangeStopped) continue;
      const fix: ForwardedFix = {
        fixAt: Date.parse(position.fixAt),
        lat: position.lat,
        lon: position.lon,
        speedKnots: position.speedKnots,
        courseDeg: position.courseDeg,
      };
      if (this.channel.isUp && !this.catchingUp) void this.sendLive(vehicle, fix);
      else this.hold({ vehicle, fix });
    }
  }

  /**
   * The periodic round of the process holding the link: shared vehicles read again (a change
   * in the admin screens), inspection answers sent, and the last forwarded time saved.
   */
  async tick(): Promise<void> {
    await this.reloadVehicles();
    if (this.channel.isUp) await this.requests.sendAnswers();
    if (this.forwardedUntil !== null && this.forwardedUntil !== this.savedUntil) {
      const until = this.forwardedUntil;
      await this.deps.db.prisma.supervisionLink.update({
        where: { id: this.deps.row.id },
        data: { forwardedUntil: new Date(until) },
      });
      this.savedUntil = until;
    }
  }

  /** Waits for a catch-up under way (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.catchingUp) await this.catchingUp;
  }

  async stop(): Promise<void> {
    await this.channel.stop();
    await this.settled().catch(() => {});
  }

  private async reloadVehicles(): Promise<void> {
    const vehicles = await sharedVehicles(this.deps.db, this.deps.row.id);
    const next = new Map<string, SharedVehicle>();
    for (const vehicle of vehicles) if (vehicle.assetKey) next.set(vehicle.assetKey, vehicle);
    const added = vehicles.filter((v) => v.assetKey && !this.vehicles.has(v.assetKey));
    this.vehicles = next;
    // A vehicle shared while the link is up is registered at once.
    if (this.channel.isUp && !this.catchingUp)
      for (const vehicle of added) await this.register(vehicle);
  }

  private vehicleByPlate(plate: string, color: number): SharedVehicle | null {
    for (const vehicle of this.vehicles.values())
      if (vehicle.plate === plate && vehicle.plateColor === color) return vehicle;
    return null;
  }

  private async setExchange(vehicle: SharedVehicle, stopped: boolean): Promise<void> {
    await this.deps.db.prisma.supervisionLinkVehicle.update({
      where: { linkId_vehicleId: { linkId: this.deps.row.id, vehicleId: vehicle.vehicleId } },
      data: { exchangeStopped: stopped },
    });
    vehicle.exchangeStopped = stopped;
  }

  private onUp(): void {
    if (this.catchingUp) return;
    this.catchingUp = this.catchUp()
      .catch((error) => this.deps.logger.error({ err: error }, 'jt809 catch-up failed'))
      .finally(() => {
        this.catchingUp = null;
        // Came back down during the catch-up: what is held waits for the next time up.
      });
  }

  /** Registrations, then the stored backlog, then what was held; live positions wait behind. */
  private async catchUp(): Promise<void> {
    for (const vehicle of this.vehicles.values()) await this.register(vehicle);
    const firstHeld = this.held[0]?.fix.fixAt ?? this.deps.now().getTime();
    if (this.forwardedUntil !== null) {
      const from = Math.max(this.forwardedUntil, this.deps.now().getTime() - BACKLOG_WINDOW_MS);
      for (const vehicle of this.vehicles.values()) {
        if (!vehicle.assetKey || vehicle.exchangeStopped || from >= firstHeld) continue;
        const points = await readTrack(this.deps.db, {
          assetKind: 'VEHICLE',
          assetKey: vehicle.assetKey,
          from: new Date(from),
          afterFrom: true,
          to: new Date(firstHeld - 1),
          limit: BACKLOG_PER_VEHICLE,
        });
        const fixes = points.map((p) => ({
          fixAt: p.fixAt,
          lat: p.lat,
          lon: p.lon,
          speedKnots: p.speedKnots,
          courseDeg: p.courseDeg,
          altitudeM: p.altitudeM,
        }));
        if (!(await this.sendBatches(vehicle, fixes))) return;
      }
    }
    while (this.held.length > 0) {
      const held = this.held;
      this.held = [];
      const byVehicle = new Map<SharedVehicle, ForwardedFix[]>();
      for (const { vehicle, fix } of held) {
        const list = byVehicle.get(vehicle) ?? [];
        list.push(fix);
        byVehicle.set(vehicle, list);
      }
      for (const [vehicle, fixes] of byVehicle) {
        if (!(await this.sendBatches(vehicle, fixes))) {
          // Down again: keep what was not sent for the next time.
          this.held = held.concat(this.held);
          this.counters.backlogPending = this.held.length;
          return;
        }
      }
      this.counters.backlogPending = this.held.length;
    }
  }

  private async sendBatches(vehicle: SharedVehicle, fixes: ForwardedFix[]): Promise<boolean> {
    for (let i = 0; i < fixes.length; i += BATCH_POSITIONS) {
      const batch = fixes.slice(i, i + BATCH_POSITIONS);
      const sent = await this.channel.send(
        this.vehicleBody(vehicle, {
          subType: 0x1203,
          positions: batch.map((fix) =>
            positionRecord(fix, this.edition, this.deps.row.platformId),
          ),
        }),
      );
      if (!sent) return false;
      this.counters.backlogSent += batch.length;
      this.advance(batch[batch.length - 1] as ForwardedFix);
    }
    return true;
  }

  private async sendLive(vehicle: SharedVehicle, fix: ForwardedFix): Promise<void> {
    const sent = await this.channel.send(
      this.vehicleBody(vehicle, {
        subType: 0x1202,
        position: positionRecord(fix, this.edition, this.deps.row.platformId),
      }),
    );
    if (!sent) return this.hold({ vehicle, fix });
    this.counters.positionsSent++;
    this.advance(fix);
  }

  private async register(vehicle: SharedVehicle): Promise<void> {
    const is2019 = this.edition === '2019';
    const sent = await this.channel.send(
      this.vehicleBody(vehicle, {
        subType: 0x1201,
        platformId: this.deps.row.platformId,
        producerId: vehicle.producerId.slice(0, 11),
        terminalModel: vehicle.terminalModel.slice(0, is2019 ? 30 : 20),
        terminalModelBytes: is2019 ? 30 : 20,
        imei: is2019 ? '' : null,
        terminalId: vehicle.terminalId.slice(0, is2019 ? 30 : 7),
        simNumber: (vehicle.assetKey ?? '').slice(-(is2019 ? 13 : 12)),
      }),
    );
    if (sent) this.counters.registrationsSent++;
  }

  private vehicleBody(
    vehicle: SharedVehicle,
    data: Extract<Jt809Body, { messageId: 0x1200 }>['data'],
  ): Jt809Body {
    return { messageId: 0x1200, plate: vehicle.plate, plateColor: vehicle.plateColor, data };
  }

  private hold(held: Held): void {
    this.held.push(held);
    if (this.held.length > HOLD_LIMIT) {
      // The oldest tenth goes at once, so a long outage does not shift the array per position.
      const dropped = HOLD_LIMIT / 10;
      this.held.splice(0, dropped);
      this.counters.backlogDropped += dropped;
    }
    this.counters.backlogPending = this.held.length;
  }

  private advance(fix: ForwardedFix): void {
    if (this.forwardedUntil === null || fix.fixAt > this.forwardedUntil)
      this.forwardedUntil = fix.fixAt;
  }

  private async onRequest(message: Jt809Message): Promise<void> {
    try {
      await this.requests.handle(message);
    } catch (error) {
      this.deps.logger.error({ err: error, link: this.deps.row.id }, 'jt809 request failed');
    }
  }
}
