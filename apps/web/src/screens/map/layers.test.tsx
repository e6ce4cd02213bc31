import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HIDDEN_LAYERS_KEY, loadHiddenLayers, useHiddenLayers } from './layers.ts';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

describe('the layer switches', () => {
  it('remember what was hidden in this browser', () => {
    const first = renderHook(() => useHiddenLayers());
    expect(first.result.current.hidden.size).toBe(0);
    act(() => first.result.current.toggle('VEHICLE'));
    act(() => first.result.current.toggle('ANCHORAGE'));
    act(() => first.result.current.toggle('ANCHORAGE'));
    expect([...first.result.current.hidden]).toEqual(['VEHICLE']);
    first.unmount();
    const again = renderHook(() => useHiddenLayers());
    expect([...again.result.current.hidden]).toEqual(['VEHICLE']);
  });

  it('ignore what they cannot read', () => {
    localStorage.setItem(HIDDEN_LAYERS_KEY, '{not json');
    expect(loadHiddenLayers().size).toBe(0);
    localStorage.setItem(HIDDEN_LAYERS_KEY, JSON.stringify(['VESSEL', 'SUBMARINE', 3]));
    expect([...loadHiddenLayers()]).toEqual(['VESSEL']);
  });
});
