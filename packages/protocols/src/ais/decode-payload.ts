import { AisDecodeError } from './errors.ts';
import type { AisMessage, Dimensions } from './messages.ts';
import type { PayloadBits } from './sixbit.ts';

// Field positions and scaling follow gpsd's "AIVDM/AIVDO protocol decoding" tables, which
// follow ITU-R M.1371-5 annex 8. Positions are in 1/10000 minute (types 1-4, 9, 18, 19, 21)
// or 1/10 minute (type 27).
const LON_NA = 181 * 600_000;
const LAT_NA = 91 * 600_000;
/** Bits of a class A position report, and the fewest Harbor decodes one from (all but 5 of its 19-bit communication state). */
const CLASS_A_BITS = 168;
const SHORT_CLASS_A_BITS = 163;

/** Shortest payload each type can be decoded from, in bits. */
const MIN_BITS: Record<number, number> = {
  // A class A position report is 168 bits (ITU-R M.1371-5 table 46). Transponders in service
  // also send it 163-167 bits long, the communication state cut short; gpsd decodes those
  // (driver_ais.c: "some are 163"), and so does Harbor, flagging them `isShort`.
  1: SHORT_CLASS_A_BITS,
  2: SHORT_CLASS_A_BITS,
  3: SHORT_CLASS_A_BITS,
  4: 168,
  5: 422,
  9: 168,
  18: 168,
  19: 312,
  21: 272,
  24: 160,
  27: 96,
};

export function decodeAisPayload(bits: PayloadBits): AisMessage {
  if (bits.length < 38)
    throw new AisDecodeError(
      'payload',
      `payload of ${bits.length} bits is too short for any message`,
    );
  const type = bits.uint(0, 6);
  const repeat = bits.uint(6, 2);
  const mmsi = bits.uint(8, 30);
  const minimum = MIN_BITS[type];
  if (minimum !== undefined && bits.length < minimum) {
    throw new AisDecodeError(
      'payload',
      `message type ${type} needs ${minimum} bits, got ${bits.length}`,
    );
  }
  switch (type) {
    case 1:
    case 2:
    case 3: {
      const turn = bits.int(42, 8);
      const isShort = bits.length < CLASS_A_BITS;
      return {
        type,
        repeat,
        mmsi,
        status: bits.uint(38, 4),
        turn,
        rateOfTurnDegPerMin: rateOfTurn(turn),
        speedKnots: tenths(bits.uint(50, 10), 1023),
        accuracy: bits.bool(60),
        lon: longitude(bits.int(61, 28)),
        lat: latitude(bits.int(89, 27)),
        courseDeg: course(bits.uint(116, 12)),
        headingDeg: heading(bits.uint(128, 9)),
        second: second(bits.uint(137, 6)),
        maneuver: bits.uint(143, 2),
        raim: bits.bool(148),
        // The communication state (bits 149-167) is incomplete in a short report: not read.
        radio: isShort ? null : bits.uint(149, 19),
        isShort,
      };
    }
    case 4:
      return {
        type,
        repeat,
        mmsi,
        timestamp: utc(
          bits.uint(38, 14),
          bits.uint(52, 4),
          bits.uint(56, 5),
          bits.uint(61, 5),
          bits.uint(66, 6),
          bits.uint(72, 6),
        ),
        accuracy: bits.bool(78),
        lon: longitude(bits.int(79, 28)),
        lat: latitude(bits.int(107, 27)),
        epfd: bits.uint(134, 4),
        raim: bits.bool(148),
        radio: bits.uint(149, 19),
      };
    case 5: {
      const imo = bits.uint(40, 30);
      const draught = bits.uint(294, 8);
      return {
        type,
        repeat,
        mmsi,
        aisVersion: bits.uint(38, 2),
        imo: imo === 0 ? null : imo,
        callSign: bits.text(70, 42),
        shipName: bits.text(112, 120),
        shipType: bits.uint(232, 8),
        dimensions: dimensions(bits, 240),
        epfd: bits.uint(270, 4),
        eta: {
          month: orNull(bits.uint(274, 4), 0),
          day: orNull(bits.uint(278, 5), 0),
          hour: orNull(bits.uint(283, 5), 24),
          minute: orNull(bits.uint(288, 6), 60),
        },
        draughtM: draught === 0 ? null : draught / 10,
        destination: bits.text(302, 120),
        dte: bits.bool(422),
      };
    }
    case 9:
      return {
        type,
        repeat,
        mmsi,
        altitudeM: orNull(bits.uint(38, 12), 4095),
        speedKnots: orNull(bits.uint(50, 10), 1023),
        accuracy: bits.bool(60),
        lon: longitude(bits.int(61, 28)),
        lat: latitude(bits.int(89, 27)),
        courseDeg: course(bits.uint(116, 12)),
        second: second(bits.uint(128, 6)),
        regional: bits.uint(134, 8),
        dte: bits.bool(142),
        assigned: bits.bool(146),
        raim: bits.bool(147),
        radio: bits.uint(148, 20),
      };
    case 18:
      return {
        type,
        repeat,
        mmsi,
        ...classBPosition(bits),
        regional: bits.uint(139, 2),
        cs: bits.bool(141),
        display: bits.bool(142),
        dsc: bits.bool(143),
        band: bits.bool(144),
        msg22: bits.bool(145),
        assigned: bits.bool(146),
        raim: bits.bool(147),
        radio: bits.uint(148, 20),
      };
    case 19:
      return {
        type,
        repeat,
        mmsi,
        ...classBPosition(bits),
        regional: bits.uint(139, 4),
        shipName: bits.text(143, 120),
        shipType: bits.uint(263, 8),
        dimensions: dimensions(bits, 271),
        epfd: bits.uint(301, 4),
        raim: bits.bool(305),
        dte: bits.bool(306),
        assigned: bits.bool(307),
      };
    case 21:
      return {
        type,
        repeat,
        mmsi,
        aidType: bits.uint(38, 5),
        name:
          bits.text(43, 120) +
          (bits.length > 272 ? bits.text(272, Math.min(88, bits.length - 272)) : ''),
        accuracy: bits.bool(163),
        lon: longitude(bits.int(164, 28)),
        lat: latitude(bits.int(192, 27)),
        dimensions: dimensions(bits, 219),
        epfd: bits.uint(249, 4),
        second: second(bits.uint(253, 6)),
        offPosition: bits.bool(259),
        regional: bits.uint(260, 8),
        raim: bits.bool(268),
        virtualAid: bits.bool(269),
        assigned: bits.bool(270),
      };
    case 24:
      return decodeStaticDataReport(bits, repeat, mmsi);
    case 27: {
      const lon = bits.int(44, 18);
      const lat = bits.int(62, 17);
      return {
        type,
        repeat,
        mmsi,
        accuracy: bits.bool(38),
        raim: bits.bool(39),
        status: bits.uint(40, 4),
        lon: lon === 181 * 600 || Math.abs(lon) > 180 * 600 ? null : lon / 600,
        lat: lat === 91 * 600 || Math.abs(lat) > 90 * 600 ? null : lat / 600,
        speedKnots: orNull(bits.uint(79, 6), 63),
        courseDeg: orNull(bits.uint(85, 9), 511),
        isCurrentGnssPosition: !bits.bool(94),
      };
    }
    default:
      return { type, repeat, mmsi, bitLength: bits.length, bitsHex: bits.hex(), undecoded: true };
  }
}

function decodeStaticDataReport(bits: PayloadBits, repeat: number, mmsi: number): AisMessage {
  const part = bits.uint(38, 2);
  if (part === 0) return { type: 24, part: 'A', repeat, mmsi, shipName: bits.text(40, 120) };
  if (part !== 1)
    throw new AisDecodeError(
      'partNumber',
      `type 24 part number must be 0 (A) or 1 (B), got ${part}`,
    );
  if (bits.length < 168)
    throw new AisDecodeError('payload', `type 24 part B needs 168 bits, got ${bits.length}`);
  // An auxiliary craft (MMSI 98MIDxxxx) sends its mother ship's MMSI where others send dimensions.
  const isAuxiliary = Math.floor(mmsi / 10_000_000) === 98;
  return {
    type: 24,
    part: 'B',
    repeat,
    mmsi,
    shipType: bits.uint(40, 8),
    vendorId: bits.text(48, 18),
    model: bits.uint(66, 4),
    serial: bits.uint(70, 20),
    callSign: bits.text(90, 42),
    dimensions: isAuxiliary ? null : dimensions(bits, 132),
    mothershipMmsi: isAuxiliary ? bits.uint(132, 30) : null,
  };
}

/** The position block both class B reports (types 18 and 19) carry at bits 46-138. */
function classBPosition(bits: PayloadBits) {
  return {
    speedKnots: tenths(bits.uint(46, 10), 1023),
    accuracy: bits.bool(56),
    lon: longitude(bits.int(57, 28)),
    lat: latitude(bits.int(85, 27)),
    courseDeg: course(bits.uint(112, 12)),
    headingDeg: heading(bits.uint(124, 9)),
    second: second(bits.uint(133, 6)),
  };
}

function dimensions(bits: PayloadBits, at: number): Dimensions {
  return {
    toBowM: bits.uint(at, 9),
    toSternM: bits.uint(at + 9, 9),
    toPortM: bits.uint(at + 18, 6),
    toStarboardM: bits.uint(at + 24, 6),
  };
}

function longitude(raw: number): number | null {
  return raw === LON_NA || raw > 180 * 600_000 || raw < -180 * 600_000 ? null : raw / 600_000;
}

function latitude(raw: number): number | null {
  return raw === LAT_NA || raw > 90 * 600_000 || raw < -90 * 600_000 ? null : raw / 600_000;
}

function tenths(raw: number, notAvailable: number): number | null {
  return raw === notAvailable ? null : raw / 10;
}

/** Course over ground in 1/10 degree: 3600 is not available, above it is invalid. */
function course(raw: number): number | null {
  return raw >= 3600 ? null : raw / 10;
}

/** True heading: 511 is not available, 360-510 are invalid. */
function heading(raw: number): number | null {
  return raw > 359 ? null : raw;
}

/** 60 not available, 61 manual input, 62 dead reckoning, 63 inoperative. */
function second(raw: number): number | null {
  return raw > 59 ? null : raw;
}

function orNull(raw: number, notAvailable: number): number | null {
  return raw === notAvailable ? null : raw;
}

/**
 * Rate of turn (ITU-R M.1371-5 table 45): ROT_AIS = 4.733 × sqrt(ROT) degrees per minute,
 * signed. 0 not turning; ±127 turning faster than 5°/30 s without a turn indicator and
 * -128 no information: both null here (the raw value stays in `turn`).
 */
function rateOfTurn(turn: number): number | null {
  if (turn === -128 || turn === 127 || turn === -127) return null;
  // ratio * ratio rather than ratio ** 2: the same values for every turn, without a call to pow.
  const ratio = turn / 4.733;
  const rate = ratio * ratio;
  return Math.round((turn < 0 ? -rate : rate) * 10) / 10;
}

function utc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  sec: number,
): Date | null {
  if (year === 0 || month === 0 || day === 0 || hour > 23 || minute > 59 || sec > 59) return null;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, sec));
}
