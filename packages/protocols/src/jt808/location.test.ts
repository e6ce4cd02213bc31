import { describe, expect, it } from 'vitest';
import { ALARM_BITS, alarmFlags, location, STATUS_BITS, statusFlags } from './location.ts';
import { decodeJt808Frame, encodeJt808Message } from './messages.ts';

describe('JT/T 808 alarm and status flags', () => {
  it.each(Object.entries(ALARM_BITS))('alarm bit %i (%s) sets only that flag', (name, bit) => {
    const flags = alarmFlags((1 << bit) >>> 0);
    expect(
      Object.entries(flags)
        .filter(([, on]) => on)
        .map(([flag]) => flag),
    ).toEqual([name]);
  });

  it.each(Object.entries(STATUS_BITS))('status bit %i (%s) sets only that flag', (name, bit) => {
    const flags = statusFlags((1 << bit) >>> 0);
    expect(
      Object.entries(flags)
        .filter(([, on]) => on)
        .map(([flag]) => flag),
    ).toEqual([name]);
  });

  it('names every bit of the tables and nothing else', () => {
    expect(Object.keys(alarmFlags(0)).sort()).toEqual(Object.keys(ALARM_BITS).sort());
    expect(Object.keys(statusFlags(0)).sort()).toEqual(Object.keys(STATUS_BITS).sort());
  });
});

describe('decoded flags', () => {
  it('are shared between reports with the same words, and cannot be changed', () => {
    const frame = (alarm: number) =>
      encodeJt808Message({
        header: {
          messageId: 0x0200,
          version: 'V2013',
          protocolVersion: 0,
          terminalPhone: '013800138000',
          serial: 1,
          encryption: 0,
          subpackage: null,
        },
        body: {
          messageId: 0x0200,
          location: location({
            lat: 30.6,
            lon: 122.1,
            time: new Date('2026-12-06T02:00:00Z'),
            alarm,
          }),
        },
      });
    const decoded = (bytes: Uint8Array) => {
      const message = decodeJt808Frame(bytes.subarray(1, -1));
      if (message.body.messageId !== 0x0200 || !('location' in message.body)) throw new Error();
      return message.body.location;
    };
    const a = decoded(frame(0));
    const b = decoded(frame(0));
    const speeding = decoded(frame(0b10));
    expect(b.flags).toBe(a.flags);
    expect(b.alarms).toBe(a.alarms);
    expect(speeding.alarms).not.toBe(a.alarms);
    expect(speeding.alarms.overspeed).toBe(true);
    expect(a.alarms.overspeed).toBe(false);
    expect(Object.isFrozen(a.flags) && Object.isFrozen(a.alarms)).toBe(true);
  });
});
