import { location } from '../src/jt808/location.ts';
import { decodeJt808Frame, encodeJt808Message } from '../src/jt808/messages.ts';
import { random } from './ais-stream.ts';
import { measure, perSecond } from './measure.ts';

// `pnpm --filter @harbor/protocols bench`: decodes escaped 0x0200 location reports (2013
// header, the usual additional items: mileage, fuel, signal, satellites) on one core.

const FRAMES = 100_000;
const next = random(808);
const frames = Array.from({ length: FRAMES }, (_, i) =>
  encodeJt808Message({
    header: {
      messageId: 0x0200,
      version: 'V2013',
      protocolVersion: 0,
      terminalPhone: `0139160${String(i % 10_000).padStart(5, '0')}`,
      serial: i % 65_536,
      encryption: 0,
      subpackage: null,
    },
    body: {
      messageId: 0x0200,
      location: location({
        lat: Math.round((30.6 + next() * 0.3) * 1e6) / 1e6,
        lon: Math.round((121.9 + next() * 0.2) * 1e6) / 1e6,
        time: new Date(Date.UTC(2026, 10, 25, 2, 0, Math.floor(next() * 3600))),
        status: 0b11 | (1 << 18) | (1 << 19),
        speedKmh: Math.round(next() * 800) / 10,
        directionDeg: Math.floor(next() * 360),
        altitudeM: 12,
        mileageKm: Math.round(next() * 1e6) / 10,
        fuelL: Math.round(next() * 4000) / 10,
        signalStrength: Math.floor(next() * 32),
        satellites: 8 + Math.floor(next() * 12),
      }),
    },
  }),
);

function run(): number {
  let satellites = 0;
  for (const frame of frames) {
    const { body } = decodeJt808Frame(frame);
    if ('location' in body) satellites += body.location.satellites ?? 0;
  }
  return satellites;
}

const rate = measure(run, frames.length);
const bytes = frames.reduce((sum, frame) => sum + frame.length, 0) / frames.length;
console.log(
  `JT/T 808 0x0200 decode        ${perSecond(rate)} frames/s (${bytes.toFixed(0)} bytes/frame, node ${process.version}, one core)`,
);
