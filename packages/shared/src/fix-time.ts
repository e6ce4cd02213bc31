/**
 * When a fix's own time can be believed. A device's clock is an external input like any
 * other: a terminal with a wrong clock (or a GPS week-number rollover, or a forged report)
 * can date a position years away. Harbor judges a fix's time against the time it received it.
 */

/**
 * A fix dated more than this after its receipt is refused: no position is taken in the
 * future, and one dated in year 9999 would otherwise stay an asset's latest position for
 * ever (nothing newer could replace it). A few minutes allow for a device clock running fast.
 */
export const MAX_FIX_AHEAD_MS = 5 * 60_000;

/**
 * A fix older than this at its receipt is history only: it is stored, and a track or report
 * shows it, but it does not become the asset's latest position, cross geofences, raise
 * alerts or move jobs, and the live map does not show it. A day covers a terminal's
 * blind-area upload after a night out of coverage; older fixes are a log being replayed
 * or a clock gone wrong, not where the asset is.
 */
export const HISTORY_ONLY_AFTER_MS = 24 * 3_600_000;

/** GPS time began on 6 January 1980: no satellite fix is older. */
export const GPS_EPOCH = new Date('1980-01-06T00:00:00Z');

/** Why a fix's time is refused, or null when it may be stored. */
export function fixTimeProblem(fixAt: Date, receivedAt: Date): string | null {
  const fixMs = fixAt.getTime();
  if (Number.isNaN(fixMs)) return 'the fix has no valid time';
  if (fixMs < GPS_EPOCH.getTime())
    return `the fix is dated ${fixAt.toISOString()}, before satellite positioning began: check the device's clock`;
  if (fixMs - receivedAt.getTime() > MAX_FIX_AHEAD_MS)
    return `the fix is dated ${fixAt.toISOString()}, more than ${MAX_FIX_AHEAD_MS / 60_000} minutes after it was received (${receivedAt.toISOString()}): check the device's clock`;
  return null;
}

/** Whether a fix goes to history only (see HISTORY_ONLY_AFTER_MS). */
export function isHistoryOnly(fix: { fixAt: Date; receivedAt: Date }): boolean {
  return fix.receivedAt.getTime() - fix.fixAt.getTime() > HISTORY_ONLY_AFTER_MS;
}

/**
 * The ISO 8601 strings made lately, by milliseconds since the epoch. `toISOString` costs
 * about a microsecond, which the live cache paid for every fix; fixes cluster on a few recent
 * seconds (terminals report on the second, a fleet in the same seconds), so the strings come
 * back from here (docs/benchmarks.md, issue 20). Bounded: cleared when full.
 */
const madeIsoTimes = new Map<number, string>();
const ISO_TIMES_KEPT = 4096;
let lastMs = Number.NaN;
let lastIso = '';

/** `new Date(ms).toISOString()`, the same string for the same time while it is kept. */
export function isoTime(ms: number): string {
  if (ms === lastMs) return lastIso;
  let iso = madeIsoTimes.get(ms);
  if (iso === undefined) {
    iso = new Date(ms).toISOString();
    if (madeIsoTimes.size >= ISO_TIMES_KEPT) madeIsoTimes.clear();
    madeIsoTimes.set(ms, iso);
  }
  lastMs = ms;
  lastIso = iso;
  return iso;
}
