import { act, render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { describe, expect, it } from 'vitest';
import { ChunkScreen, screenChunk } from './screen-chunk.tsx';

function Berths() {
  return <p>berths</p>;
}

function Alerts() {
  return <p>alerts</p>;
}

describe('screenChunk', () => {
  it('draws a preloaded screen at once, without its fallback', async () => {
    const chunk = screenChunk(async () => ({ Berths }), 'Berths');
    await chunk.preload();
    render(
      <Suspense fallback={<p>loading</p>}>
        <ChunkScreen chunk={chunk} />
      </Suspense>,
    );
    // Before any later task: the screen is there in the first commit.
    expect(screen.queryByText('loading')).toBeNull();
    expect(screen.getByText('berths')).toBeTruthy();
  });

  it('loads a screen not yet loaded behind the fallback, and loads it once', async () => {
    let loads = 0;
    let release = () => {};
    const chunk = screenChunk(() => {
      loads += 1;
      return new Promise<{ Berths: typeof Berths }>((resolve) => {
        release = () => resolve({ Berths });
      });
    }, 'Berths');
    render(
      <Suspense fallback={<p>loading</p>}>
        <ChunkScreen chunk={chunk} />
      </Suspense>,
    );
    expect(screen.getByText('loading')).toBeTruthy();
    void chunk.preload();
    await act(async () => release());
    expect(await screen.findByText('berths')).toBeTruthy();
    expect(loads).toBe(1);
  });

  it('draws the screen it is given when another takes its place', async () => {
    const berths = screenChunk(async () => ({ Berths }), 'Berths');
    const alerts = screenChunk(async () => ({ Alerts }), 'Alerts');
    await Promise.all([berths.preload(), alerts.preload()]);
    const place = (chunk: typeof berths) => (
      <Suspense fallback={<p>loading</p>}>
        <ChunkScreen chunk={chunk} />
      </Suspense>
    );
    const { rerender } = render(place(berths));
    expect(screen.getByText('berths')).toBeTruthy();
    // As a route change does: the same element in the same place, given another screen.
    rerender(place(alerts));
    expect(screen.queryByText('berths')).toBeNull();
    expect(screen.getByText('alerts')).toBeTruthy();
  });
});
