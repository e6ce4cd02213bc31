import { describe, expect, it } from 'vitest';
import { containersUrlParams, parseContainersUrl } from './containers-url.ts';

describe('containers URL state', () => {
  it('reads the number upper-cased and newest first by default', () => {
    expect(parseContainersUrl(new URLSearchParams('number=csqu3054383'))).toEqual({
      number: 'CSQU3054383',
      order: 'newest',
      visitId: null,
      blockId: null,
    });
  });

  it('reads the order and the list filters', () => {
    const state = parseContainersUrl(new URLSearchParams('order=oldest&visit=v1&block=b2'));
    expect(state).toEqual({ number: '', order: 'oldest', visitId: 'v1', blockId: 'b2' });
    expect(parseContainersUrl(new URLSearchParams('order=sideways')).order).toBe('newest');
  });

  it('round-trips, leaving out defaults', () => {
    const state = { number: 'CSQU3054383', order: 'newest' as const, visitId: null, blockId: null };
    expect(containersUrlParams(state).toString()).toBe('number=CSQU3054383');
    const oldest = { ...state, order: 'oldest' as const, blockId: 'b2' };
    expect(parseContainersUrl(containersUrlParams(oldest))).toEqual(oldest);
  });
});
