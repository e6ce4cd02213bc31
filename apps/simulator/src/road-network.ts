import { distanceM, type LonLat } from '@harbor/shared';
import { frameOf, gateOf, type Port, TERMINALS, type Terminal, yardDepthM } from './geography.ts';

/**
 * The roads trucks drive: the Donghai Bridge from the Luchaogang gate to Xiaoyangshan, the
 * island road behind the Yangshan terminals, the Lingang depots and bonded warehouse (seed
 * zones DHB-GATE, LCG-DEPOT, LG-DEPOT, YSBZ-WH1), and the roads behind the Waigaoqiao
 * terminals with a free-trade-zone warehouse and a depot of the simulator's own.
 */
export type RoadClass = 'bridge' | 'road' | 'terminal';

export type RoadNode = { id: string; at: LonLat; port: Port; isGate: boolean; altitudeM: number };
type Edge = { to: string; lengthM: number; roadClass: RoadClass };

export type RouteLeg = { from: RoadNode; to: RoadNode; roadClass: RoadClass };

const nodes = new Map<string, RoadNode>();
const edges = new Map<string, Edge[]>();

function node(id: string, at: LonLat, port: Port, isGate = false, altitudeM = 5): void {
  nodes.set(id, { id, at, port, isGate, altitudeM });
  edges.set(id, []);
}

function link(roadClass: RoadClass, ...ids: string[]): void {
  for (let i = 1; i < ids.length; i++) {
    const a = nodes.get(ids[i - 1] as string);
    const b = nodes.get(ids[i] as string);
    if (!a || !b) throw new RangeError(`no road node ${ids[i - 1]} or ${ids[i]}`);
    const lengthM = distanceM(a.at, b.at);
    edges.get(a.id)?.push({ to: b.id, lengthM, roadClass });
    edges.get(b.id)?.push({ to: a.id, lengthM, roadClass });
  }
}

for (const terminal of TERMINALS) {
  const frame = frameOf(terminal);
  node(`${terminal.code}-GATE`, gateOf(terminal), terminal.port, true);
  // The public road runs 250 m behind the gate.
  node(
    `${terminal.code}-ROAD`,
    frame.at(frame.lengthM / 2, yardDepthM(terminal) + 310),
    terminal.port,
  );
  link('terminal', `${terminal.code}-GATE`, `${terminal.code}-ROAD`);
}

// Yangshan: the island road west to east, and the bridge landing near the Shengdong terminals.
node('YS-LANDING', [122.062, 30.642], 'YANGSHAN', false, 8);
link('road', 'YSP4-ROAD', 'YSP3-ROAD', 'YSP2-ROAD', 'YSP1-ROAD');
link('road', 'YSP2-ROAD', 'YS-LANDING');
// Donghai Bridge (32.5 km), its deck about 40 m above the sea at the main navigation span.
node('DHB-S', [122.035, 30.685], 'YANGSHAN', false, 22);
node('DHB-SPAN', [121.975, 30.755], 'YANGSHAN', false, 40);
node('DHB-N', [121.94, 30.815], 'YANGSHAN', false, 22);
node('DHB-GATE', [121.9055, 30.8705], 'YANGSHAN', true);
node('LINGANG-JCT', [121.912, 30.878], 'YANGSHAN');
node('LCG-DEPOT', [121.894, 30.866], 'YANGSHAN');
node('LG-DEPOT', [121.918, 30.892], 'YANGSHAN');
node('YSBZ-WH1', [121.935, 30.88], 'YANGSHAN');
link('bridge', 'YS-LANDING', 'DHB-S', 'DHB-SPAN', 'DHB-N', 'DHB-GATE');
link('road', 'DHB-GATE', 'LINGANG-JCT');
link('road', 'LINGANG-JCT', 'LCG-DEPOT');
link('road', 'LINGANG-JCT', 'LG-DEPOT');
link('road', 'LINGANG-JCT', 'YSBZ-WH1');

// Waigaoqiao: the road behind the three terminals, the free trade zone and a depot inland.
node('WGQ-JCT', [121.583, 31.342], 'WAIGAOQIAO');
node('WGQ-FTZ-WH', [121.592, 31.331], 'WAIGAOQIAO');
node('GQ-DEPOT', [121.566, 31.348], 'WAIGAOQIAO');
link('road', 'WGQ1-ROAD', 'WGQ4-ROAD', 'WGQ5-ROAD');
link('road', 'WGQ1-ROAD', 'WGQ-JCT');
link('road', 'WGQ-JCT', 'WGQ-FTZ-WH');
link('road', 'WGQ-JCT', 'GQ-DEPOT');

export function roadNode(id: string): RoadNode {
  const found = nodes.get(id);
  if (!found) throw new RangeError(`no road node ${id}`);
  return found;
}

/** Depots and warehouses of a port's hinterland: where boxes are stuffed, stripped and stored empty. */
export const OFF_DOCK: Record<Port, { depots: string[]; warehouses: string[] }> = {
  YANGSHAN: { depots: ['LCG-DEPOT', 'LG-DEPOT'], warehouses: ['YSBZ-WH1'] },
  WAIGAOQIAO: { depots: ['GQ-DEPOT'], warehouses: ['WGQ-FTZ-WH'] },
};

export function terminalsOf(port: Port): Terminal[] {
  return TERMINALS.filter((terminal) => terminal.port === port);
}

const routes = new Map<string, RouteLeg[]>();

/** The shortest road route between two nodes (Dijkstra over a few dozen nodes, cached). */
export function route(fromId: string, toId: string): RouteLeg[] {
  const key = `${fromId}>${toId}`;
  const cached = routes.get(key);
  if (cached) return cached;
  const distance = new Map<string, number>([[fromId, 0]]);
  const previous = new Map<string, { id: string; roadClass: RoadClass }>();
  const open = new Set<string>([fromId]);
  while (open.size > 0) {
    let current = '';
    let best = Number.POSITIVE_INFINITY;
    for (const id of open) {
      const d = distance.get(id) ?? Number.POSITIVE_INFINITY;
      if (d < best) [current, best] = [id, d];
    }
    open.delete(current);
    if (current === toId) break;
    for (const edge of edges.get(current) ?? []) {
      const d = best + edge.lengthM;
      if (d < (distance.get(edge.to) ?? Number.POSITIVE_INFINITY)) {
        distance.set(edge.to, d);
        previous.set(edge.to, { id: current, roadClass: edge.roadClass });
        open.add(edge.to);
      }
    }
  }
  if (fromId !== toId && !previous.has(toId))
    throw new RangeError(`no road from ${fromId} to ${toId}`);
  const legs: RouteLeg[] = [];
  for (let id = toId; id !== fromId; ) {
    const step = previous.get(id) as { id: string; roadClass: RoadClass };
    legs.unshift({ from: roadNode(step.id), to: roadNode(id), roadClass: step.roadClass });
    id = step.id;
  }
  routes.set(key, legs);
  return legs;
}
