import { describe, expect, it } from 'vitest';
import { buildRecordInput, emptyRecordValues, toLocalInputValue } from './record-input.ts';

const now = new Date(2026, 10, 25, 9, 5);

describe('buildRecordInput', () => {
  it('leaves out empty fields and sends the time as ISO', () => {
    const values = { ...emptyRecordValues(now), terminalId: 'terminal-1', isoSizeType: '22g1 ' };
    const built = buildRecordInput('CSQU3054383', values);
    expect(built).toEqual({
      ok: true,
      input: {
        containerNumber: 'CSQU3054383',
        eventType: 'GTIN',
        eventClassifier: 'ACT',
        eventAt: now.toISOString(),
        emptyIndicator: undefined,
        isoSizeType: '22G1',
        terminalId: 'terminal-1',
        zoneId: undefined,
        vesselVisitId: undefined,
        note: undefined,
        slot: undefined,
      },
    });
    expect(toLocalInputValue(now)).toBe('2026-11-25T09:05');
  });

  it('sends a slot only when all four parts are given', () => {
    const base = { ...emptyRecordValues(now), yardBlockId: 'block-1', bay: '3', row: '2' };
    expect(buildRecordInput('CSQU3054383', base)).toEqual({
      ok: false,
      errors: { slot: 'slotIncomplete' },
    });
    const built = buildRecordInput('CSQU3054383', { ...base, tier: '1' });
    expect(built.ok && built.input.slot).toEqual({
      yardBlockId: 'block-1',
      bay: 3,
      row: 2,
      tier: 1,
    });
  });

  it('refuses a missing time', () => {
    const built = buildRecordInput('CSQU3054383', { ...emptyRecordValues(now), eventAt: '' });
    expect(built).toEqual({ ok: false, errors: { eventAt: 'eventAt' } });
  });
});
