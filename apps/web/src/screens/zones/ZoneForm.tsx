import {
  DRAWN_ZONE_KINDS,
  type DrawnZoneKind,
  type Terminal,
  type Zone,
  type ZoneKind,
} from '@harbor/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { localName } from '../../ui/local-name.ts';
import type { Ring } from './ZoneEditorLayer.tsx';
import { parseLimit } from './zone-rules.ts';

type Fields = {
  code: string;
  name: string;
  nameZh: string;
  kind: ZoneKind;
  terminalId: string;
  limitKnots: string;
  limitKmh: string;
};

const fieldsOf = (zone: Zone | null): Fields => ({
  code: zone?.code ?? '',
  name: zone?.name ?? '',
  nameZh: zone?.nameZh ?? '',
  kind: zone?.kind ?? 'RESTRICTED_AREA',
  terminalId: zone?.terminalId ?? '',
  limitKnots: zone?.speedLimitKnots == null ? '' : String(zone.speedLimitKnots),
  limitKmh: zone?.speedLimitKmh == null ? '' : String(zone.speedLimitKmh),
});

const isDrawnKind = (kind: ZoneKind): kind is DrawnZoneKind =>
  (DRAWN_ZONE_KINDS.options as readonly string[]).includes(kind);

/**
 * A zone's details: a new one (just drawn) or the selected one, with the outline edited on the
 * map. Saved with `port.createZone` / `port.updateZone`; deleted after a second click.
 */
export function ZoneForm({
  zone,
  ring,
  terminals,
  canEdit,
  onSaved,
  onDeleted,
}: {
  zone: Zone | null;
  ring: Ring | null;
  terminals: readonly Terminal[];
  canEdit: boolean;
  onSaved: (zone: Zone) => void;
  onDeleted: () => void;
}) {
  const { t, i18n } = useTranslation('zones');
  const id = useId();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState(() => fieldsOf(zone));
  const [isConfirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.port.zones.pathFilter());
  const create = useMutation(trpc.port.createZone.mutationOptions({ onSuccess: refresh }));
  const update = useMutation(trpc.port.updateZone.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.port.deleteZone.mutationOptions({ onSuccess: refresh }));
  const saving = create.isPending || update.isPending;
  const failure = create.error ?? update.error ?? remove.error;
  const isLaidOut = zone !== null && !isDrawnKind(zone.kind);
  const set = (name: keyof Fields) => (event: { target: { value: string } }) =>
    setFields((current) => ({ ...current, [name]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const limitKnots = parseLimit(fields.limitKnots);
    const limitKmh = parseLimit(fields.limitKmh);
    if (limitKnots === 'invalid' || limitKmh === 'invalid' || !ring) {
      setProblem(ring ? t('invalidLimit') : t('needsOutline'));
      return;
    }
    const common = {
      code: fields.code.trim(),
      name: fields.name.trim(),
      nameZh: fields.nameZh.trim() === '' ? null : fields.nameZh.trim(),
      terminalId: fields.terminalId === '' ? null : fields.terminalId,
      polygon: { type: 'Polygon' as const, coordinates: [ring] as [Ring] },
      speedLimitKnots: limitKnots,
      speedLimitKmh: limitKmh,
    };
    const kind = isDrawnKind(fields.kind) ? fields.kind : undefined;
    const saved = zone
      ? await update.mutateAsync({ id: zone.id, ...common, ...(isLaidOut ? {} : { kind }) })
      : await create.mutateAsync({ ...common, kind: kind ?? 'RESTRICTED_AREA' });
    onSaved(saved);
  };

  const confirmDelete = async () => {
    if (!zone) return;
    await remove.mutateAsync({ id: zone.id });
    onDeleted();
  };

  const field = (name: keyof Fields, label: string, extra: Record<string, unknown> = {}) => (
    <div className="zones-field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        value={fields[name]}
        onChange={set(name)}
        disabled={!canEdit}
        {...extra}
      />
    </div>
  );

  return (
    // A failed save or delete is shown from its mutation's error.
    <form className="zones-form" onSubmit={(event) => void submit(event).catch(() => {})}>
      {field('code', t('code'), { required: true, maxLength: 40, 'data-testid': 'zone-code' })}
      {field('name', t('name'), { required: true, maxLength: 100, 'data-testid': 'zone-name' })}
      {field('nameZh', t('nameZh'), {
        maxLength: 100,
        lang: 'zh-CN',
        'data-testid': 'zone-name-zh',
      })}
      <div className="zones-field">
        <label htmlFor={`${id}-kind`}>{t('kind')}</label>
        <select
          id={`${id}-kind`}
          value={fields.kind}
          onChange={set('kind')}
          disabled={!canEdit || isLaidOut}
          data-testid="zone-kind"
        >
          {(isLaidOut ? [fields.kind] : DRAWN_ZONE_KINDS.options).map((kind) => (
            <option key={kind} value={kind}>
              {t(`map:zoneKind.${kind}`)}
            </option>
          ))}
        </select>
        {isLaidOut ? <p className="hint">{t('kindFixed')}</p> : null}
      </div>
      <div className="zones-field">
        <label htmlFor={`${id}-terminal`}>{t('terminal')}</label>
        <select
          id={`${id}-terminal`}
          value={fields.terminalId}
          onChange={set('terminalId')}
          disabled={!canEdit}
        >
          <option value="">{t('noTerminal')}</option>
          {terminals.map((terminal) => (
            <option key={terminal.id} value={terminal.id}>
              {terminal.code} · {localName(terminal, i18n.language)}
            </option>
          ))}
        </select>
      </div>
      {field('limitKmh', t('limitKmh'), {
        inputMode: 'decimal',
        placeholder: t('noLimit'),
        'data-testid': 'zone-limit-kmh',
      })}
      {field('limitKnots', t('limitKnots'), {
        inputMode: 'decimal',
        placeholder: t('noLimit'),
        'data-testid': 'zone-limit-knots',
      })}
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      {failure ? (
        <p className="form-error" role="alert" data-testid="zone-error">
          <ErrorText error={failure} />
        </p>
      ) : null}
      {canEdit ? (
        <div className="zones-actions">
          <button type="submit" className="primary" disabled={saving} data-testid="zone-save">
            {saving ? t('saving') : t('save')}
          </button>
          {zone && !isLaidOut ? (
            isConfirming ? (
              <button
                type="button"
                className="danger"
                onClick={() => void confirmDelete().catch(() => setConfirming(false))}
              >
                {t('confirmDelete', { code: zone.code })}
              </button>
            ) : (
              <button type="button" onClick={() => setConfirming(true)}>
                {t('delete')}
              </button>
            )
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
