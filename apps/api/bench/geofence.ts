import { type FenceZone, GeofenceEngine } from '../src/pipeline/geofence-engine.ts';

// Fixes per second through the geofence engine as the number of zones grows: 300 m square
// zones scattered over the Shanghai area, 20,000 trucks moving among them.

function next(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4_294_967_296;
  };
}

function zonesOf(count: number): FenceZone[] {
  const random = next(count);
  return Array.from({ length: count }, (_, i) => {
    const lon = 121.4 + random() * 0.8;
    const lat = 30.5 + random() * 0.9;
    const d = 0.0015;
    const ring = [
      [lon, lat],
      [lon + d, lat],
      [lon + d, lat + d],
      [lon, lat + d],
      [lon, lat],
    ];
    return {
      id: `z${i}`,
      code: `Z${i}`,
      kind: 'YARD_BLOCK',
      polygon: { type: 'Polygon', coordinates: [ring] },
      minLon: lon,
      minLat: lat,
      maxLon: lon + d,
      maxLat: lat + d,
    };
  });
}

const FIXES = 400_000;
for (const zoneCount of [100, 1_000, 10_000, 100_000]) {
  const engine = new GeofenceEngine(zonesOf(zoneCount));
  const random = next(7);
  const started = process.hrtime.bigint();
  let transitions = 0;
  for (let i = 0; i < FIXES; i++) {
    transitions += engine.update({
      assetKind: 'VEHICLE',
      assetKey: String(i % 20_000),
      fixAt: new Date(1_764_036_000_000 + i * 100),
      lon: 121.4 + random() * 0.8,
      lat: 30.5 + random() * 0.9,
    }).length;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `geofence, ${String(zoneCount).padStart(7)} zones: ${Math.round(FIXES / seconds)
      .toLocaleString('en-US')
      .padStart(10)} fixes/s (${transitions} transitions)`,
  );
}
