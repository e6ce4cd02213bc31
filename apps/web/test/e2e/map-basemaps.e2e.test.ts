import { demoFleet } from '@harbor/shared';
import gcoord from 'gcoord';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { assertAccessible, browserForBlock, VIEWPORTS } from './stack.ts';

// The map's base maps: the shared build (stack.ts) offers the standard tiles and an AMap-like
// GCJ-02 base map, both from a server that refuses connections, so the map also shows its
// offline fallback: Natural Earth's coast and the port's own land.

const harbor = inject('harbor');
const OPERATOR = 'operator@port.harbor.local';
// Yangshan Phase I's yard, behind its quay (packages/db seed: TERMINALS, YSP1).
const YANGSHAN_YARD = { lat: 30.6295, lon: 122.0808 };

type Drawn = {
  selected?: { id: string; lat: number; lon: number; x: number; y: number } | null;
  view?: { zoom: number; left: number; top: number };
};

/** Web Mercator world pixels at a zoom, as Leaflet's EPSG:3857 places them. */
function worldPixel(lat: number, lon: number, zoom: number): { x: number; y: number } {
  const scale = 256 * 2 ** zoom;
  const sin = Math.sin((lat * Math.PI) / 180);
  return {
    x: scale * (0.5 + lon / 360),
    y: scale * (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)),
  };
}

async function drawn(page: Page): Promise<Required<Drawn>> {
  let stats: Drawn | undefined;
  await expect
    .poll(
      async () => {
        stats = await page.evaluate(
          () => (window as unknown as { __harborMapStats?: Drawn }).__harborMapStats,
        );
        return Boolean(stats?.selected && stats.view);
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  return stats as Required<Drawn>;
}

/** Where the map should draw a WGS-84 point, in its container's pixels, on a base map's datum. */
function expectedPixel(stats: Required<Drawn>, lat: number, lon: number, gcj02: boolean) {
  const [shownLon = lon, shownLat = lat] = gcj02
    ? gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02)
    : [lon, lat];
  const world = worldPixel(shownLat, shownLon, stats.view.zoom);
  return { x: world.x - stats.view.left, y: world.y - stats.view.top };
}

type Ring = [number, number][];

/** Every GeoJSON polygon's rings in an answer, however the transport wraps it. */
function polygonsIn(value: unknown): Ring[][] {
  if (Array.isArray(value)) return value.flatMap(polygonsIn);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as { type?: unknown; coordinates?: unknown };
  if (record.type === 'Polygon' && Array.isArray(record.coordinates))
    return [record.coordinates as Ring[]];
  return Object.values(value).flatMap(polygonsIn);
}

/** Whether a polygon's outer ring holds a point (ray casting; GeoJSON is [lon, lat]). */
function covers(rings: Ring[], point: { lat: number; lon: number }): boolean {
  const ring = rings[0] ?? [];
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (
      yi > point.lat !== yj > point.lat &&
      point.lon < ((xj - xi) * (point.lat - yi)) / (yj - yi) + xi
    )
      inside = !inside;
  }
  return inside;
}

describe.skipIf(!harbor)('map base maps', () => {
  const stack = browserForBlock(harbor);

  it("shows Yangshan's land when the tiles cannot load", async () => {
    const page = await stack.page(OPERATOR, { locale: 'zh-CN', viewport: VIEWPORTS.small });
    const land = page.waitForResponse((response) => response.url().includes('port.land'), {
      timeout: 60_000,
    });
    await page.goto('/map');
    await page.getByTestId('map-tiles-offline').waitFor({ timeout: 30_000 });
    // The land the fallback draws (asked for only once the tiles failed, so alone in its
    // answer) covers a Yangshan terminal's yard.
    const polygons = polygonsIn(await (await land).json());
    expect(polygons.some((polygon) => covers(polygon, YANGSHAN_YARD))).toBe(true);
    await expect
      .poll(() => page.locator('path.map-land').count(), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await assertAccessible(page, { exclude: ['.sidenav'] });
    await page.context().close();
  });

  it('draws an asset at its GCJ-02 position on the AMap base map, and remembers the choice', async () => {
    const truck = demoFleet(40)[0];
    const id = `VEHICLE:${truck?.terminalPhone}`;
    const page = await stack.page(OPERATOR, { locale: 'zh-CN', viewport: VIEWPORTS.small });
    await page.goto(`/map?asset=${encodeURIComponent(id)}`);
    const picker = page.getByTestId('map-base-map');
    await picker.waitFor();
    expect(await picker.inputValue()).toBe('standard');

    const standard = await drawn(page);
    expect(standard.selected?.id).toBe(id);
    const onStandard = standard.selected ?? { lat: 0, lon: 0, x: 0, y: 0 };
    const wgs = expectedPixel(standard, onStandard.lat, onStandard.lon, false);
    expect(Math.abs(onStandard.x - wgs.x)).toBeLessThan(1.5);
    expect(Math.abs(onStandard.y - wgs.y)).toBeLessThan(1.5);

    await picker.selectOption('amap');
    await expect
      .poll(async () => {
        const stats = await drawn(page);
        const at = stats.selected ?? { lat: 0, lon: 0, x: 0, y: 0 };
        const gcj = expectedPixel(stats, at.lat, at.lon, true);
        return Math.hypot(at.x - gcj.x, at.y - gcj.y) < 1.5;
      })
      .toBe(true);
    // The GCJ-02 offset is hundreds of metres: clearly visible pixels at the map's zoom.
    const amap = await drawn(page);
    const at = amap.selected ?? { lat: 0, lon: 0, x: 0, y: 0 };
    const shift = (() => {
      const gcj = expectedPixel(amap, at.lat, at.lon, true);
      const plain = expectedPixel(amap, at.lat, at.lon, false);
      return Math.hypot(gcj.x - plain.x, gcj.y - plain.y);
    })();
    expect(shift).toBeGreaterThan(2);
    await assertAccessible(page, { exclude: ['.sidenav'] });

    await page.reload();
    await page.getByTestId('map-base-map').waitFor();
    expect(await page.getByTestId('map-base-map').inputValue()).toBe('amap');
    await page.context().close();
  });
});
