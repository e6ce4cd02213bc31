import {
  dwordParameter,
  encodeJt808Body,
  JT808_PARAMETERS,
  type Jt808Body,
  type Jt808Message,
  type Jt808Parameter,
  readDwordParameter,
} from '@harbor/protocols/jt808';
import { cameraPhoto } from '../camera.ts';
import { locationOf } from '../encode-reports.ts';
import type { TruckFix } from '../reports.ts';

/** Terminal general response results (§8.1). */
const OK = 0;
const FAILURE = 1;
const NOT_SUPPORTED = 3;
/** 0x8105 command 4: reset; the one control a simulated terminal obeys (by saying so). */
const RESET = 4;
/** Package size of an upload: under the 1,023-byte body limit (§4.4.3). */
export const PACKAGE_BYTES = 900;

/** What the controls need of the terminal's link. */
export type TerminalIo = {
  /** A terminal message that needs no 0x8001 (an answer of its own). */
  answer(body: Jt808Body): void;
  /** A general response (0x0001) to the platform's message. */
  respond(to: Jt808Message['header'], result: number): void;
  /** A message too long for one frame, as packages: the first serial and each package's frame. */
  sendPackages(messageId: number, body: Uint8Array): { firstSerial: number; frames: Uint8Array[] };
  /** Frames sent before, again. */
  resend(frames: Uint8Array[]): void;
  lastFix(): TruckFix | null;
  now(): Date;
};

/**
 * A simulated terminal's side of the platform's commands (JT/T 808 §8): its position on
 * demand (0x8201 → 0x0201), its parameters read (0x8104/0x8106 → 0x0104) and set (0x8103,
 * kept and reported back; the heartbeat interval applies at once), a photo from its camera
 * (0x8801 → 0x0805, then the 0x0801 upload in packages, sent again as 0x8800 or 0x8003
 * asks), and a reset (0x8105 command 4, acknowledged). Returns false for other messages.
 */
export class TerminalControls {
  readonly parameters = new Map<number, number>();
  private nextMediaId = 1;
  /** Uploads not yet confirmed by 0x8800, by media id: each package's frame. */
  private readonly uploads = new Map<number, { firstSerial: number; frames: Uint8Array[] }>();
  /** The same by the serial of their first package, for 0x8003. */
  private readonly byFirstSerial = new Map<number, Uint8Array[]>();

  constructor(
    private readonly io: TerminalIo,
    private readonly truckSeed: number,
    defaults: { heartbeatIntervalS: number; reportIntervalS: number },
  ) {
    this.parameters.set(JT808_PARAMETERS.heartbeatIntervalS, defaults.heartbeatIntervalS);
    this.parameters.set(JT808_PARAMETERS.reportIntervalS, defaults.reportIntervalS);
    this.parameters.set(JT808_PARAMETERS.maxSpeedKmh, 80);
    this.parameters.set(JT808_PARAMETERS.overspeedDurationS, 10);
  }

  get heartbeatMs(): number {
    return (this.parameters.get(JT808_PARAMETERS.heartbeatIntervalS) ?? 30) * 1000;
  }

  handle({ header, body }: Jt808Message): boolean {
    if ('other' in body) return false;
    switch (body.messageId) {
      case 0x8201: {
        const fix = this.io.lastFix();
        if (!fix) this.io.respond(header, FAILURE);
        else
          this.io.answer({
            messageId: 0x0201,
            replySerial: header.serial,
            location: locationOf(fix),
          });
        return true;
      }
      case 0x8104:
      case 0x8106: {
        const ids = 'parameterIds' in body ? body.parameterIds : [...this.parameters.keys()];
        const parameters: Jt808Parameter[] = ids.flatMap((id) => {
          const value = this.parameters.get(id);
          return value === undefined ? [] : [dwordParameter(id, value)];
        });
        this.io.answer({ messageId: 0x0104, replySerial: header.serial, parameters });
        return true;
      }
      case 0x8103: {
        const known = body.parameters.filter((item) => this.parameters.has(item.id));
        if (
          known.length !== body.parameters.length ||
          known.some((item) => item.value.length !== 4)
        ) {
          this.io.respond(header, FAILURE);
          return true;
        }
        for (const item of known) this.parameters.set(item.id, readDwordParameter(item));
        this.io.respond(header, OK);
        return true;
      }
      case 0x8105:
        this.io.respond(header, body.command === RESET ? OK : NOT_SUPPORTED);
        return true;
      case 0x8801: {
        // Photos only, uploaded at once: one per command word (0 stops, 0xffff is video).
        const count = body.command;
        if (count === 0 || count === 0xffff || body.saveFlag !== 0) {
          this.io.respond(header, NOT_SUPPORTED);
          return true;
        }
        const mediaIds = Array.from({ length: Math.min(count, 3) }, () => this.nextMediaId++);
        this.io.answer({ messageId: 0x0805, replySerial: header.serial, result: OK, mediaIds });
        for (const mediaId of mediaIds) this.upload(mediaId, body.channelId);
        return true;
      }
      case 0x8800: {
        const upload = this.uploads.get(body.mediaId);
        if (!upload) return true;
        if (body.packageIds.length === 0) this.forget(body.mediaId);
        else this.io.resend(body.packageIds.flatMap((id) => upload.frames[id - 1] ?? []));
        return true;
      }
      case 0x8003: {
        const frames = this.byFirstSerial.get(body.originalSerial);
        if (frames) this.io.resend(body.packageIds.flatMap((id) => frames[id - 1] ?? []));
        return true;
      }
      default:
        return false;
    }
  }

  private upload(mediaId: number, channelId: number): void {
    const fix = this.io.lastFix();
    if (!fix) return;
    const now = this.io.now();
    const body = encodeJt808Body('V2013', {
      messageId: 0x0801,
      mediaId,
      mediaType: 0,
      format: 0,
      eventCode: 0,
      channelId,
      location: locationOf({ ...fix, time: now }),
      data: cameraPhoto(this.truckSeed + mediaId, now),
    });
    const { firstSerial, frames } = this.io.sendPackages(0x0801, body);
    this.uploads.set(mediaId, { firstSerial, frames });
    this.byFirstSerial.set(firstSerial, frames);
  }

  private forget(mediaId: number): void {
    const upload = this.uploads.get(mediaId);
    this.uploads.delete(mediaId);
    if (upload) this.byFirstSerial.delete(upload.firstSerial);
  }
}
