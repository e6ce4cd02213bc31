import type { AssetKind, HistoryRetention, Organization } from '@harbor/shared';
import { useTranslation } from 'react-i18next';
import type { FieldProblems } from '../../ui/field-problems.ts';
import { FormField } from '../../ui/form-field.tsx';
import { formatNumber } from '../../ui/format.ts';
import { daysText, KEEP_DAYS_FIELD, ruleDays, trackKinds } from './track-retention.ts';

/**
 * The days an organization's tracks of each kind are kept, empty for the default, with what
 * the days mean: raw fixes for the hot days, then compact tracks; a change applies to the
 * tracks compacted before it too, at the next history upkeep (within the hour).
 */
export function TrackRetentionFields({
  organization,
  retention,
  typed,
  problems,
  onChange,
}: {
  organization: Organization;
  retention: HistoryRetention;
  /** What the admin typed, by kind; a kind not typed in shows its rule. */
  typed: Partial<Record<AssetKind, string>>;
  problems: FieldProblems;
  onChange: (kind: AssetKind, text: string) => void;
}) {
  const { t, i18n } = useTranslation('organizations');
  const keepDays = formatNumber(retention.keepDays, i18n.language);
  return (
    <>
      {trackKinds(organization).map((kind) => (
        <FormField
          key={kind}
          label={t(`retention.field.${kind}`)}
          problem={problems[KEEP_DAYS_FIELD[kind]]}
          render={({ id, describedBy, invalid }) => (
            <input
              id={id}
              name={KEEP_DAYS_FIELD[kind]}
              inputMode="numeric"
              autoComplete="off"
              value={typed[kind] ?? daysText(ruleDays(retention, organization.id, kind))}
              placeholder={t('retention.default', { days: keepDays })}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              onChange={(event) => onChange(kind, event.target.value)}
            />
          )}
        />
      ))}
      <p className="hint">
        {t('retention.hint', {
          hotDays: formatNumber(retention.hotDays, i18n.language),
          keepDays,
        })}
      </p>
    </>
  );
}
