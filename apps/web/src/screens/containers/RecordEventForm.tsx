import { EquipmentEventTypeSchema } from '@harbor/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, trpc } from '../../trpc.ts';
import { errorText } from '../../ui/error-text.tsx';
import { localName } from '../../ui/local-name.ts';
import { type PortLookups, visitLabel } from './lookups.ts';
import { buildRecordInput, emptyRecordValues, type RecordEventValues } from './record-input.ts';

const FACILITY_KINDS = new Set(['GATE', 'DEPOT', 'WAREHOUSE']);

/** Operators record an equipment event; the api's refusal is shown as it gives it. */
export function RecordEventForm({ number, lookups }: { number: string; lookups: PortLookups }) {
  const { t, i18n } = useTranslation('containers');
  const queryClient = useQueryClient();
  const [values, setValues] = useState<RecordEventValues>(() => emptyRecordValues(new Date()));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const record = useMutation(
    trpc.containers.recordEvent.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.containers.pathFilter()),
          queryClient.invalidateQueries(trpc.yard.pathFilter()),
        ]);
      },
    }),
  );
  const apiErrors = record.error ? fieldErrors(record.error) : {};
  const set = (field: keyof RecordEventValues) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));
  const errorOf = (field: string): string | undefined => {
    if (localErrors[field]) return t(`record.${localErrors[field]}`);
    const messages = Object.entries(apiErrors)
      .filter(([key]) => key === field || key.startsWith(`${field}.`))
      .flatMap(([, list]) => list);
    return messages.length > 0 ? messages.join('; ') : undefined;
  };
  const fieldNames = [
    'eventType',
    'eventClassifier',
    'eventAt',
    'emptyIndicator',
    'isoSizeType',
    'terminalId',
    'zoneId',
    'slot',
    'vesselVisitId',
    'note',
  ];
  const otherApiErrors = Object.entries(apiErrors).filter(
    ([key]) => !fieldNames.some((field) => key === field || key.startsWith(`${field}.`)),
  );
  const hasFieldErrors = Object.keys(apiErrors).length > 0;
  const blocks = values.terminalId
    ? lookups.blocks.filter((block) => block.terminalId === values.terminalId)
    : lookups.blocks;

  function field(name: string, label: string, control: ReactNode) {
    const error = errorOf(name);
    return (
      // biome-ignore lint/a11y/noLabelWithoutControl: the control comes in as `control`
      <label className="containers-field" data-field={name}>
        <span>{label}</span>
        {control}
        {error ? (
          <span className="form-error" data-testid={`error-${name}`}>
            {error}
          </span>
        ) : null}
      </label>
    );
  }

  return (
    <form
      className="panel containers-record"
      aria-label={t('record.title')}
      data-testid="record-event-form"
      onSubmit={(event) => {
        event.preventDefault();
        const built = buildRecordInput(number, values);
        setLocalErrors(built.ok ? {} : built.errors);
        if (built.ok) record.mutate(built.input);
      }}
    >
      <h2>{t('record.title')}</h2>
      <div className="containers-record-grid">
        {field(
          'eventType',
          t('record.eventType'),
          <select
            value={values.eventType}
            onChange={set('eventType')}
            aria-invalid={Boolean(errorOf('eventType'))}
          >
            {EquipmentEventTypeSchema.options.map((type) => (
              <option key={type} value={type}>
                {type} · {t(`event.${type}`)}
              </option>
            ))}
          </select>,
        )}
        {field(
          'eventClassifier',
          t('record.classifier'),
          <select value={values.eventClassifier} onChange={set('eventClassifier')}>
            {(['ACT', 'PLN', 'EST'] as const).map((code) => (
              <option key={code} value={code}>
                {t(`classifier.${code}`)}
              </option>
            ))}
          </select>,
        )}
        {field(
          'eventAt',
          t('record.eventAt'),
          <input
            type="datetime-local"
            value={values.eventAt}
            onChange={set('eventAt')}
            aria-invalid={Boolean(errorOf('eventAt'))}
          />,
        )}
        {field(
          'emptyIndicator',
          t('record.emptyIndicator'),
          <select value={values.emptyIndicator} onChange={set('emptyIndicator')}>
            <option value="">{t('record.keep')}</option>
            <option value="EMPTY">{t('EMPTY')}</option>
            <option value="LADEN">{t('LADEN')}</option>
          </select>,
        )}
        {field(
          'isoSizeType',
          t('record.isoSizeType'),
          <input
            value={values.isoSizeType}
            onChange={set('isoSizeType')}
            maxLength={4}
            placeholder="22G1"
            aria-invalid={Boolean(errorOf('isoSizeType'))}
          />,
        )}
        {field(
          'terminalId',
          t('record.terminal'),
          <select
            value={values.terminalId}
            onChange={set('terminalId')}
            aria-invalid={Boolean(errorOf('terminalId'))}
          >
            <option value="">{t('record.choose')}</option>
            {lookups.terminals.map((terminal) => (
              <option key={terminal.id} value={terminal.id}>
                {terminal.code} · {localName(terminal, i18n.language)}
              </option>
            ))}
          </select>,
        )}
        {field(
          'zoneId',
          t('record.zone'),
          <select
            value={values.zoneId}
            onChange={set('zoneId')}
            aria-invalid={Boolean(errorOf('zoneId'))}
          >
            <option value="">{t('record.choose')}</option>
            {lookups.zones
              .filter((zone) => FACILITY_KINDS.has(zone.kind))
              .map((zone) => (
                <option key={zone.id} value={zone.id}>
                  {zone.code} · {localName(zone, i18n.language)}
                </option>
              ))}
          </select>,
        )}
        {field(
          'vesselVisitId',
          t('record.visit'),
          <select
            value={values.vesselVisitId}
            onChange={set('vesselVisitId')}
            aria-invalid={Boolean(errorOf('vesselVisitId'))}
          >
            <option value="">{t('record.choose')}</option>
            {lookups.visits.map((visit) => (
              <option key={visit.id} value={visit.id}>
                {visitLabel(visit, visit.id)} · {visit.terminalCode ?? ''} · {visit.status}
              </option>
            ))}
          </select>,
        )}
        {field(
          'slot',
          t('record.block'),
          <span className="containers-slot">
            <select
              value={values.yardBlockId}
              onChange={set('yardBlockId')}
              aria-label={t('record.block')}
            >
              <option value="">{t('record.choose')}</option>
              {blocks.map((block) => (
                <option key={block.id} value={block.id}>
                  {block.terminalCode} {block.code}
                </option>
              ))}
            </select>
            <input
              type="number"
              min={1}
              value={values.bay}
              onChange={set('bay')}
              aria-label={t('record.bay')}
              placeholder={t('record.bay')}
            />
            <input
              type="number"
              min={1}
              value={values.row}
              onChange={set('row')}
              aria-label={t('record.row')}
              placeholder={t('record.row')}
            />
            <input
              type="number"
              min={1}
              value={values.tier}
              onChange={set('tier')}
              aria-label={t('record.tier')}
              placeholder={t('record.tier')}
            />
          </span>,
        )}
        {field(
          'note',
          t('record.note'),
          <input value={values.note} onChange={set('note')} maxLength={500} />,
        )}
      </div>
      <div className="toolbar">
        <button type="submit" className="primary" disabled={record.isPending}>
          {record.isPending ? t('record.saving') : t('record.submit')}
        </button>
        {record.isSuccess ? (
          <span role="status" className="badge ok" data-testid="record-event-done">
            {t('record.recorded', { event: t(`event.${record.data.event.eventType}`) })}
          </span>
        ) : null}
      </div>
      {record.error && (!hasFieldErrors || otherApiErrors.length > 0) ? (
        <div role="alert" className="containers-refusal" data-testid="record-event-error">
          {t('record.refused', {
            message:
              otherApiErrors.length > 0
                ? otherApiErrors.map(([key, list]) => `${key}: ${list.join('; ')}`).join(' · ')
                : errorText(record.error),
          })}
        </div>
      ) : null}
    </form>
  );
}
