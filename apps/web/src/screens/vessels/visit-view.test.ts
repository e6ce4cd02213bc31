import type { VesselVisit } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import {
  anchorageQueue,
  parseStatusFilter,
  shipCategory,
  statusesToList,
  statusTone,
} from './visit-view.ts';

describe('status filter', () => {
  it('reads a known status from the URL, in any case', () => {
    expect(parseStatusFilter('berthed')).toBe('BERTHED');
    expect(parseStatusFilter('AT_ANCHOR')).toBe('AT_ANCHOR');
  });
  it('ignores a missing or unknown status', () => {
    expect(parseStatusFilter(null)).toBeNull();
    expect(parseStatusFilter('sunk')).toBeNull();
  });
  it('lists the filtered status, else every open one', () => {
    expect(statusesToList('DEPARTED')).toEqual(['DEPARTED']);
    expect(statusesToList(null)).toEqual([
      'PLANNED',
      'APPROACHING',
      'AT_ANCHOR',
      'BERTHING',
      'BERTHED',
      'SHIFTING',
    ]);
  });
});

describe('status tone and ship category', () => {
  it('colours berthed green, arriving amber, cancelled red', () => {
    expect(statusTone('BERTHED')).toBe('ok');
    expect(statusTone('APPROACHING')).toBe('warn');
    expect(statusTone('AT_ANCHOR')).toBe('warn');
    expect(statusTone('CANCELLED')).toBe('bad');
    expect(statusTone('PLANNED')).toBe('');
  });
  it('maps AIS ship types to kinds', () => {
    expect(shipCategory(71)).toBe('cargo');
    expect(shipCategory(84)).toBe('tanker');
    expect(shipCategory(52)).toBe('tug');
    expect(shipCategory(50)).toBe('pilot');
    expect(shipCategory(null)).toBe('unknown');
    expect(shipCategory(0)).toBe('unknown');
    expect(shipCategory(99)).toBe('other');
  });
});

describe('anchorageQueue', () => {
  it('lists vessels at anchor, longest wait first, in minutes since anchoring', () => {
    const visit = (id: string, status: string, anchoredAt: string | null) =>
      ({ id, status, anchoredAt, arrivedAt: null }) as unknown as VesselVisit;
    const now = Date.parse('2026-12-01T12:00:00Z');
    const queue = anchorageQueue(
      [
        visit('a', 'AT_ANCHOR', '2026-12-01T11:00:00Z'),
        visit('b', 'BERTHED', '2026-12-01T01:00:00Z'),
        visit('c', 'AT_ANCHOR', '2026-12-01T08:30:00Z'),
      ],
      now,
    );
    expect(queue.map((entry) => [entry.visit.id, entry.waitingMin])).toEqual([
      ['c', 210],
      ['a', 60],
    ]);
  });
});
