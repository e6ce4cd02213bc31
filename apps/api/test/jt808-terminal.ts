import { connect, type Socket } from 'node:net';
import {
  encodeJt808Message,
  type Jt808Body,
  type Jt808Message,
  Jt808StreamDecoder,
} from '@harbor/protocols/jt808';

/**
 * A JT/T 808-2013 terminal on a real TCP socket, for tests: it sends what it is told (under
 * any phone, as a hostile client would), reads the platform's messages in order, and tells
 * when the platform closed the connection.
 */
export class TestTerminal {
  readonly socket: Socket;
  /** Resolves when the connection is closed, by either side. */
  readonly closed: Promise<void>;
  isClosed = false;
  private readonly decoder = new Jt808StreamDecoder();
  private readonly inbox: Jt808Message[] = [];
  private waiters: (() => void)[] = [];
  private serial = 0;

  constructor(
    port: number,
    readonly phone: string,
  ) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.on('data', (chunk) => {
      for (const result of this.decoder.push(chunk)) if (result.ok) this.inbox.push(result.message);
      this.wake();
    });
    this.socket.on('error', () => {});
    this.closed = new Promise((resolve) =>
      this.socket.once('close', () => {
        this.isClosed = true;
        this.wake();
        resolve();
      }),
    );
  }

  /** Writes one message with this terminal's phone in the header, or `phone`; returns its serial. */
  send(body: Jt808Body, phone = this.phone): number {
    const serial = ++this.serial;
    const header = {
      messageId: body.messageId,
      version: 'V2013' as const,
      protocolVersion: 0,
      terminalPhone: phone,
      serial,
      encryption: 0,
      subpackage: null,
    };
    this.socket.write(encodeJt808Message({ header, body }));
    return serial;
  }

  /** The platform's next message; throws when the connection closed with nothing left to read. */
  async next(): Promise<Jt808Message> {
    while (this.inbox.length === 0) {
      if (this.isClosed) throw new Error('connection closed');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return this.inbox.shift() as Jt808Message;
  }

  /** Sends a message and returns the body of the platform's next message. */
  async exchange(body: Jt808Body, phone = this.phone): Promise<Jt808Body> {
    this.send(body, phone);
    return (await this.next()).body;
  }

  /** Registers (0x0100) with `terminalId`; the 0x8100's result and auth code. */
  async register(terminalId: string): Promise<{ result: number; authCode: string | null }> {
    const reply = await this.exchange(registration(terminalId));
    if (reply.messageId !== 0x8100 || !('authCode' in reply) || !('result' in reply))
      throw new Error(`expected 0x8100, got 0x${reply.messageId.toString(16)}`);
    return { result: reply.result, authCode: reply.authCode };
  }

  /** Authenticates (0x0102) with `authCode`; the 0x8001's result. */
  async authenticate(authCode: string): Promise<number> {
    const reply = await this.exchange({
      messageId: 0x0102,
      authCode,
      imei: null,
      softwareVersion: null,
    });
    return 'result' in reply ? reply.result : -1;
  }

  close(): void {
    this.socket.destroy();
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }
}

/** A 0x0100 registration body (§8.5) of a Shanghai truck terminal with this terminal id. */
export function registration(terminalId: string): Jt808Body {
  return {
    messageId: 0x0100,
    provinceId: 31,
    cityId: 115,
    manufacturerId: 'HBR01',
    terminalModel: 'JT808-G7',
    terminalId,
    plateColor: 2,
    plate: '沪D12345',
  };
}
