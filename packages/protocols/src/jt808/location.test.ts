import { describe, expect, it } from 'vitest';
import { ALARM_BITS, alarmFlags, STATUS_BITS, statusFlags } from './location.ts';

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
