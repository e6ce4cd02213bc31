import { encodeAisMessage } from '@harbor/protocols/ais';
import {
  encodeJt808Message,
  type Jt808Body,
  type Jt808Location,
  location,
  STATUS_BITS,
} from '@harbor/protocols/jt808';
import type { AisReport, TruckFix } from './reports.ts';
import type { Vehicle } from './truck-sim.ts';

/** Locations per 0x0704 frame: ~30 bytes each keeps the body under the 1023-byte limit (§4.4.3). */
export const MAX_BATCH_LOCATIONS = 30;
/** Province 31: Shanghai (GB/T 2260 administrative division code, as §8.5 asks). */
export const SHANGHAI_PROVINCE = 31;
/** City/county 115: Pudong New Area (GB/T 2260 310115), where both terminals lie. */
export const PUDONG_CITY = 115;

/** A truck fix as a 0x0200 location body: ignition and "positioned" status bits, GPS + BeiDou. */
export function locationOf(fix: TruckFix): Jt808Location {
  const status =
    (fix.isAccOn ? 1 << STATUS_BITS.accOn : 0) |
    (1 << STATUS_BITS.positioned) |
    (1 << STATUS_BITS.usesGps) |
    (1 << STATUS_BITS.usesBeidou);
  return location({
    lat: fix.lat,
    lon: fix.lon,
    time: fix.time,
    status,
    altitudeM: fix.altitudeM,
    speedKmh: fix.speedKmh,
    directionDeg: fix.courseDeg,
  });
}

/**
 * How fixes go out: one fix as a 0x0200 location report; fixes kept through a dropout as
 * 0x0704 blind-area batches (type 1, §8.56), each message with the fixes it carries.
 */
export function locationMessages(
  fixes: readonly TruckFix[],
  isBlindArea = fixes.length > 1,
): { body: Jt808Body; fixes: TruckFix[] }[] {
  if (!isBlindArea && fixes.length === 1)
    return [
      {
        body: { messageId: 0x0200, location: locationOf(fixes[0] as TruckFix) },
        fixes: [...fixes],
      },
    ];
  const messages: { body: Jt808Body; fixes: TruckFix[] }[] = [];
  for (let i = 0; i < fixes.length; i += MAX_BATCH_LOCATIONS) {
    const batch = fixes.slice(i, i + MAX_BATCH_LOCATIONS);
    messages.push({
      body: { messageId: 0x0704, type: 1, locations: batch.map(locationOf) },
      fixes: batch,
    });
  }
  return messages;
}

export function registerBody(vehicle: Vehicle): Jt808Body {
  return {
    messageId: 0x0100,
    provinceId: SHANGHAI_PROVINCE,
    cityId: PUDONG_CITY,
    manufacturerId: vehicle.manufacturerId,
    terminalModel: vehicle.terminalModel,
    terminalId: vehicle.terminalId,
    plateColor: vehicle.plateColor,
    plate: vehicle.plate,
  };
}

/** One frame of a JT/T 808-2013 terminal (12-digit phone in the header). */
export function terminalFrame(terminalPhone: string, serial: number, body: Jt808Body): Uint8Array {
  return encodeJt808Message({
    header: {
      messageId: body.messageId,
      version: 'V2013',
      protocolVersion: 0,
      terminalPhone,
      serial,
      encryption: 0,
      subpackage: null,
    },
    body,
  });
}

/**
 * An AIS report as NMEA sentences, one group per message. The first sentence carries a tag
 * block (IEC 61162-1 §7.9) with the simulated receive time (`c:`), so the gateway dates fixes
 * in scenario time even when the simulation runs faster than the clock. No source (`s:`):
 * Harbor's decoder keys fragments by it, and only the first fragment carries the block.
 * `sequentialId` links the fragments of type 5.
 */
export function aisSentences(report: AisReport, sequentialId: number): string[][] {
  return report.messages.map((message, i) =>
    encodeAisMessage(message, {
      // Transponders alternate between the two AIS channels (161.975 and 162.025 MHz).
      channel: (sequentialId + i) % 2 === 0 ? 'A' : 'B',
      sequentialId: (sequentialId + i) % 10,
      tagBlock: { receivedAt: report.sentAt },
    }),
  );
}
