import { createConnection, type Socket } from 'node:net';
import {
  type Jt808Body,
  type Jt808Message,
  Jt808StreamDecoder,
  location,
} from '@harbor/protocols/jt808';
import { demoTruck } from '@harbor/shared';
import { type Acknowledged, terminalFrame } from './crash-clients.ts';

export type TrackPoint = { lat: number; lon: number };

/**
 * A demo truck's JT/T 808 terminal driving a given track, one fix a simulated second, sent
 * every `everyMs` of real time: registers once, authenticates on every connection, records
 * each report answered with success (0x8001) and every text (0x8300) it gets, which it
 * answers 0x0001 as a terminal does. When its gateway goes, `reconnect` to another sends
 * the reports that were never answered again, as a terminal keeps them until answered.
 */
export class DrivingTerminal {
  readonly acknowledged: Acknowledged[] = [];
  readonly texts: string[] = [];
  readonly phone: string;
  private socket: Socket | null = null;
  private readonly decoder = new Jt808StreamDecoder();
  /** Reports sent and not answered: serial -> step. */
  private readonly inFlight = new Map<number, number>();
  private authCode = '';
  private serial = 0;
  private step = 0;
  private timer: NodeJS.Timeout | null = null;
  private onExchange: ((message: Jt808Message) => void) | null = null;
  private whenLost: (() => void) | null = null;
  /** Resolves when the connection goes (its gateway was killed). */
  lost: Promise<void> = Promise.resolve();

  constructor(
    private readonly truck: number,
    private readonly track: (step: number) => TrackPoint,
    private readonly steps: number,
    private readonly startMs: number,
    private readonly everyMs = 100,
  ) {
    this.phone = demoTruck(truck).terminalPhone;
  }

  /** Every step sent and answered. */
  get isDone(): boolean {
    return this.step >= this.steps && this.inFlight.size === 0;
  }

  get sentSteps(): number {
    return this.step;
  }

  fixAtOf(step: number): Date {
    return new Date(this.startMs + step * 1000);
  }

  /** Connects to a gateway (registering the first time), authenticates, and drives on. */
  async connect(port: number): Promise<void> {
    this.stopTimer();
    const socket = createConnection(port, '127.0.0.1');
    this.socket = socket;
    this.lost = new Promise((resolve) => {
      this.whenLost = resolve;
    });
    socket.on('data', (chunk: Buffer) => {
      for (const result of this.decoder.push(chunk)) if (result.ok) this.received(result.message);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.stopTimer();
      this.whenLost?.();
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    if (!this.authCode) {
      const registered = await this.exchange({
        messageId: 0x0100,
        provinceId: 31,
        cityId: 115,
        manufacturerId: 'HBR01',
        terminalModel: 'CLUSTER',
        terminalId: `K${String(this.truck).padStart(6, '0')}`,
        plateColor: 2,
        plate: demoTruck(this.truck).plate,
      });
      const authCode =
        'other' in registered || registered.messageId !== 0x8100 || registered.result !== 0
          ? null
          : registered.authCode;
      if (!authCode) throw new Error(`${this.phone}: registration refused`);
      this.authCode = authCode;
    }
    const authenticated = await this.exchange({
      messageId: 0x0102,
      authCode: this.authCode,
      imei: null,
      softwareVersion: null,
    });
    if (!('result' in authenticated) || authenticated.result !== 0)
      throw new Error(`${this.phone}: authentication refused`);
    // What the last gateway never answered goes again, in order.
    const unanswered = [...this.inFlight.values()].sort((a, b) => a - b);
    this.inFlight.clear();
    for (const step of unanswered) this.report(step);
    this.timer = setInterval(() => {
      if (this.step < this.steps) this.report(this.step++);
    }, this.everyMs);
  }

  stop(): void {
    this.stopTimer();
    this.socket?.destroy();
    this.socket = null;
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private report(step: number): void {
    const point = this.track(step);
    const serial = this.send({
      messageId: 0x0200,
      location: location({ ...point, time: this.fixAtOf(step), speedKmh: 20 }),
    });
    this.inFlight.set(serial, step);
  }

  private received(message: Jt808Message): void {
    const { body, header } = message;
    if (this.onExchange) {
      this.onExchange(message);
      return;
    }
    if ('other' in body) return;
    if (body.messageId === 0x8300) {
      this.texts.push(body.text);
      this.send({
        messageId: 0x0001,
        replySerial: header.serial,
        replyMessageId: 0x8300,
        result: 0,
      });
      return;
    }
    if (body.messageId !== 0x8001 || body.replyMessageId !== 0x0200) return;
    const step = this.inFlight.get(body.replySerial);
    if (step === undefined) return;
    this.inFlight.delete(body.replySerial);
    if (body.result === 0)
      this.acknowledged.push({ assetKey: this.phone, fixAt: this.fixAtOf(step) });
  }

  private send(body: Jt808Body): number {
    const serial = ++this.serial & 0xffff;
    if (this.socket && !this.socket.destroyed)
      this.socket.write(terminalFrame(this.phone, serial, body));
    return serial;
  }

  private exchange(body: Jt808Body): Promise<Jt808Body> {
    return new Promise((resolve, reject) => {
      const serial = this.send(body);
      this.socket?.once('close', () => reject(new Error(`${this.phone}: connection closed`)));
      this.onExchange = (message) => {
        const reply = message.body;
        if ('replySerial' in reply && reply.replySerial === serial) {
          this.onExchange = null;
          resolve(reply);
        }
      };
    });
  }
}
