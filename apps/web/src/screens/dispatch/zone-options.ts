import type { Terminal, Zone, ZoneKind } from '@harbor/shared';

/**
 * Where a truck picks up or drops off: gates, depots, warehouses and yard blocks, in this
 * order. Berths, anchorages, fairways, approaches and restricted areas are for ships.
 */
export const TRUCK_ZONE_KINDS = [
  'GATE',
  'DEPOT',
  'WAREHOUSE',
  'YARD_BLOCK',
] as const satisfies readonly ZoneKind[];
type TruckZoneKind = (typeof TRUCK_ZONE_KINDS)[number];

const isTruckZone = (zone: Zone): zone is Zone & { kind: TruckZoneKind } =>
  (TRUCK_ZONE_KINDS as readonly ZoneKind[]).includes(zone.kind);

/** The zones of one terminal (or of the port area, `terminal` null) of one kind. */
export type ZoneGroup = {
  key: string;
  terminal: Terminal | null;
  kind: TruckZoneKind;
  zones: Zone[];
};

/** The words a search may match besides codes and names: the kinds and terminals as shown. */
export type ZoneWords = {
  kind: (kind: TruckZoneKind) => string;
  name: (named: Zone | Terminal) => string;
};

const normalise = (text: string) => text.toLowerCase().replace(/[\s\-_·()]+/g, ' ');

/**
 * The zones a job may name, grouped by terminal (port-area zones first) and kind, keeping
 * those matching every word of `search` in their code, names (English and Chinese), kind or
 * terminal: "ysp4 gate", "闸口", "depot" all find what a dispatcher means.
 */
export function zoneGroups(
  zones: readonly Zone[],
  terminals: readonly Terminal[],
  search: string,
  words: ZoneWords,
): ZoneGroup[] {
  const terminalById = new Map(terminals.map((terminal) => [terminal.id, terminal]));
  const terms = normalise(search).split(' ').filter(Boolean);
  const groups = new Map<string, ZoneGroup>();
  for (const zone of zones) {
    if (!isTruckZone(zone)) continue;
    const terminal = zone.terminalId ? (terminalById.get(zone.terminalId) ?? null) : null;
    const haystack = normalise(
      [
        zone.code,
        zone.name,
        zone.nameZh ?? '',
        words.name(zone),
        words.kind(zone.kind),
        zone.kind,
        terminal
          ? `${terminal.code} ${terminal.name} ${terminal.nameZh ?? ''} ${words.name(terminal)}`
          : '',
      ].join(' '),
    );
    if (!terms.every((term) => haystack.includes(term))) continue;
    const key = `${terminal?.code ?? ''}/${zone.kind}`;
    const group = groups.get(key) ?? { key, terminal, kind: zone.kind, zones: [] };
    group.zones.push(zone);
    groups.set(key, group);
  }
  const kindOrder = (kind: TruckZoneKind) => TRUCK_ZONE_KINDS.indexOf(kind);
  return [...groups.values()]
    .sort(
      (a, b) =>
        (a.terminal ? 1 : 0) - (b.terminal ? 1 : 0) ||
        (a.terminal?.code ?? '').localeCompare(b.terminal?.code ?? '') ||
        kindOrder(a.kind) - kindOrder(b.kind),
    )
    .map((group) => ({
      ...group,
      zones: group.zones.sort((a, b) => a.code.localeCompare(b.code)),
    }));
}
