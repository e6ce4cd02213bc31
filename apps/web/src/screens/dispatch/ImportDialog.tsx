import { CSV_COLUMNS } from '@harbor/shared';
import { useMutation } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, trpc } from '../../trpc.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { Dialog } from './Dialog.tsx';
import { formatImportProblem, importProblems } from './import-errors.ts';

/** A CSV of jobs, pasted or from a file, imported all or nothing; problems listed by line. */
export function ImportDialog({
  onImported,
  onClose,
}: {
  onImported: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('dispatch');
  const [csv, setCsv] = useState('');
  const importCsv = useMutation(
    trpc.dispatch.import.mutationOptions({ onSuccess: () => onImported() }),
  );
  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) setCsv(await file.text());
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (csv.trim()) importCsv.mutate({ csv });
  };
  const problems = importCsv.error ? importProblems(fieldErrors(importCsv.error)) : [];
  const words = {
    line: (line: number) => t('import.line', { line }),
    file: t('import.file_scope'),
  };
  return (
    <Dialog title={t('import.title')} onClose={onClose} testId="import-jobs">
      <form className="dispatch-form" onSubmit={submit}>
        <p className="hint">{t('import.hint', { header: CSV_COLUMNS.join(',') })}</p>
        <label className="dispatch-field">
          {t('import.file')}
          <input type="file" accept=".csv,text/csv" onChange={(event) => void readFile(event)} />
        </label>
        <label className="dispatch-field">
          {t('import.paste')}
          <textarea
            value={csv}
            rows={8}
            spellCheck={false}
            className="dispatch-csv"
            onChange={(event) => setCsv(event.target.value)}
          />
        </label>
        {importCsv.data ? (
          <p role="status" className="dispatch-ok">
            {t('import.created', { count: importCsv.data.created })}
          </p>
        ) : null}
        {importCsv.error ? (
          <div role="alert" data-testid="import-errors">
            <p className="form-error">{t('import.refused')}</p>
            {problems.length === 0 ? (
              <p className="form-error">
                <ErrorText error={importCsv.error} />
              </p>
            ) : null}
            <ul className="dispatch-problems">
              {problems.map((problem) => (
                <li key={`${problem.line}:${problem.column}`} data-line={problem.line ?? undefined}>
                  {formatImportProblem(problem, words)}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="dispatch-form-actions">
          <button type="button" onClick={onClose}>
            {t('action.close')}
          </button>
          <button type="submit" className="primary" disabled={!csv.trim() || importCsv.isPending}>
            {t('import.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
