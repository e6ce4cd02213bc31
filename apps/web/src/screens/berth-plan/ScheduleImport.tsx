import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, trpc } from '../../trpc.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { importProblems } from './import-errors.ts';

const EXAMPLE = 'vessel,vessel name,voyage,terminal,berth,eta,etd';

/** Import a berth schedule CSV (pasted or a file): all or nothing, problems listed by line. */
export function ScheduleImport({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('berthPlan');
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState('');
  const importing = useMutation(
    trpc.visits.importSchedule.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.visits.pathFilter());
        void queryClient.invalidateQueries(trpc.dashboards.pathFilter());
      },
    }),
  );
  const problems = importing.error ? importProblems(fieldErrors(importing.error)) : [];
  return (
    <form
      className="panel berth-plan-import"
      aria-label={t('import.title')}
      onSubmit={(event) => {
        event.preventDefault();
        if (csv.trim()) importing.mutate({ csv });
      }}
    >
      <h2>{t('import.title')}</h2>
      <p className="hint">{t('import.hint', { header: EXAMPLE })}</p>
      <label>
        {t('import.file')}{' '}
        <input
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            if (file) setCsv(await file.text());
          }}
        />
      </label>
      <label className="berth-plan-import-text">
        {t('import.paste')}
        <textarea
          rows={8}
          value={csv}
          placeholder={EXAMPLE}
          onChange={(event) => setCsv(event.target.value)}
        />
      </label>
      <div className="toolbar">
        <button type="submit" className="primary" disabled={!csv.trim() || importing.isPending}>
          {importing.isPending ? t('import.sending') : t('import.submit')}
        </button>
        <button type="button" onClick={onClose}>
          {t('import.close')}
        </button>
      </div>
      {importing.data ? (
        <p role="status" data-testid="import-result">
          {t('import.done', {
            visits: importing.data.visitsCreated,
            vessels: importing.data.vesselsCreated,
          })}
        </p>
      ) : null}
      {importing.error ? (
        <div role="alert" data-testid="import-errors">
          <p className="form-error">
            {problems.length > 0 ? t('import.refused') : <ErrorText error={importing.error} />}
          </p>
          <ul className="berth-plan-problems">
            {problems.map((problem, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list shown once
              <li key={index} data-line={problem.line ?? undefined}>
                {problem.line === null
                  ? problem.field
                  : t('import.line', { line: problem.line, field: problem.field })}
                : {problem.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </form>
  );
}
