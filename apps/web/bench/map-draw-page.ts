import 'leaflet/dist/leaflet.css';
import type { Position } from '@harbor/shared';
import L from 'leaflet';
import { AssetCanvasLayer } from '../src/screens/map/AssetCanvasLayer.ts';
import { PositionStore } from '../src/screens/map/position-store.ts';

// The page bench/map-draw.ts drives: the map's asset layer alone on a Leaflet map (no tiles,
// no React, no server), with a synthetic fleet of trucks moving about the port.

const params = new URLSearchParams(location.search);
const trucks = Number(params.get('trucks') ?? 10_000);
const COLOURS = ['#1f8a4c', '#0b6bcb', '#8d99a6', '#c77700', '#4a4a4a'];
// Yangshan and Waigaoqiao, where the seeded fleet drives.
const AREAS = [
  { lat: 30.63, lon: 122.04, spread: 0.05 },
  { lat: 31.35, lon: 121.61, spread: 0.04 },
  { lat: 30.87, lon: 121.9, spread: 0.02 },
];

let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};

const map = L.map('map', { zoomAnimation: false }).setView([30.95, 121.85], 9);
const store = new PositionStore();
const places = Array.from({ length: trucks }, (_, i) => {
  const area = AREAS[i % AREAS.length] ?? { lat: 0, lon: 0, spread: 1 };
  return {
    lat: area.lat + (random() - 0.5) * area.spread,
    lon: area.lon + (random() - 0.5) * area.spread * 2,
  };
});
let clock = Date.now() - 60_000;
const fix = (i: number): Position => ({
  assetKind: 'VEHICLE',
  assetKey: `T${i}`,
  lat: places[i]?.lat ?? 0,
  lon: places[i]?.lon ?? 0,
  speedKnots: 10,
  courseDeg: null,
  headingDeg: null,
  status: null,
  fixAt: new Date(clock).toISOString(),
  source: 'JT808',
});
store.applyBatch(places.map((_, i) => fix(i)));
const layer = new AssetCanvasLayer(store);
layer.setLook((entry) => ({
  shape: 'dot',
  colour: COLOURS[Number(entry.position.assetKey.slice(1)) % COLOURS.length] ?? '#444',
}));
layer.addTo(map);

/** Every truck reporting every 10 s: a tenth of the fleet moves each second, in 10 batches. */
setInterval(() => {
  clock += 100;
  const batch: Position[] = [];
  for (let n = 0; n < trucks / 100; n++) {
    const i = Math.floor(random() * trucks);
    const place = places[i];
    if (!place) continue;
    place.lat += (random() - 0.5) * 0.001;
    place.lon += (random() - 0.5) * 0.001;
    batch.push(fix(i));
  }
  store.applyBatch(batch);
}, 100);
