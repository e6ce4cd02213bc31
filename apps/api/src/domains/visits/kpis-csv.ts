import type { CsvLanguage, PortKpiFigures, PortKpis } from '@harbor/shared';
import { toCsv } from '../reports/csv.ts';

/** The header row in each language a download may ask for (`lang`). */
const HEADER: Record<CsvLanguage, string[]> = {
  en: [
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
  ],
  'zh-CN': [
    '码头',
    '日期',
    '泊位数',
    '到港艘次',
    '靠泊艘次',
    '锚地等待（小时）',
    '平均锚地等待（小时）',
    '在泊时间（小时）',
    '在泊船舶艘次',
    '泊位占用率',
    '离港艘次',
    '平均在港时间（小时）',
    '计划艘次',
    '准班',
    '准班率',
    '平均偏差（小时）',
  ],
};

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
export function portKpisCsv(kpis: PortKpis, language: CsvLanguage = 'en'): string {
  const period = `${kpis.from}/${kpis.to}`;
  return toCsv(HEADER[language], [
    ...kpis.rows.map((row) => [row.terminalCode, row.date, ...cells(row)]),
    ...kpis.terminals.map((terminal) => [terminal.terminalCode, period, ...cells(terminal)]),
    ['ALL', period, ...cells(kpis.total)],
  ]);
}
