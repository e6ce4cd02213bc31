import { AnswerInspectionInput, type SupervisionRequest } from '@harbor/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type CellContext,
  createColumnHelper,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  type Table,
  useReactTable,
} from '@tanstack/react-table';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { DataTable } from '../../ui/data-table.tsx';
import { ErrorText } from '../../ui/error-text.tsx';
import { type FieldProblems, problemsOf, problemsOfError } from '../../ui/field-problems.ts';
import { formatDateTime } from '../../ui/format.ts';
import { QueryState } from '../../ui/states.tsx';
import { useCompanyVehicles, useSupervisionRequests } from './supervision-data.ts';

/** What the rows' cells need from the screen (the table's `meta`). */
type Meta = { mayAnswer: boolean; plateOf: (vehicleId: string) => string | undefined };

const metaOf = (table: Table<SupervisionRequest>) => table.options.meta as Meta;

const NO_REQUESTS: SupervisionRequest[] = [];

function Title({ id }: { id: string }) {
  const { t } = useTranslation('supervision');
  return <>{t(`requests.column.${id}`)}</>;
}

function TimeCell({ getValue }: CellContext<SupervisionRequest, string>) {
  const { i18n } = useTranslation();
  return <time dateTime={getValue()}>{formatDateTime(getValue(), i18n.language, 'seconds')}</time>;
}

function KindCell({ row }: CellContext<SupervisionRequest, string>) {
  const { t } = useTranslation('supervision');
  const { kind, answeredAt } = row.original;
  const waiting = kind === 'INSPECTION' && answeredAt === null;
  return (
    <span
      className={`badge ${waiting ? 'warn' : ''}`}
      data-testid="supervision-request-kind"
      data-kind={kind}
    >
      {t(`requests.kind.${kind}`)}
    </span>
  );
}

function ContentCell({ row, table }: CellContext<SupervisionRequest, string>) {
  const { t } = useTranslation('supervision');
  const { content, vehicleId } = row.original;
  const plate = vehicleId ? metaOf(table).plateOf(vehicleId) : undefined;
  return (
    <span className="supervision-content" data-testid="supervision-request-content">
      {plate ? <span className="hint">{t('requests.vehicle', { plate })} </span> : null}
      {content}
    </span>
  );
}

/** An unanswered inspection's answer (`supervision.answer`), sent on the link's next round. */
function AnswerForm({ request }: { request: SupervisionRequest }) {
  const { t, i18n } = useTranslation('supervision');
  const queryClient = useQueryClient();
  const [answer, setAnswer] = useState('');
  const [problems, setProblems] = useState<FieldProblems>({});
  const send = useMutation(
    trpc.supervision.answer.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.supervision.requests.pathFilter()),
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = { id: request.id, answer };
    const found = problemsOf(AnswerInspectionInput, input, t);
    setProblems(found);
    if (Object.keys(found).length === 0) send.mutate(AnswerInspectionInput.parse(input));
  };
  const problem = problems.answer ?? problemsOfError(send.error, t).answer;
  return (
    <form className="supervision-answer" onSubmit={submit} noValidate>
      <input
        name="answer"
        value={answer}
        maxLength={1_000}
        autoComplete="off"
        placeholder={t('requests.answerPlaceholder')}
        aria-label={t('requests.answerLabel', {
          at: formatDateTime(request.receivedAt, i18n.language, 'seconds'),
        })}
        aria-invalid={problem ? true : undefined}
        data-testid="supervision-answer-input"
        onChange={(event) => {
          send.reset();
          setAnswer(event.target.value);
        }}
      />
      <button
        type="submit"
        className="primary"
        disabled={send.isPending}
        data-testid="supervision-answer-submit"
      >
        {t('requests.answer')}
      </button>
      {problem ? (
        <span className="form-error" role="alert" data-testid="supervision-answer-error">
          {problem}
        </span>
      ) : send.error ? (
        <span className="form-error" role="alert" data-testid="supervision-answer-error">
          <ErrorText error={send.error} />
        </span>
      ) : null}
    </form>
  );
}

function AnswerCell({ row, table }: CellContext<SupervisionRequest, unknown>) {
  const { t, i18n } = useTranslation('supervision');
  const request = row.original;
  if (request.kind !== 'INSPECTION') return <>—</>;
  if (request.answeredAt === null)
    return metaOf(table).mayAnswer ? (
      <AnswerForm request={request} />
    ) : (
      <span className="badge warn">{t('requests.unanswered')}</span>
    );
  const at = (iso: string | null) => formatDateTime(iso, i18n.language, 'seconds');
  return (
    <span className="supervision-answered">
      <span data-testid="supervision-answer">{request.answer}</span>
      <span className="hint">{t('requests.answeredAt', { at: at(request.answeredAt) })}</span>
      <span
        className="hint"
        data-testid="supervision-answer-sent"
        data-sent={request.sentAt !== null}
      >
        {request.sentAt ? t('requests.sentAt', { at: at(request.sentAt) }) : t('requests.notSent')}
      </span>
    </span>
  );
}

const column = createColumnHelper<SupervisionRequest>();
const COLUMNS = [
  column.accessor('receivedAt', { header: () => <Title id="receivedAt" />, cell: TimeCell }),
  column.accessor('kind', { header: () => <Title id="kind" />, cell: KindCell }),
  column.accessor('content', {
    header: () => <Title id="content" />,
    cell: ContentCell,
    enableSorting: false,
  }),
  column.display({ id: 'answer', header: () => <Title id="answer" />, cell: AnswerCell }),
];

/**
 * What the platform sent the company (`supervision.requests`): inspections (查岗) to answer,
 * messages between the platforms and for a vehicle. Administrators and dispatchers answer.
 */
export function RequestsTable({ mayAnswer }: { mayAnswer: boolean }) {
  const { t } = useTranslation('supervision');
  const requests = useSupervisionRequests();
  const vehicles = useCompanyVehicles();
  const [sorting, setSorting] = useState<SortingState>([{ id: 'receivedAt', desc: true }]);
  const plates = useMemo(
    () => new Map((vehicles.data ?? []).map((vehicle) => [vehicle.id, vehicle.plate])),
    [vehicles.data],
  );
  const meta = useMemo<Meta>(
    () => ({ mayAnswer, plateOf: (id) => plates.get(id) }),
    [mayAnswer, plates],
  );
  const table = useReactTable({
    data: requests.data ?? NO_REQUESTS,
    columns: COLUMNS,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: (request) => request.id,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    meta,
  });
  return (
    <section
      className="panel admin-section"
      aria-labelledby="supervision-requests-title"
      data-testid="supervision-requests-section"
    >
      <h2 id="supervision-requests-title">{t('requests.title')}</h2>
      <p className="hint">{t('requests.explain')}</p>
      <QueryState query={requests} isEmpty={(list) => list.length === 0} empty={t('requests.none')}>
        {() => (
          <DataTable table={table} caption={t('requests.title')} testId="supervision-requests" />
        )}
      </QueryState>
    </section>
  );
}
