import { createConnection, type Socket } from 'node:net';
import {
  encodeJt808Message,
  type Jt808Body,
  type Jt808Message,
  Jt808StreamDecoder,
  location,
} from '@harbor/protocols/jt808';
import { demoTruck } from '@harbor/shared';

/** A JT/T 808-2013 frame from a terminal, as the test terminals send them. */
export function terminalFrame(terminalPhone: string, serial: number, body: Jt808Body): Uint8Array {
  const header = {
    messageId: body.messageId,
    version: 'V2013' as const,
    protocolVersion: 0,
    terminalPhone,
    serial,
    encryption: 0,
    subpackage: null,
  };
  return encodeJt808Message({ header, body });
}

/** A fix a client was told is stored: the key a stored row must have. */
export type Acknowledged = { assetKey: string; fixAt: Date };

/** Where the clients start their fixes: an hour back, one a second, so none is in the future. */
const START_MS = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;

/**
 * A demo truck's JT/T 808 terminal for the crash test: registers and authenticates, then
 * reports one fix a second of its track with at most `window` reports unanswered, and
 * records each report the platform answered with success (0x8001, result 0). Stops on
 * `stop()` or when the connection goes.
 */
export class ReportingTerminal {
  readonly acknowledged: Acknowledged[] = [];
  private readonly socket: Socket;
  private readonly decoder = new Jt808StreamDecoder();
  private readonly inFlight = new Map<number, Date>();
  private serial = 0;
  private step = 0;
  private isStopped = false;
  private onReply: ((message: Jt808Message) => void) | null = null;
  readonly phone: string;

  constructor(
    port: number,
    private readonly truck: number,
    private readonly window = 16,
  ) {
    this.phone = demoTruck(truck).terminalPhone;
    this.socket = createConnection(port, '127.0.0.1');
    this.socket.on('data', (chunk: Buffer) => {
      for (const result of this.decoder.push(chunk)) if (result.ok) this.onReply?.(result.message);
    });
    this.socket.on('error', () => this.stop());
    this.socket.on('close', () => this.stop());
  }

  /** Registers, authenticates, then reports until stopped; resolves once online. */
  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('error', reject);
    });
    const registered = await this.exchange({
      messageId: 0x0100,
      provinceId: 31,
      cityId: 115,
      manufacturerId: 'HBR01',
      terminalModel: 'CRASH-T',
      terminalId: `C${String(this.truck).padStart(6, '0')}`,
      plateColor: 2,
      plate: demoTruck(this.truck).plate,
    });
    if (
      registered.messageId !== 0x8100 ||
      !('result' in registered) ||
      registered.result !== 0 ||
      !registered.authCode
    )
      throw new Error(`${this.phone}: registration refused`);
    const authenticated = await this.exchange({
      messageId: 0x0102,
      authCode: registered.authCode,
      imei: null,
      softwareVersion: null,
    });
    if (!('result' in authenticated) || authenticated.result !== 0)
      throw new Error(`${this.phone}: authentication refused`);
    this.onReply = (message) => {
      const { body } = message;
      if ('other' in body || body.messageId !== 0x8001 || body.replyMessageId !== 0x0200) return;
      const fixAt = this.inFlight.get(body.replySerial);
      if (!fixAt) return;
      this.inFlight.delete(body.replySerial);
      if (body.result === 0) this.acknowledged.push({ assetKey: this.phone, fixAt });
      this.fill();
    };
    this.fill();
  }

  stop(): void {
    this.isStopped = true;
    this.socket.destroy();
  }

  private fill(): void {
    while (!this.isStopped && this.inFlight.size < this.window) {
      const fixAt = new Date(START_MS + this.step * 1000);
      const lat = 30.62 + (this.step % 1000) / 1e5;
      this.step++;
      const serial = this.send({
        messageId: 0x0200,
        location: location({ lat, lon: 122.05 + this.truck / 1e3, time: fixAt, speedKmh: 30 }),
      });
      this.inFlight.set(serial, fixAt);
    }
  }

  private send(body: Jt808Body): number {
    const serial = ++this.serial & 0xffff;
    if (!this.socket.destroyed) this.socket.write(terminalFrame(this.phone, serial, body));
    return serial;
  }

  private exchange(body: Jt808Body): Promise<Jt808Body> {
    return new Promise((resolve, reject) => {
      const serial = this.send(body);
      this.socket.once('close', () => reject(new Error(`${this.phone}: connection closed`)));
      this.onReply = (message) => {
        const reply = message.body;
        if ('replySerial' in reply && reply.replySerial === serial) resolve(reply);
      };
    });
  }
}

/**
 * A feed posting demo trucks' fixes to `POST /ingest/fixes` with an API key, one batch at a
 * time, recording the fixes of every batch answered 202.
 */
export class PostingFeed {
  readonly acknowledged: Acknowledged[] = [];
  private isStopped = false;
  private running: Promise<void> | null = null;

  constructor(
    private readonly url: string,
    private readonly apiKey: string,
    private readonly trucks: number[],
    private readonly batchSize = 50,
  ) {}

  start(): void {
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    await this.running;
  }

  private async loop(): Promise<void> {
    for (let step = 0; !this.isStopped; step++) {
      const fixes = Array.from({ length: this.batchSize }, (_, i) => {
        const truck = this.trucks[i % this.trucks.length] as number;
        const n = step * this.batchSize + i;
        return {
          deviceId: demoTruck(truck).terminalPhone,
          time: new Date(START_MS + Math.floor(n / this.trucks.length) * 1000).toISOString(),
          lat: 30.62 + (n % 1000) / 1e5,
          lon: 122.05 + truck / 1e3,
          speedKmh: 30,
        };
      });
      try {
        const response = await fetch(`${this.url}/ingest/fixes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.apiKey}` },
          body: JSON.stringify({ fixes }),
        });
        if (response.status !== 202) {
          if (response.status >= 500) continue;
          throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
        }
        for (const fix of fixes)
          this.acknowledged.push({ assetKey: fix.deviceId, fixAt: new Date(fix.time) });
      } catch (error) {
        // The server went away mid-request: this batch was never acknowledged.
        if (this.isStopped || (error as { cause?: { code?: string } }).cause?.code) return;
        throw error;
      }
    }
  }
}
