import { daysBetween, PORT_KPIS_MAX_DAYS } from '@harbor/shared';

/** The days the KPIs cover (port days, `YYYY-MM-DD`, both counted) and the terminal chosen. */
export type KpiView = { from: string; to: string; terminalId: string | null };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The days shown when the URL names none: the last week, today included. */
export const DEFAULT_DAYS = 7;

/** A local calendar date as `YYYY-MM-DD`. */
export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const isDate = (value: string | null): value is string =>
  value !== null && DATE.test(value) && !Number.isNaN(Date.parse(value));

/** `?from=&to=&terminal=` from the URL, else the last DEFAULT_DAYS days up to today. */
export function kpiViewFromParams(params: URLSearchParams, today: Date): KpiView {
  const from = params.get('from');
  const to = params.get('to');
  const terminalId = params.get('terminal') || null;
  if (isDate(from) && isDate(to)) return { from, to, terminalId };
  const first = new Date(today.getFullYear(), today.getMonth(), today.getDate() - DEFAULT_DAYS + 1);
  return { from: localDate(first), to: localDate(today), terminalId };
}

/** Why the api would refuse the days, if it would. */
export function kpiViewProblem(view: KpiView): 'order' | 'tooLong' | null {
  if (view.to < view.from) return 'order';
  if (daysBetween(view.from, view.to) > PORT_KPIS_MAX_DAYS) return 'tooLong';
  return null;
}

/** The CSV download of what is shown (same origin: the session cookie goes along). */
export function kpiCsvHref(view: KpiView, language = 'en'): string {
  const query = new URLSearchParams({ from: view.from, to: view.to });
  if (view.terminalId) query.set('terminalId', view.terminalId);
  // The header row in the user's language.
  if (language === 'zh-CN') query.set('lang', 'zh-CN');
  return `/reports/port-kpis.csv?${query.toString()}`;
}

/** Hours with one decimal (`16.8`), a dash when there was nothing to average. */
export function formatHours(hours: number | null, language: string): string {
  if (hours === null) return '—';
  return new Intl.NumberFormat(language, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(hours);
}
