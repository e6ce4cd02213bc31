import type { DispatchJob } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { applyJobChanges } from './job-changes.ts';

function job(id: string, status: DispatchJob['status'], updatedAt: string): DispatchJob {
  return {
    id,
    organizationId: 'org',
    reference: `REF-${id}`,
    kind: 'CONTAINER_MOVE',
    status,
    containerNumber: null,
    pickupZone: { id: 'z1', code: 'YS1', name: 'Yangshan 1', nameZh: null },
    dropoffZone: { id: 'z2', code: 'WGQ', name: 'Waigaoqiao', nameZh: null },
    windowStart: '2026-11-26T01:00:00.000Z',
    windowEnd: '2026-11-26T03:00:00.000Z',
    vehicle: null,
    driver: null,
    deliveredAt: null,
    requiresProofPhoto: false,
    note: null,
    createdAt: '2026-11-25T00:00:00.000Z',
    updatedAt,
  };
}

const rows = [
  job('a', 'PLANNED', '2026-11-25T01:00:00Z'),
  job('b', 'ASSIGNED', '2026-11-25T02:00:00Z'),
];

describe('applyJobChanges', () => {
  it('replaces a known job in place and reports it changed', () => {
    const moved = job('b', 'EN_ROUTE_PICKUP', '2026-11-25T03:00:00Z');
    const result = applyJobChanges(rows, [{ job: moved }]);
    expect(result.jobs.map((row) => [row.id, row.status])).toEqual([
      ['a', 'PLANNED'],
      ['b', 'EN_ROUTE_PICKUP'],
    ]);
    expect(result.changedIds).toEqual(['b']);
    expect(rows[1]?.status).toBe('ASSIGNED');
  });

  it('adds a job the board has not seen at the top', () => {
    const created = job('c', 'PLANNED', '2026-11-25T04:00:00Z');
    const result = applyJobChanges(rows, [{ job: created }]);
    expect(result.jobs.map((row) => row.id)).toEqual(['c', 'a', 'b']);
    expect(result.changedIds).toEqual(['c']);
  });

  it('keeps only the newest of several changes to one unknown job', () => {
    const result = applyJobChanges(rows, [
      { job: job('c', 'ASSIGNED', '2026-11-25T05:00:00Z') },
      { job: job('c', 'PLANNED', '2026-11-25T04:00:00Z') },
    ]);
    expect(result.jobs.filter((row) => row.id === 'c').map((row) => row.status)).toEqual([
      'ASSIGNED',
    ]);
  });

  it('ignores a change older than the version shown and returns the same rows', () => {
    const late = job('b', 'PLANNED', '2026-11-25T01:30:00Z');
    const result = applyJobChanges(rows, [{ job: late }]);
    expect(result.jobs).toBe(rows);
    expect(result.changedIds).toEqual([]);
  });

  it('applies changes in arrival order, the newest winning', () => {
    const result = applyJobChanges(rows, [
      { job: job('a', 'ASSIGNED', '2026-11-25T06:00:00Z') },
      { job: job('a', 'EN_ROUTE_PICKUP', '2026-11-25T07:00:00Z') },
      { job: job('a', 'PLANNED', '2026-11-25T05:00:00Z') },
    ]);
    expect(result.jobs[0]?.status).toBe('EN_ROUTE_PICKUP');
  });

  it('returns the same rows when there is nothing to apply', () => {
    expect(applyJobChanges(rows, []).jobs).toBe(rows);
  });
});
