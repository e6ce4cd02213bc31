import { describe, expect, it } from 'vitest';
import { TileHealth } from './tile-health.ts';

describe('TileHealth', () => {
  it('gives the base map up after three tiles fail before any loads', () => {
    const health = new TileHealth();
    expect(health.tileFailed()).toBe(false);
    expect(health.tileFailed()).toBe(false);
    expect(health.tileFailed()).toBe(true);
  });

  it('keeps the base map once a tile has loaded, whatever fails later', () => {
    const health = new TileHealth();
    expect(health.tileFailed()).toBe(false);
    health.tileLoaded();
    for (let i = 0; i < 20; i++) expect(health.tileFailed()).toBe(false);
  });
});
