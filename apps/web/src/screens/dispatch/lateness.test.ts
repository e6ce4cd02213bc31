import { describe, expect, it } from 'vitest';
import { jobLateness } from './lateness.ts';

const END = '2026-12-05T10:00:00Z';
const now = (iso: string) => Date.parse(iso);
const job = (
  status: Parameters<typeof jobLateness>[0]['status'],
  deliveredAt: string | null = null,
) => ({
  status,
  windowEnd: END,
  deliveredAt,
});

describe('jobLateness', () => {
  it('is missed once the window has ended and the job is not delivered', () => {
    expect(jobLateness(job('PLANNED'), now('2026-12-05T10:01:00Z'))).toBe('missed');
    expect(jobLateness(job('EN_ROUTE_DROPOFF'), now('2026-12-05T11:00:00Z'))).toBe('missed');
  });

  it('will miss when the ETA to the drop-off is after the window end', () => {
    const before = now('2026-12-05T09:00:00Z');
    expect(jobLateness(job('ASSIGNED'), before, { dropoffArrivalAt: '2026-12-05T10:20:00Z' })).toBe(
      'will-miss',
    );
    expect(jobLateness(job('ASSIGNED'), before, { dropoffArrivalAt: '2026-12-05T09:50:00Z' })).toBe(
      null,
    );
    expect(jobLateness(job('ASSIGNED'), before)).toBe(null);
  });

  it('judges a delivered job by when it was delivered, and never a cancelled or failed one', () => {
    const later = now('2026-12-06T00:00:00Z');
    expect(jobLateness(job('DELIVERED', '2026-12-05T09:59:00Z'), later)).toBe(null);
    expect(jobLateness(job('DELIVERED', '2026-12-05T10:05:00Z'), later)).toBe('missed');
    expect(jobLateness(job('CANCELLED'), later)).toBe(null);
    expect(jobLateness(job('FAILED'), later)).toBe(null);
  });
});
