import { type DispatchJob, type DispatchJobStatus, DispatchJobStatusSchema } from '@harbor/shared';
import {
  type CellContext,
  createColumnHelper,
  type FilterFn,
  type SortingFn,
  type Table,
} from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import { localName } from '../../ui/local-name.ts';
import type { JobColumnId } from './board-url.ts';
import { formatLocalTime, jobMatchesSearch } from './format.ts';
import type { Lateness } from './lateness.ts';
import { canAssign, jobStatusTone, manualTransitions } from './transitions.ts';

/** What the job rows' cells need from the board (passed as the table's `meta`). */
export type JobsTableMeta = {
  canEdit: boolean;
  onOpen: (job: DispatchJob) => void;
  onAssign: (job: DispatchJob) => void;
  onMove: (job: DispatchJob) => void;
  onMessage: (job: DispatchJob) => void;
  /** Whether the job keeps its window (lateness.ts), with the live ETAs and the clock. */
  latenessOf: (job: DispatchJob) => Lateness;
};

const metaOf = (table: Table<DispatchJob>) => table.options.meta as JobsTableMeta | undefined;

const STATUS_ORDER = new Map(
  DispatchJobStatusSchema.options.map((status, index) => [status, index]),
);

/** Statuses sort along the job's life, not alphabetically. */
const byStatusOrder: SortingFn<DispatchJob> = (a, b) =>
  (STATUS_ORDER.get(a.original.status) ?? 0) - (STATUS_ORDER.get(b.original.status) ?? 0);

/** The board's text filter: reference or container number. */
export const jobSearchFilter: FilterFn<DispatchJob> = (row, _columnId, value) =>
  jobMatchesSearch(row.original, String(value ?? ''));

export function ColumnTitle({ id }: { id: JobColumnId | 'actions' }) {
  const { t } = useTranslation('dispatch');
  return <>{t(`column.${id}`)}</>;
}

export function JobStatusBadge({ status }: { status: DispatchJobStatus }) {
  const { t } = useTranslation('dispatch');
  return (
    <span
      className={`badge ${jobStatusTone(status)}`}
      data-testid="job-status"
      data-status={status}
    >
      {t(`status.${status}`)}
    </span>
  );
}

/** A job that will miss or has missed its window; nothing for one on time. */
export function LateBadge({ lateness }: { lateness: Lateness }) {
  const { t } = useTranslation('dispatch');
  if (!lateness) return null;
  return (
    <span
      className={`badge ${lateness === 'missed' ? 'bad' : 'warn'} dispatch-late`}
      data-testid="job-late"
      data-lateness={lateness}
      title={t(`late.${lateness}Hint`)}
    >
      {t(`late.${lateness}`)}
    </span>
  );
}

function TimeCell({ getValue }: CellContext<DispatchJob, string>) {
  const { i18n } = useTranslation();
  return <>{formatLocalTime(getValue(), i18n.language)}</>;
}

function ReferenceCell({ row, table }: CellContext<DispatchJob, string>) {
  const { t } = useTranslation('dispatch');
  const job = row.original;
  const meta = metaOf(table);
  return (
    <span className="dispatch-reference">
      <button
        type="button"
        className="dispatch-link"
        aria-label={t('action.open', { reference: job.reference })}
        onClick={() => meta?.onOpen(job)}
      >
        {job.reference}
      </button>
      <LateBadge lateness={meta?.latenessOf(job) ?? null} />
    </span>
  );
}

function RouteCell({ row }: CellContext<DispatchJob, string>) {
  const { i18n } = useTranslation();
  const { pickupZone, dropoffZone } = row.original;
  return (
    <span
      title={`${localName(pickupZone, i18n.language)} → ${localName(dropoffZone, i18n.language)}`}
    >
      {pickupZone.code} → {dropoffZone.code}
    </span>
  );
}

function ActionsCell({ row, table }: CellContext<DispatchJob, unknown>) {
  const { t } = useTranslation('dispatch');
  const meta = metaOf(table);
  if (!meta?.canEdit) return null;
  const job = row.original;
  return (
    <span className="dispatch-actions">
      {canAssign(job.status) ? (
        <button
          type="button"
          aria-label={t('action.assign', { reference: job.reference })}
          onClick={() => meta.onAssign(job)}
        >
          {t('action.assignShort')}
        </button>
      ) : null}
      {manualTransitions(job.status).length > 0 ? (
        <button
          type="button"
          aria-label={t('action.move', { reference: job.reference })}
          onClick={() => meta.onMove(job)}
        >
          {t('action.moveShort')}
        </button>
      ) : null}
      <button
        type="button"
        aria-label={t('action.message', { reference: job.reference })}
        disabled={!job.vehicle}
        title={job.vehicle ? undefined : t('message.noTruck')}
        onClick={() => meta.onMessage(job)}
      >
        {t('action.messageShort')}
      </button>
    </span>
  );
}

const column = createColumnHelper<DispatchJob>();

/** The jobs table's columns (module level: a stable reference for TanStack Table). */
export const JOB_COLUMNS = [
  column.accessor('reference', {
    id: 'reference',
    header: () => <ColumnTitle id="reference" />,
    cell: ReferenceCell,
    enableHiding: false,
    enableGrouping: false,
    filterFn: jobSearchFilter,
  }),
  column.accessor('status', {
    id: 'status',
    header: () => <ColumnTitle id="status" />,
    cell: ({ row }) => <JobStatusBadge status={row.original.status} />,
    sortingFn: byStatusOrder,
    filterFn: 'equals',
  }),
  column.accessor((job) => job.containerNumber ?? '', {
    id: 'containerNumber',
    header: () => <ColumnTitle id="containerNumber" />,
    enableGrouping: false,
  }),
  column.accessor((job) => `${job.pickupZone.code} → ${job.dropoffZone.code}`, {
    id: 'route',
    header: () => <ColumnTitle id="route" />,
    cell: RouteCell,
    enableGrouping: false,
  }),
  column.accessor('windowStart', {
    id: 'windowStart',
    header: () => <ColumnTitle id="windowStart" />,
    cell: TimeCell,
    sortingFn: 'basic',
    enableGrouping: false,
  }),
  column.accessor('windowEnd', {
    id: 'windowEnd',
    header: () => <ColumnTitle id="windowEnd" />,
    cell: TimeCell,
    sortingFn: 'basic',
    enableGrouping: false,
  }),
  column.accessor((job) => job.vehicle?.plate ?? '', {
    id: 'truck',
    header: () => <ColumnTitle id="truck" />,
    enableGrouping: false,
  }),
  column.accessor((job) => job.driver?.name ?? '', {
    id: 'driver',
    header: () => <ColumnTitle id="driver" />,
    enableGrouping: false,
  }),
  column.accessor('updatedAt', {
    id: 'updatedAt',
    header: () => <ColumnTitle id="updatedAt" />,
    cell: TimeCell,
    sortingFn: 'basic',
    enableGrouping: false,
  }),
  column.display({
    id: 'actions',
    header: () => <ColumnTitle id="actions" />,
    cell: ActionsCell,
    enableHiding: false,
  }),
];
