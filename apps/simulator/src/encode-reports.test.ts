import { AisDecoder } from '@harbor/protocols/ais';
import { decodeJt808Frame } from '@harbor/protocols/jt808';
import { describe, expect, it } from 'vitest';
import { aisSentences, locationMessages, registerBody, terminalFrame } from './encode-reports.ts';
import type { AisReport, TruckReport } from './reports.ts';
import { createScenario } from './scenario.ts';

const scenario = createScenario({
  seed: 'wire',
  start: new Date('2026-11-25T00:00:00Z'),
  vehicles: 60,
});
const reports = scenario.advanceBy(4 * 3_600_000);
const ais = reports.filter((r): r is AisReport => r.kind === 'ais');
const trucks = reports.filter((r): r is TruckReport => r.kind === 'truck');

describe('AIS sentences', () => {
  it('decode again with AisDecoder to the same MMSI, position and data', () => {
    const decoder = new AisDecoder();
    let decoded = 0;
    ais.forEach((report, i) => {
      const groups = aisSentences(report, i % 10);
      report.messages.forEach((sent, m) => {
        let result = null;
        for (const line of groups[m] ?? []) {
          expect(line.length).toBeLessThanOrEqual(82 + 40); // NMEA's 82 characters plus the tag block
          result = decoder.push(line);
        }
        if (!result?.ok) throw new Error(`not decoded: ${JSON.stringify(result)}`);
        const got = result.message;
        expect(got.mmsi).toBe(report.mmsi);
        expect(got.type).toBe(sent.type);
        expect(result.receivedAt?.getTime()).toBe(
          Math.floor(report.sentAt.getTime() / 1000) * 1000,
        );
        if ('lat' in sent && 'lat' in got) {
          expect(got.lat).toBeCloseTo(sent.lat as number, 5);
          expect(got.lon).toBeCloseTo((sent as { lon: number }).lon, 5);
          expect((got as { speedKnots: number }).speedKnots).toBeCloseTo(
            (sent as { speedKnots: number }).speedKnots,
            5,
          );
          expect((got as { second: number }).second).toBe((sent as { second: number }).second);
        }
        if (sent.type === 5 && 'imo' in sent && 'imo' in got) {
          expect(got.imo).toBe(sent.imo);
          expect(got.shipName).toBe(sent.shipName);
          expect(got.callSign).toBe(sent.callSign);
          expect(got.dimensions).toEqual(sent.dimensions);
        }
        decoded++;
      });
    });
    expect(decoder.stats.failed).toBe(0);
    expect(decoded).toBeGreaterThan(5000);
  });
});

describe('JT/T 808 frames', () => {
  it('decode with decodeJt808Frame to the same terminal and fixes', () => {
    let serial = 0;
    let batches = 0;
    for (const report of trucks) {
      for (const { body, fixes } of locationMessages(report.fixes)) {
        const { header, body: got } = decodeJt808Frame(
          terminalFrame(report.terminalPhone, serial, body),
        );
        expect(header.terminalPhone).toBe(report.terminalPhone);
        expect(header.serial).toBe(serial);
        serial = (serial + 1) & 0xffff;
        const locations =
          got.messageId === 0x0200 && 'location' in got
            ? [got.location]
            : got.messageId === 0x0704 && 'locations' in got
              ? got.locations
              : [];
        if (got.messageId === 0x0704) batches++;
        expect(locations).toHaveLength(fixes.length);
        locations.forEach((location, i) => {
          const fix = fixes[i];
          expect(location.lat).toBeCloseTo(fix?.lat ?? 0, 6);
          expect(location.lon).toBeCloseTo(fix?.lon ?? 0, 6);
          expect(location.speedKmh).toBeCloseTo(fix?.speedKmh ?? 0, 6);
          expect(location.directionDeg).toBe(fix?.courseDeg);
          expect(location.altitudeM).toBe(fix?.altitudeM);
          expect(location.time.getTime()).toBe(fix?.time.getTime());
          expect(location.flags.positioned).toBe(true);
          expect(location.flags.accOn).toBe(fix?.isAccOn);
        });
      }
    }
    expect(batches).toBeGreaterThan(0);
  });

  it('register a truck with its plate, in Shanghai', () => {
    const vehicle = scenario.vehicles[0];
    if (!vehicle) throw new Error('no vehicle');
    const { body } = decodeJt808Frame(
      terminalFrame(vehicle.terminalPhone, 0, registerBody(vehicle)),
    );
    expect(body).toMatchObject({
      messageId: 0x0100,
      provinceId: 31,
      plate: vehicle.plate,
      plateColor: 2,
      terminalId: vehicle.terminalId,
    });
  });
});
