import { describe, expect, it } from 'vitest';
import { parseStatusFilter, shipCategory, statusesToList, statusTone } from './visit-view.ts';

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
