import { describe, expect, it } from 'vitest';
import { BusyMeter } from './busy-meter.ts';

function meterAt(windowMs = 1_000) {
  const clock = { t: 0 };
  return { clock, meter: new BusyMeter(() => clock.t, windowMs) };
}

describe('BusyMeter', () => {
  it('is idle before any work', () => {
    const { clock, meter } = meterAt();
    clock.t = 5_000;
    expect(meter.share()).toBe(0);
  });

  it('counts the share of recent time spent working, work under way included', () => {
    const { clock, meter } = meterAt();
    // Busy 300 ms of every 1,000 over three windows.
    for (let second = 0; second < 3; second++) {
      clock.t = second * 1_000 + 100;
      meter.begin();
      clock.t += 300;
      meter.end();
    }
    clock.t = 3_000;
    expect(meter.share()).toBeCloseTo(0.3, 5);
    // Then busy without pause: the share climbs to 1 as the idle time ages out.
    meter.begin();
    clock.t = 3_500;
    expect(meter.share()).toBeCloseTo((300 + 500) / 1_500, 5);
    clock.t = 5_000;
    expect(meter.share()).toBe(1);
    meter.end();
  });

  it('forgets work done more than two windows ago', () => {
    const { clock, meter } = meterAt();
    meter.begin();
    clock.t = 900;
    meter.end();
    clock.t = 1_500;
    expect(meter.share()).toBeCloseTo(900 / 1_500, 5);
    clock.t = 2_500;
    expect(meter.share()).toBe(0);
  });

  it('splits a long piece of work over the windows it spans', () => {
    const { clock, meter } = meterAt();
    clock.t = 500;
    meter.begin();
    clock.t = 2_200;
    meter.end();
    clock.t = 2_400;
    // Windows [1000, 2000) busy throughout and [2000, 2400) busy 200 of 400 ms.
    expect(meter.share()).toBeCloseTo((1_000 + 200) / 1_400, 5);
  });
});
