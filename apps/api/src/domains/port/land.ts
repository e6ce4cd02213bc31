import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { portLand } from '@harbor/db';
import { type BoundingBox, type GeoJsonPolygon, ringBounds } from '@harbor/shared';
import { clipPolygon } from 'lineclip';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/**
 * The land the web's map draws under the port's zones when no tile server can be reached:
 * Natural Earth's 1:10m land polygons (public domain, as TopoJSON in `world-atlas`), read
 * once on first use and clipped to the area asked for. Coarse at berth scale (the smallest
 * islets are missing) but enough to tell the coast, the estuary and the islands apart; the
 * port's own land (its terminals) is added from the seed's geography.
 */

type Ring = [number, number][];
type LandPolygon = { rings: Ring[]; bbox: BoundingBox };

let world: Promise<LandPolygon[]> | undefined;

async function loadWorld(): Promise<LandPolygon[]> {
  const path = createRequire(import.meta.url).resolve('world-atlas/land-10m.json');
  const topology = JSON.parse(await readFile(path, 'utf8')) as Topology<{
    land: GeometryCollection;
  }>;
  const land = feature(topology, topology.objects.land);
  const polygons: LandPolygon[] = [];
  for (const { geometry } of land.features) {
    const parts =
      geometry.type === 'Polygon'
        ? [geometry.coordinates]
        : geometry.type === 'MultiPolygon'
          ? geometry.coordinates
          : [];
    for (const part of parts) {
      const rings = part.map((ring) => ring.map(([lon = 0, lat = 0]) => [lon, lat]) as Ring);
      polygons.push({ rings, bbox: ringBounds(rings[0] ?? []) });
    }
  }
  return polygons;
}

/**
 * The port's own land (the seeded terminals, packages/db portLand): Natural Earth has no
 * Xiaoyangshan, so without it Yangshan's terminals would stand in open sea.
 */
const PORT_LAND: LandPolygon[] = portLand().map((polygon) => {
  const rings = polygon.coordinates.map(
    (ring) => ring.map(([lon = 0, lat = 0]) => [lon, lat]) as Ring,
  );
  return { rings, bbox: ringBounds(rings[0] ?? []) };
});

/** The land inside a bounding box, each polygon clipped to the box. */
export async function landIn(box: BoundingBox): Promise<GeoJsonPolygon[]> {
  world ??= loadWorld().catch((error: unknown) => {
    world = undefined;
    throw error;
  });
  const clip: [number, number, number, number] = [box.minLon, box.minLat, box.maxLon, box.maxLat];
  const result: GeoJsonPolygon[] = [];
  for (const polygon of [...(await world), ...PORT_LAND]) {
    const { minLon, minLat, maxLon, maxLat } = polygon.bbox;
    if (maxLon < box.minLon || minLon > box.maxLon || maxLat < box.minLat || minLat > box.maxLat)
      continue;
    const [outer = [], ...holes] = polygon.rings.map((ring) => closed(clipPolygon(ring, clip)));
    if (outer.length < 4) continue;
    const rings = [outer, ...holes.filter((hole) => hole.length >= 4)];
    result.push({ type: 'Polygon', coordinates: rings });
  }
  return result;
}

/** A ring with its first point repeated at the end, as GeoJSON wants it. */
function closed(ring: Ring): Ring {
  if (ring.length === 0) return ring;
  const [first, last] = [ring[0] as [number, number], ring.at(-1) as [number, number]];
  return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
}
