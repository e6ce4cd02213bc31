import { describe, expect, it } from 'vitest';
import { parseYardUrl, yardUrlParams } from './yard-url.ts';

describe('yard URL state', () => {
  it('reads terminal, block and container, upper-cased', () => {
    const state = parseYardUrl(
      new URLSearchParams('terminal=ysp4&block=y01&container=csqu 305438-3'),
    );
    expect(state).toEqual({ terminal: 'YSP4', block: 'Y01', container: 'CSQU3054383' });
  });

  it('treats missing and blank values as not chosen', () => {
    expect(parseYardUrl(new URLSearchParams('terminal=&block=%20'))).toEqual({
      terminal: null,
      block: null,
      container: null,
    });
  });

  it('writes only what is chosen, and reads back the same', () => {
    const params = yardUrlParams({ terminal: 'YSP4', block: null, container: 'CSQU3054383' });
    expect(params.toString()).toBe('terminal=YSP4&container=CSQU3054383');
    expect(parseYardUrl(params)).toEqual({
      terminal: 'YSP4',
      block: null,
      container: 'CSQU3054383',
    });
  });
});
