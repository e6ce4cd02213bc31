import type { SupervisionLink } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { formOf, inputOf } from './link-form.ts';

const stored = {
  id: '11111111-1111-4111-8111-111111111111',
  enabled: true,
  edition: 'JT809_2019',
  host: '10.1.2.3',
  port: 9000,
  userId: 8001,
  gnssCenterId: 31_000_001,
  platformId: '31000000001',
  downLinkIp: '10.9.8.7',
  downLinkPort: 9100,
  encrypted: true,
  held: true,
  vehicleIds: [],
  stoppedVehicleIds: [],
  forwardedUntil: null,
  status: null,
  updatedAt: '2026-12-06T00:00:00.000Z',
} satisfies SupervisionLink;

describe('the link form', () => {
  it('keeps an encrypted link’s stored constants when they are left blank', () => {
    expect(inputOf(formOf(stored))).not.toHaveProperty('encryption');
  });

  it('sends new constants when they are typed, and null when encryption is turned off', () => {
    const typed = { ...formOf(stored), m1: '1', ia1: '2', ic1: '3', key: '4' };
    expect(inputOf(typed)).toMatchObject({ encryption: { m1: 1, ia1: 2, ic1: 3, key: 4 } });
    expect(inputOf({ ...formOf(stored), encrypted: false })).toMatchObject({ encryption: null });
  });

  it('asks for the constants of a link being encrypted for the first time', () => {
    const plain = { ...stored, encrypted: false };
    const form = { ...formOf(plain), encrypted: true };
    expect(inputOf(form)).toHaveProperty('encryption');
  });
});
