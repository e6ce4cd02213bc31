import { describe, expect, it } from 'vitest';
import { assetId } from './fixes.ts';

describe('assetId', () => {
  it('is the kind and the key', () => {
    expect(assetId('VESSEL', '412000001')).toBe('VESSEL:412000001');
  });
});
