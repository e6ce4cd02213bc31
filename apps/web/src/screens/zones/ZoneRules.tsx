import type { AlertRule, Zone } from '@harbor/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc, trpcClient } from '../../trpc.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import {
  kindRules,
  limitText,
  parseLimit,
  RULE_SLOTS,
  type RuleSlot,
  rulesOfZone,
  slotSettings,
} from './zone-rules.ts';

type Values = Record<RuleSlot, string>;

const LIMIT_SLOTS = ['truckSpeed', 'vesselSpeed', 'dwell'] as const;

/**
 * The caller's organization's rules aimed at one zone: truck and vessel speed limits, a dwell
 * limit and an alert on every entry, each one rule (`alertRules.*`) made, changed or deleted
 * as the form says. Rules watching zones by kind are named, not changed.
 */
export function ZoneRules({
  zone,
  rules,
  canEdit,
}: {
  zone: Zone;
  rules: readonly AlertRule[];
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation('zones');
  const id = useId();
  const queryClient = useQueryClient();
  const existing = rulesOfZone(rules, zone.id);
  const [values, setValues] = useState<Values>(() => ({
    truckSpeed: limitText('truckSpeed', existing.truckSpeed),
    vesselSpeed: limitText('vesselSpeed', existing.vesselSpeed),
    dwell: limitText('dwell', existing.dwell),
    entry: existing.entry ? 'on' : '',
  }));
  const [problem, setProblem] = useState<string | null>(null);
  const [isSaved, setSaved] = useState(false);
  const others = kindRules(rules, zone.kind);

  const save = useMutation({
    mutationFn: async (wanted: Record<RuleSlot, number | null>) => {
      for (const slot of RULE_SLOTS) {
        const rule = existing[slot];
        const limit = wanted[slot];
        if (limit === null) {
          if (rule) await trpcClient.alertRules.delete.mutate({ id: rule.id });
          continue;
        }
        const settings = slotSettings(slot, zone.id, limit);
        const name = t(`rules.name.${slot}`, { code: zone.code, limit });
        if (!rule) await trpcClient.alertRules.create.mutate({ name, ...settings });
        else if (limitText(slot, rule) !== String(limit) || !rule.enabled)
          await trpcClient.alertRules.update.mutate({
            id: rule.id,
            name,
            enabled: true,
            params: settings.params,
          });
      }
    },
    onSettled: () => queryClient.invalidateQueries(trpc.alertRules.list.pathFilter()),
    onSuccess: () => setSaved(true),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setSaved(false);
    const wanted = { entry: values.entry === 'on' ? 1 : null } as Record<RuleSlot, number | null>;
    for (const slot of LIMIT_SLOTS) {
      const limit = parseLimit(values[slot]);
      if (limit === 'invalid') {
        setProblem(t('invalidLimit'));
        return;
      }
      wanted[slot] = limit;
    }
    save.mutate(wanted);
  };

  return (
    <form className="zones-form zones-rules" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('rules.title')}</h3>
      <p className="hint">{t('rules.hint')}</p>
      {LIMIT_SLOTS.map((slot) => (
        <div className="zones-field" key={slot}>
          <label htmlFor={`${id}-${slot}`}>{t(`rules.${slot}`)}</label>
          <input
            id={`${id}-${slot}`}
            inputMode="decimal"
            value={values[slot]}
            placeholder={t('noLimit')}
            disabled={!canEdit}
            data-testid={`rule-${slot}`}
            onChange={(event) => setValues((v) => ({ ...v, [slot]: event.target.value }))}
          />
        </div>
      ))}
      <label className="zones-check">
        <input
          type="checkbox"
          checked={values.entry === 'on'}
          disabled={!canEdit}
          data-testid="rule-entry"
          onChange={(event) =>
            setValues((v) => ({ ...v, entry: event.target.checked ? 'on' : '' }))
          }
        />
        {t('rules.entry')}
      </label>
      {others.length > 0 ? (
        <p className="hint">
          {t('rules.otherRules', {
            names: new Intl.ListFormat(i18n.language).format(others.map((r) => r.name)),
          })}
        </p>
      ) : null}
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      {save.error ? (
        <p className="form-error" role="alert">
          <ErrorText error={save.error} />
        </p>
      ) : null}
      {isSaved && !save.isPending ? (
        <p className="hint" role="status" data-testid="rules-saved">
          {t('rules.saved')}
        </p>
      ) : null}
      {canEdit ? (
        <div className="zones-actions">
          <button type="submit" disabled={save.isPending} data-testid="rules-save">
            {save.isPending ? t('saving') : t('rules.save')}
          </button>
        </div>
      ) : null}
    </form>
  );
}
