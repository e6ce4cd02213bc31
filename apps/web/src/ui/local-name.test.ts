import { describe, expect, it } from 'vitest';
import { localName } from './local-name.ts';

describe('localName', () => {
  it('gives the Chinese form in zh-CN, the entered name otherwise or without one', () => {
    const shpa = { name: 'Shanghai Port Authority', nameZh: '上海港务局' };
    expect(localName(shpa, 'zh-CN')).toBe('上海港务局');
    expect(localName(shpa, 'en')).toBe('Shanghai Port Authority');
    expect(localName({ name: 'Yard Y01', nameZh: null }, 'zh-CN')).toBe('Yard Y01');
  });
});
