/**
 * A wall-clock time ("2026-11-26T16:00") in an IANA time zone, as a UTC instant: the zone's
 * offset is read with Intl at a first guess and once more at the result, which settles it
 * on either side of a daylight-saving change.
 */
export function wallClockToUtc(local: string, timezone: string): Date {
  const guess = Date.parse(`${local}Z`);
  if (Number.isNaN(guess)) return new Date(Number.NaN);
  const first = guess - offsetMs(guess, timezone);
  return new Date(guess - offsetMs(first, timezone));
}

/** One formatter per zone: making an Intl.DateTimeFormat costs far more than using one. */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timezone: string): Intl.DateTimeFormat {
  let format = formats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timezone, format);
  }
  return format;
}

function offsetMs(instant: number, timezone: string): number {
  const parts = formatIn(timezone).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}
