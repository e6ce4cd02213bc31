import type { HistoryRetention } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import {
  daysText,
  retentionChanges,
  retentionProblems,
  ruleDays,
  trackKinds,
} from './track-retention.ts';

const PORT = '11111111-1111-4111-8111-111111111111';
const DHCL = '22222222-2222-4222-8222-222222222222';

const RETENTION: HistoryRetention = {
  hotDays: 7,
  keepDays: 180,
  eventKeepDays: 400,
  recordKeepDays: 1_095,
  rules: [
    { organizationId: DHCL, assetKind: 'VEHICLE', keepDays: 90 },
    { organizationId: PORT, assetKind: 'VESSEL', keepDays: 365 },
  ],
};

describe('track retention in the organizations screen', () => {
  it('has ship tracks on the port authority only', () => {
    expect(trackKinds({ kind: 'PORT_AUTHORITY' })).toEqual(['VEHICLE', 'VESSEL']);
    expect(trackKinds({ kind: 'LOGISTICS_COMPANY' })).toEqual(['VEHICLE']);
  });

  it("reads an organization's own days, null where it keeps the default", () => {
    expect(ruleDays(RETENTION, DHCL, 'VEHICLE')).toBe(90);
    expect(ruleDays(RETENTION, PORT, 'VEHICLE')).toBeNull();
    expect(ruleDays(RETENTION, PORT, 'VESSEL')).toBe(365);
    expect(daysText(90)).toBe('90');
    expect(daysText(null)).toBe('');
  });

  it('sends only what differs from the rule: empty is the default, the rest for the contract', () => {
    expect(retentionChanges(RETENTION, DHCL, {})).toEqual([]);
    expect(retentionChanges(RETENTION, DHCL, { VEHICLE: ' 90 ' })).toEqual([]);
    expect(retentionChanges(RETENTION, DHCL, { VEHICLE: '' })).toEqual([
      { organizationId: DHCL, assetKind: 'VEHICLE', keepDays: null },
    ]);
    expect(retentionChanges(RETENTION, PORT, { VEHICLE: '', VESSEL: '30' })).toEqual([
      { organizationId: PORT, assetKind: 'VESSEL', keepDays: 30 },
    ]);
    const [typo] = retentionChanges(RETENTION, DHCL, { VEHICLE: '9O' });
    expect(typo?.keepDays).toBeNaN();
  });

  it('marks at its own field a count the contract refuses, in the words of the rule', () => {
    const changes = retentionChanges(RETENTION, PORT, { VEHICLE: '9.5', VESSEL: '0' });
    expect(retentionProblems(changes, 'days rule')).toEqual({
      truckKeepDays: 'days rule',
      vesselKeepDays: 'days rule',
    });
    const typo = retentionChanges(RETENTION, DHCL, { VEHICLE: 'ninety' });
    expect(retentionProblems(typo, 'days rule')).toEqual({ truckKeepDays: 'days rule' });
    // Fewer days than the raw fixes are the api's to refuse: it knows its hot window.
    const short = retentionChanges(RETENTION, DHCL, { VEHICLE: '3' });
    expect(retentionProblems(short, 'days rule')).toEqual({});
    expect(retentionProblems(retentionChanges(RETENTION, DHCL, { VEHICLE: '' }), 'r')).toEqual({});
  });
});
