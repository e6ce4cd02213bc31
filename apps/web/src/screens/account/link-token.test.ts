import { describe, expect, it } from 'vitest';
import { linkFor, tokenOf } from './link-token.ts';

describe('one-time links', () => {
  it('carry the token in the fragment and give it back', () => {
    const link = new URL(linkFor('passwordReset', 'a-b_c', 'https://harbor.example'));
    expect(link.pathname).toBe('/reset-password');
    expect(link.search).toBe('');
    expect(tokenOf(link)).toBe('a-b_c');
    expect(new URL(linkFor('invitation', 'x', 'https://harbor.example')).pathname).toBe(
      '/accept-invitation',
    );
  });

  it('read a token from the query too, and nothing from a bare page', () => {
    expect(tokenOf({ hash: '', search: '?token=abc' })).toBe('abc');
    expect(tokenOf({ hash: '', search: '' })).toBe('');
  });
});
