import type { Db, Prisma } from '@harbor/db';
import type { Jt809Body, Jt809Edition, Jt809Message } from '@harbor/protocols/jt809';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.ts';
import type { TerminalMessenger } from '../dispatch/messenger.ts';
import type { SharedVehicle } from './forwarder.ts';

export type RequestDeps = {
  db: Db;
  link: { id: string; organizationId: string };
  edition: Jt809Edition;
  now: Clock;
  logger: Logger;
  /** Delivers a stored text to its truck's terminal (0x8300) where it is connected. */
  messenger: Pick<TerminalMessenger, 'deliver'>;
  send(body: Jt809Body): Promise<boolean>;
  vehicle(plate: string, color: number): SharedVehicle | null;
  setExchange(vehicle: SharedVehicle, stopped: boolean): Promise<void>;
};

export type RequestCounters = {
  received: number;
  answered: number;
  /** Requests Harbor does not act on (counted, logged, not answered). */
  ignored: number;
  /** Requests naming a vehicle the company does not share. */
  unknownVehicle: number;
};

/** 0x8300 flags for a supervision text: shown on the terminal's display (bit 2) and read out (bit 3). */
const DISPLAY_AND_READ = 0b1100;
/** 0x1503 RESULT. */
const TEXT_SENT = 0;
const TEXT_NOT_SENT = 1;

type RequestRow = Prisma.SupervisionRequestGetPayload<object>;

/**
 * What the superior platform asks of the company, and the answers:
 * - 0x9205 / 0x9206 start or stop a shared vehicle's position exchange (kept in the database, so
 *   it holds across restarts), answered 0x1205 / 0x1206;
 * - 0x9301 an inspection (平台查岗): stored for the person on duty, whose answer (service.ts)
 *   goes as 0x1301 from the next round's `sendAnswers`;
 * - 0x9302 a message to the platform: stored, then acknowledged 0x1302;
 * - 0x9503 a text for a vehicle's driver: stored as the truck's terminal message and delivered
 *   over JT/T 808 (0x8300), answered 0x1503 with whether it reached the terminal now.
 * An answer is sent only once what it acknowledges is committed.
 */
export class SupervisionRequests {
  readonly counters: RequestCounters = { received: 0, answered: 0, ignored: 0, unknownVehicle: 0 };

  constructor(private readonly deps: RequestDeps) {}

  async handle(message: Jt809Message): Promise<void> {
    const { body, header } = message;
    const serial = header.serial;
    this.counters.received++;
    if (!('other' in body))
      switch (body.messageId) {
        case 0x9200: {
          const { data } = body;
          if ('other' in data) break;
          if (body.plate !== null && (data.subType === 0x9205 || data.subType === 0x9206))
            return this.exchange(body.plate, body.plateColor ?? 0, data.subType, serial);
          break;
        }
        case 0x9300: {
          const { data } = body;
          if ('other' in data) break;
          if (data.subType === 0x9301) {
            await this.store({
              kind: 'INSPECTION',
              infoId: data.infoId,
              serial,
              objectType: data.objectType,
              objectId: data.objectId,
              content: data.infoContent,
            });
            return;
          }
          if (data.subType === 0x9302) {
            await this.store({
              kind: 'PLATFORM_MESSAGE',
              infoId: data.infoId,
              serial,
              objectType: data.objectType,
              objectId: data.objectId,
              content: data.infoContent,
            });
            const is2019 = this.deps.edition === '2019';
            await this.answer({
              messageId: 0x1300,
              data: {
                subType: 0x1302,
                infoId: is2019 ? null : data.infoId,
                sourceDataType: is2019 ? 0x9302 : null,
                sourceMsgSn: is2019 ? serial : null,
              },
            });
            return;
          }
          break;
        }
        case 0x9500:
          if (!('other' in body.data) && body.data.subType === 0x9503)
            return this.vehicleText(body.plate, body.plateColor, body.data, serial);
          break;
        case 0x9101:
          this.deps.logger.info(
            { link: this.deps.link.id, received: body.dynamicInfoTotal },
            'supervision platform counted our positions (0x9101)',
          );
          return;
      }
    this.counters.ignored++;
    this.deps.logger.info(
      { link: this.deps.link.id, messageId: body.messageId },
      'jt809 request not acted on',
    );
  }

  /** Sends the inspections answered since the last round (0x1301) and records when. */
  async sendAnswers(): Promise<number> {
    const rows = await this.deps.db.prisma.supervisionRequest.findMany({
      where: {
        linkId: this.deps.link.id,
        kind: 'INSPECTION',
        answeredAt: { not: null },
        sentAt: null,
      },
      include: { answeredBy: { select: { name: true } } },
      orderBy: { answeredAt: 'asc' },
    });
    let sent = 0;
    for (const row of rows) {
      if (!(await this.answer(this.inspectionAnswer(row, row.answeredBy?.name ?? '')))) break;
      await this.deps.db.prisma.supervisionRequest.update({
        where: { id: row.id },
        data: { sentAt: this.deps.now() },
      });
      sent++;
    }
    return sent;
  }

  private inspectionAnswer(row: RequestRow, responder: string): Jt809Body {
    const is2019 = this.deps.edition === '2019';
    return {
      messageId: 0x1300,
      data: {
        subType: 0x1301,
        objectType: row.objectType ?? 1,
        responder: is2019 ? responder.slice(0, 8) : null,
        responderTel: is2019 ? '' : null,
        objectId: row.objectId ?? '',
        infoId: is2019 ? null : Number(row.infoId),
        sourceDataType: is2019 ? 0x9301 : null,
        sourceMsgSn: is2019 ? Number(row.requestSerial) : null,
        infoContent: row.answer ?? '',
      },
    };
  }

  private async exchange(
    plate: string,
    color: number,
    subType: 0x9205 | 0x9206,
    serial: number,
  ): Promise<void> {
    const vehicle = this.deps.vehicle(plate, color);
    if (!vehicle) {
      // Not a vehicle the company shares: nothing to start or stop, and no answer to give (the
      // 0x1205/0x1206 answers carry no result).
      this.counters.unknownVehicle++;
      this.deps.logger.warn(
        { link: this.deps.link.id, plate },
        'jt809 exchange for an unshared vehicle',
      );
      return;
    }
    await this.deps.setExchange(vehicle, subType === 0x9206);
    const is2019 = this.deps.edition === '2019';
    await this.answer({
      messageId: 0x1200,
      plate,
      plateColor: color,
      data: {
        subType: subType === 0x9205 ? 0x1205 : 0x1206,
        sourceDataType: is2019 ? subType : null,
        sourceMsgSn: is2019 ? serial : null,
      },
    });
  }

  private async vehicleText(
    plate: string,
    color: number,
    data: { msgSequence: number; msgPriority: number; msgContent: string },
    serial: number,
  ): Promise<void> {
    const vehicle = this.deps.vehicle(plate, color);
    await this.store({
      kind: 'VEHICLE_TEXT',
      infoId: data.msgSequence,
      serial,
      objectType: null,
      objectId: null,
      content: data.msgContent,
      vehicleId: vehicle?.vehicleId ?? null,
    });
    let result = TEXT_NOT_SENT;
    if (vehicle?.assetKey) {
      const message = await this.deps.db.prisma.terminalMessage.create({
        data: {
          organizationId: this.deps.link.organizationId,
          vehicleId: vehicle.vehicleId,
          terminalPhone: vehicle.assetKey,
          text: data.msgContent,
          flags: DISPLAY_AND_READ,
        },
      });
      const delivered = await this.deps.messenger.deliver(message);
      // Not reaching the terminal now, it stays queued for its next connection.
      if (delivered.status !== 'QUEUED') result = TEXT_SENT;
    } else this.counters.unknownVehicle++;
    const is2019 = this.deps.edition === '2019';
    await this.answer({
      messageId: 0x1500,
      plate,
      plateColor: color,
      data: {
        subType: 0x1503,
        msgId: is2019 ? null : data.msgSequence,
        sourceDataType: is2019 ? 0x9503 : null,
        sourceMsgSn: is2019 ? serial : null,
        result,
      },
    });
  }

  private async store(request: {
    kind: 'INSPECTION' | 'PLATFORM_MESSAGE' | 'VEHICLE_TEXT';
    infoId: number;
    serial: number;
    objectType: number | null;
    objectId: string | null;
    content: string;
    vehicleId?: string | null;
  }): Promise<void> {
    await this.deps.db.prisma.supervisionRequest.create({
      data: {
        linkId: this.deps.link.id,
        organizationId: this.deps.link.organizationId,
        kind: request.kind,
        infoId: BigInt(request.infoId),
        requestSerial: BigInt(request.serial),
        objectType: request.objectType,
        objectId: request.objectId,
        content: request.content,
        vehicleId: request.vehicleId ?? null,
        receivedAt: this.deps.now(),
      },
    });
  }

  private async answer(body: Jt809Body): Promise<boolean> {
    const sent = await this.deps.send(body);
    if (sent) this.counters.answered++;
    return sent;
  }
}
