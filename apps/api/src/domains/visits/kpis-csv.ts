import type { PortKpiFigures, PortKpis } from '@harbor/shared';
import { toCsv } from '../reports/csv.ts';

const HEADER = [
  'terminal',
  'date',
  'berths',
  'arrivals',
  'berthings',
  'anchorage wait h',
  'mean anchorage wait h',
  'time at berth h',
  'calls at berth',
  'berth occupancy',
  'departures',
  'mean turnaround h',
  'scheduled calls',
  'on time',
  'on-time share',
  'mean abs deviation h',
];

const round = (value: number | null, digits: number) =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;
const hours = (value: number | null) => round(value, 2);
const share = (value: number | null) => round(value, 3);

function cells(figures: PortKpiFigures): (number | null)[] {
  return [
    figures.berths,
    figures.arrivals,
    figures.berthings,
    hours(figures.anchorageWaitHours),
    hours(figures.meanAnchorageWaitHours),
    hours(figures.berthHours),
    figures.callsAtBerth,
    share(figures.occupancy),
    figures.departures,
    hours(figures.meanTurnaroundHours),
    figures.scheduledCalls,
    figures.onTimeCalls,
    share(figures.onTimeShare),
    hours(figures.meanAbsDeviationHours),
  ];
}

/**
 * The port KPIs as CSV: a line per terminal and day, then each terminal's period (its date
 * the ISO 8601 interval `from/to`), then all terminals' (terminal `ALL`). Hours to 2
 * decimals, shares (0..1) to 3; an empty cell where there was nothing to average.
 */
export function portKpisCsv(kpis: PortKpis): string {
  const period = `${kpis.from}/${kpis.to}`;
  return toCsv(HEADER, [
    ...kpis.rows.map((row) => [row.terminalCode, row.date, ...cells(row)]),
    ...kpis.terminals.map((terminal) => [terminal.terminalCode, period, ...cells(terminal)]),
    ['ALL', period, ...cells(kpis.total)],
  ]);
}
