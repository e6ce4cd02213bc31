import {
  type AssetKind,
  type HistoryRetention,
  type Organization,
  SetTrackRetentionInput,
} from '@harbor/shared';
import type { FieldProblems } from '../../ui/field-problems.ts';

/**
 * The kinds of track an organization has its own rule for: its trucks, and on the port
 * authority also the ships heard on AIS, which are the port's (the api refuses a ship rule
 * elsewhere: `history.vessels-are-port-data`).
 */
export function trackKinds(organization: Pick<Organization, 'kind'>): AssetKind[] {
  return organization.kind === 'PORT_AUTHORITY' ? ['VEHICLE', 'VESSEL'] : ['VEHICLE'];
}

/** An organization's own days for its tracks of one kind; null where it keeps the default. */
export function ruleDays(
  retention: HistoryRetention,
  organizationId: string,
  assetKind: AssetKind,
): number | null {
  return (
    retention.rules.find(
      (rule) => rule.organizationId === organizationId && rule.assetKind === assetKind,
    )?.keepDays ?? null
  );
}

/** The days as a field shows them: empty for the default. */
export function daysText(days: number | null): string {
  return days === null ? '' : String(days);
}

/**
 * What to send for the fields the admin typed in (`typed`, by kind; a kind not typed in is
 * left as it is): empty is null (back to the default), anything else a number for the shared
 * contract to check (NaN for what is no number). Only kinds whose days differ from the rule.
 */
export function retentionChanges(
  retention: HistoryRetention,
  organizationId: string,
  typed: Partial<Record<AssetKind, string>>,
): SetTrackRetentionInput[] {
  const changes: SetTrackRetentionInput[] = [];
  for (const [assetKind, text] of Object.entries(typed) as [AssetKind, string][]) {
    const trimmed = text.trim();
    const keepDays = trimmed === '' ? null : Number(trimmed);
    if (keepDays !== ruleDays(retention, organizationId, assetKind))
      changes.push({ organizationId, assetKind, keepDays });
  }
  return changes;
}

/** The form field of each kind's days, as named in the dialog (and its problems). */
export const KEEP_DAYS_FIELD: Record<AssetKind, string> = {
  VEHICLE: 'truckKeepDays',
  VESSEL: 'vesselKeepDays',
};

/**
 * Each change refused by the shared contract (no whole number, out of range), at its kind's
 * field, in `rule`'s words: the generic texts speak of characters, not days.
 */
export function retentionProblems(
  changes: readonly SetTrackRetentionInput[],
  rule: string,
): FieldProblems {
  const problems: FieldProblems = {};
  for (const change of changes)
    if (!SetTrackRetentionInput.safeParse(change).success)
      problems[KEEP_DAYS_FIELD[change.assetKind]] = rule;
  return problems;
}
