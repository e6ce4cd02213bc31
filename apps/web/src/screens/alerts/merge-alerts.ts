import { type Alert, type AlertKind, AlertKindSchema, type AlertSeverity } from '@harbor/shared';

export type AlertFilters = {
  /** open: not acknowledged; acknowledged: acknowledged; null: both. */
  state: 'open' | 'acknowledged' | null;
  kind: AlertKind | null;
  severity: AlertSeverity | null;
};

/** Every kind of alert, in the api's order: the filter's choices and what the URL may name. */
export const ALERT_KINDS: readonly AlertKind[] = AlertKindSchema.options;
const SEVERITIES: readonly AlertSeverity[] = ['INFO', 'WARNING', 'CRITICAL'];

/** The filters in the URL (`?state=open&kind=SPEEDING&severity=CRITICAL`); unknown values are ignored. */
export function parseFilters(params: URLSearchParams): AlertFilters {
  const state = params.get('state');
  return {
    state: state === 'open' || state === 'acknowledged' ? state : null,
    kind: ALERT_KINDS.find((kind) => kind === params.get('kind')) ?? null,
    severity: SEVERITIES.find((severity) => severity === params.get('severity')) ?? null,
  };
}

export function matchesFilters(alert: Alert, filters: AlertFilters): boolean {
  if (filters.state === 'open' && alert.acknowledgedAt !== null) return false;
  if (filters.state === 'acknowledged' && alert.acknowledgedAt === null) return false;
  if (filters.kind && alert.kind !== filters.kind) return false;
  if (filters.severity && alert.severity !== filters.severity) return false;
  return true;
}

/** Newest first, as the api pages them (raised time, then id, descending). */
function newestFirst(a: Alert, b: Alert): number {
  const byTime = Date.parse(b.raisedAt) - Date.parse(a.raisedAt);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The listed pages with what arrived live: one entry per id, the live version winning (it
 * may carry an acknowledgement the page has not), newest first, filtered like the list.
 */
export function mergeAlerts(listed: Alert[], live: Alert[], filters: AlertFilters): Alert[] {
  const byId = new Map<string, Alert>();
  for (const alert of listed) byId.set(alert.id, alert);
  for (const alert of live) byId.set(alert.id, alert);
  return [...byId.values()].filter((alert) => matchesFilters(alert, filters)).sort(newestFirst);
}

/**
 * Adds a batch of live alerts to those kept (bounded to `max`, newest first): a later
 * version of an alert replaces the earlier one.
 */
export function addLive(kept: Alert[], batch: Alert[], max = 500): Alert[] {
  const byId = new Map(kept.map((alert) => [alert.id, alert]));
  for (const alert of batch) byId.set(alert.id, alert);
  return [...byId.values()].sort(newestFirst).slice(0, max);
}

/**
 * What `alerts.markSeen` is told the screen showed: up to the newest of these alerts' raising,
 * or, with none shown, until the api takes the call.
 */
export function newestRaised(alerts: readonly Pick<Alert, 'raisedAt'>[]): { upTo?: string } {
  let newest: string | undefined;
  for (const alert of alerts)
    if (newest === undefined || Date.parse(alert.raisedAt) > Date.parse(newest))
      newest = alert.raisedAt;
  return newest === undefined ? {} : { upTo: newest };
}
