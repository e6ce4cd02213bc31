import { EquipmentEventTypeSchema } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { containers } from '../../i18n/containers.ts';
import { dwellParts, eventLabelKey, orderEvents } from './timeline.ts';

const events = [
  {
    id: 'b',
    eventAt: '2026-11-20T10:00:00Z',
    eventCreatedAt: '2026-11-20T10:01:00Z',
    eventType: 'DISC',
  },
  {
    id: 'a',
    eventAt: '2026-11-19T08:00:00Z',
    eventCreatedAt: '2026-11-19T08:00:00Z',
    eventType: 'GTIN',
  },
  {
    id: 'c',
    eventAt: '2026-11-20T10:00:00Z',
    eventCreatedAt: '2026-11-20T10:05:00Z',
    eventType: 'DROP',
  },
  {
    id: 'd',
    eventAt: '2026-11-22T06:30:00+08:00',
    eventCreatedAt: '2026-11-22T00:00:00Z',
    eventType: 'GTOT',
  },
] as const;

describe('orderEvents', () => {
  it('puts the oldest first by when it happened, then by when recorded', () => {
    expect(orderEvents(events, 'oldest').map((event) => event.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('reverses for newest first, without changing its input', () => {
    expect(orderEvents(events, 'newest').map((event) => event.id)).toEqual(['d', 'c', 'b', 'a']);
    expect(events[0].id).toBe('b');
  });
});

describe('event labels', () => {
  it('has a readable label for every event type in both languages', () => {
    for (const type of EquipmentEventTypeSchema.options) {
      const key = eventLabelKey(type).split('.')[1] as keyof typeof containers.en.event;
      expect(containers.en.event[key]).toMatch(/\w/);
      expect(containers['zh-CN'].event[key]).not.toBe(containers.en.event[key]);
    }
    expect(containers.en.event.GTIN).toBe('Gate in');
    expect(containers['zh-CN'].event.LOAD).toBe('装船');
  });
});

describe('dwellParts', () => {
  it('splits hours into days and hours', () => {
    expect(dwellParts(53.7)).toEqual({ days: 2, hours: 5 });
    expect(dwellParts(3)).toEqual({ days: 0, hours: 3 });
    expect(dwellParts(-1)).toEqual({ days: 0, hours: 0 });
  });
});
