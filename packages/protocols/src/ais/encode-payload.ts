import type {
  AisMessage,
  Dimensions,
  ExtendedClassBReport,
  PositionReportClassB,
  StaticDataReportB,
} from './messages.ts';
import { BitWriter } from './sixbit.ts';

// The exact inverse of decode-payload.ts: the same field table, null written as the spec's
// "not available" value.
const lonRaw = (lon: number | null) => (lon === null ? 181 * 600_000 : Math.round(lon * 600_000));
const latRaw = (lat: number | null) => (lat === null ? 91 * 600_000 : Math.round(lat * 600_000));
const tenthsRaw = (value: number | null, notAvailable: number) =>
  value === null ? notAvailable : Math.round(value * 10);
const orRaw = (value: number | null, notAvailable: number) =>
  value === null ? notAvailable : value;

/** The reserved byte and position block of both class B reports (types 18 and 19), bits 38-138. */
function classBPosition(w: BitWriter, m: PositionReportClassB | ExtendedClassBReport): BitWriter {
  return w
    .uint(0, 8)
    .uint(tenthsRaw(m.speedKnots, 1023), 10)
    .bool(m.accuracy)
    .int(lonRaw(m.lon), 28)
    .int(latRaw(m.lat), 27)
    .uint(tenthsRaw(m.courseDeg, 3600), 12)
    .uint(orRaw(m.headingDeg, 511), 9)
    .uint(orRaw(m.second, 60), 6);
}

function dimensions(w: BitWriter, d: Dimensions): void {
  w.uint(d.toBowM, 9).uint(d.toSternM, 9).uint(d.toPortM, 6).uint(d.toStarboardM, 6);
}

/** The payload bits of a message, ready to armour. */
export function encodeAisPayload(message: AisMessage): BitWriter {
  if ('undecoded' in message) return fromHex(message.bitsHex, message.bitLength);
  const w = new BitWriter().uint(message.type, 6).uint(message.repeat, 2).uint(message.mmsi, 30);
  switch (message.type) {
    case 1:
    case 2:
    case 3:
      return w
        .uint(message.status, 4)
        .int(message.turn, 8)
        .uint(tenthsRaw(message.speedKnots, 1023), 10)
        .bool(message.accuracy)
        .int(lonRaw(message.lon), 28)
        .int(latRaw(message.lat), 27)
        .uint(tenthsRaw(message.courseDeg, 3600), 12)
        .uint(orRaw(message.headingDeg, 511), 9)
        .uint(orRaw(message.second, 60), 6)
        .uint(message.maneuver, 2)
        .uint(0, 3)
        .bool(message.raim)
        .uint(
          // A short report carries the first 14 bits of the communication state only.
          message.isShort ? Math.floor((message.radio ?? 0) / 32) : (message.radio ?? 0),
          message.isShort ? 14 : 19,
        );
    case 4: {
      const t = message.timestamp;
      return w
        .uint(t ? t.getUTCFullYear() : 0, 14)
        .uint(t ? t.getUTCMonth() + 1 : 0, 4)
        .uint(t ? t.getUTCDate() : 0, 5)
        .uint(t ? t.getUTCHours() : 24, 5)
        .uint(t ? t.getUTCMinutes() : 60, 6)
        .uint(t ? t.getUTCSeconds() : 60, 6)
        .bool(message.accuracy)
        .int(lonRaw(message.lon), 28)
        .int(latRaw(message.lat), 27)
        .uint(message.epfd, 4)
        .uint(0, 10)
        .bool(message.raim)
        .uint(message.radio, 19);
    }
    case 5:
      w.uint(message.aisVersion, 2)
        .uint(message.imo ?? 0, 30)
        .text(message.callSign, 42)
        .text(message.shipName, 120)
        .uint(message.shipType, 8);
      dimensions(w, message.dimensions);
      return w
        .uint(message.epfd, 4)
        .uint(orRaw(message.eta.month, 0), 4)
        .uint(orRaw(message.eta.day, 0), 5)
        .uint(orRaw(message.eta.hour, 24), 5)
        .uint(orRaw(message.eta.minute, 60), 6)
        .uint(tenthsRaw(message.draughtM, 0), 8)
        .text(message.destination, 120)
        .bool(message.dte)
        .uint(0, 1);
    case 9:
      return w
        .uint(orRaw(message.altitudeM, 4095), 12)
        .uint(orRaw(message.speedKnots, 1023), 10)
        .bool(message.accuracy)
        .int(lonRaw(message.lon), 28)
        .int(latRaw(message.lat), 27)
        .uint(tenthsRaw(message.courseDeg, 3600), 12)
        .uint(orRaw(message.second, 60), 6)
        .uint(message.regional, 8)
        .bool(message.dte)
        .uint(0, 3)
        .bool(message.assigned)
        .bool(message.raim)
        .uint(message.radio, 20);
    case 18:
      return classBPosition(w, message)
        .uint(message.regional, 2)
        .bool(message.cs)
        .bool(message.display)
        .bool(message.dsc)
        .bool(message.band)
        .bool(message.msg22)
        .bool(message.assigned)
        .bool(message.raim)
        .uint(message.radio, 20);
    case 19:
      classBPosition(w, message)
        .uint(message.regional, 4)
        .text(message.shipName, 120)
        .uint(message.shipType, 8);
      dimensions(w, message.dimensions);
      return w
        .uint(message.epfd, 4)
        .bool(message.raim)
        .bool(message.dte)
        .bool(message.assigned)
        .uint(0, 4);
    case 21: {
      w.uint(message.aidType, 5).text(message.name.slice(0, 20), 120).bool(message.accuracy);
      w.int(lonRaw(message.lon), 28).int(latRaw(message.lat), 27);
      dimensions(w, message.dimensions);
      w.uint(message.epfd, 4)
        .uint(orRaw(message.second, 60), 6)
        .bool(message.offPosition)
        .uint(message.regional, 8)
        .bool(message.raim)
        .bool(message.virtualAid)
        .bool(message.assigned)
        .uint(0, 1);
      const extension = message.name.slice(20, 34);
      return extension ? w.text(extension, extension.length * 6) : w;
    }
    case 24:
      if (message.part === 'A') return w.uint(0, 2).text(message.shipName, 120).uint(0, 8);
      return encodePartB(w, message);
    case 27:
      return w
        .bool(message.accuracy)
        .bool(message.raim)
        .uint(message.status, 4)
        .int(message.lon === null ? 181 * 600 : Math.round(message.lon * 600), 18)
        .int(message.lat === null ? 91 * 600 : Math.round(message.lat * 600), 17)
        .uint(orRaw(message.speedKnots, 63), 6)
        .uint(orRaw(message.courseDeg, 511), 9)
        .bool(!message.isCurrentGnssPosition)
        .uint(0, 1);
  }
}

function encodePartB(w: BitWriter, message: StaticDataReportB): BitWriter {
  w.uint(1, 2)
    .uint(message.shipType, 8)
    .text(message.vendorId, 18)
    .uint(message.model, 4)
    .uint(message.serial, 20)
    .text(message.callSign, 42);
  if (message.dimensions) dimensions(w, message.dimensions);
  else w.uint(message.mothershipMmsi ?? 0, 30);
  return w.uint(0, 6);
}

/** An undecoded message's bits back from their hex form (the last digit may hold fewer than 4 bits). */
function fromHex(hex: string, bitLength: number): BitWriter {
  const w = new BitWriter();
  for (let i = 0; i * 4 < bitLength; i++) {
    w.uint(Number.parseInt(hex.charAt(i) || '0', 16), Math.min(4, bitLength - i * 4));
  }
  return w;
}
