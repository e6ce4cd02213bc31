import { describe, expect, it } from 'vitest';
import { localDateTime } from './places.ts';

describe('localDateTime: an instant as the local time of a place, with its offset', () => {
  it.each([
    // Shanghai keeps +08:00 all year.
    ['2026-11-20T00:00:00.000Z', 'Asia/Shanghai', '2026-11-20T08:00:00.000+08:00'],
    ['2026-11-20T18:30:05.250Z', 'Asia/Shanghai', '2026-11-21T02:30:05.250+08:00'],
    // Rotterdam in summer and in winter time; Savannah behind UTC; UTC itself.
    ['2026-07-01T12:00:00.000Z', 'Europe/Amsterdam', '2026-07-01T14:00:00.000+02:00'],
    ['2026-01-15T12:00:00.000Z', 'Europe/Amsterdam', '2026-01-15T13:00:00.000+01:00'],
    ['2026-01-15T03:00:00.000Z', 'America/New_York', '2026-01-14T22:00:00.000-05:00'],
    ['2026-01-15T03:00:00.000Z', 'UTC', '2026-01-15T03:00:00.000+00:00'],
  ])('%s in %s is %s', (utc, timeZone, local) => {
    const at = new Date(utc);
    expect(localDateTime(at, timeZone)).toBe(local);
    // The same instant, only written as the place reads it.
    expect(Date.parse(local)).toBe(at.getTime());
  });
});
