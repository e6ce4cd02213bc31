import type { DispatchJob, DispatchJobStatus } from '@harbor/shared';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canEdit } from '../../auth/screens.ts';
import { useSession } from '../../auth/session.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { AssignDialog } from './AssignDialog.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import { JobDrawer } from './JobDrawer.tsx';
import { JobsTable } from './JobsTable.tsx';
import { JobsToolbar } from './JobsToolbar.tsx';
import type { JobsTableMeta } from './jobs-columns.tsx';
import { KanbanBoard } from './KanbanBoard.tsx';
import { jobLateness } from './lateness.ts';
import { MessageDialog } from './MessageDialog.tsx';
import { NewJobDialog } from './NewJobDialog.tsx';
import { TransitionDialog } from './TransitionDialog.tsx';
import { useBoardJobs } from './use-board-jobs.ts';
import { useBoardState } from './use-board-state.ts';
import { useBoardEtas, useNow } from './use-job-etas.ts';
import { useJobsTable } from './use-jobs-table.ts';
import { VehiclesTable } from './VehiclesTable.tsx';
import './dispatch.css';

type OpenDialog =
  | { kind: 'assign' | 'message'; job: DispatchJob }
  | { kind: 'move'; job: DispatchJob; to?: DispatchJobStatus }
  | { kind: 'new' | 'import' }
  | null;

/** The dispatch board (车务通): jobs live, with assignment, status changes and messages; trucks beside. */
export function DispatchScreen() {
  const { t } = useTranslation('dispatch');
  const { user } = useSession();
  const editable = canEdit(user, 'dispatch');
  const [board, update] = useBoardState();
  const { query, flashIds, applyJobs, reload } = useBoardJobs();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const etas = useBoardEtas();
  const now = useNow();
  const meta = useMemo<JobsTableMeta>(
    () => ({
      canEdit: editable,
      onOpen: (job) => update({ jobId: job.id }),
      onAssign: (job) => setDialog({ kind: 'assign', job }),
      onMove: (job) => setDialog({ kind: 'move', job }),
      onMessage: (job) => setDialog({ kind: 'message', job }),
      latenessOf: (job) => jobLateness(job, now, etas.get(job.id)),
    }),
    [editable, update, now, etas],
  );
  // A card moved to ASSIGNED needs a truck: the assign dialog; any other status the status dialog.
  const moveCard = useCallback((job: DispatchJob, to: DispatchJobStatus) => {
    setDialog(to === 'ASSIGNED' ? { kind: 'assign', job } : { kind: 'move', job, to });
  }, []);
  // Filtering, sorting and grouping thousands of rows may lag behind typing; the inputs do not.
  const tableBoard = useDeferredValue(board);
  const table = useJobsTable(query.data, tableBoard, update, meta);
  const close = useCallback(() => setDialog(null), []);
  const closeDrawer = useCallback(() => update({ jobId: null }), [update]);
  const applyJob = useCallback((job: DispatchJob) => applyJobs([{ job }]), [applyJobs]);

  let body: React.ReactNode;
  if (query.isPending) body = <Loading />;
  else if (query.error)
    body = <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  else if (query.data.length === 0) body = <Empty>{t('noJobsYet')}</Empty>;
  else if (table.getRowModel().rows.length === 0) body = <Empty>{t('noJobs')}</Empty>;
  else if (board.view === 'kanban')
    body = (
      <KanbanBoard
        jobs={table.getFilteredRowModel().rows.map((row) => row.original)}
        canEdit={editable}
        latenessOf={meta.latenessOf}
        onOpen={meta.onOpen}
        onMove={moveCard}
      />
    );
  else body = <JobsTable table={table} flashIds={flashIds} />;

  return (
    <div className="dispatch-board">
      <section className="panel dispatch-jobs">
        <JobsToolbar board={board} update={update} table={table}>
          {editable ? (
            <>
              <button type="button" className="primary" onClick={() => setDialog({ kind: 'new' })}>
                {t('action.newJob')}
              </button>
              <button type="button" onClick={() => setDialog({ kind: 'import' })}>
                {t('action.import')}
              </button>
            </>
          ) : null}
        </JobsToolbar>
        {editable ? null : <p className="hint">{t('readOnly')}</p>}
        {body}
      </section>
      <VehiclesTable
        status={board.vehicleStatus}
        onStatusChange={(vehicleStatus) => update({ vehicleStatus })}
      />
      {dialog?.kind === 'assign' ? (
        <AssignDialog job={dialog.job} onAssigned={applyJob} onClose={close} />
      ) : null}
      {dialog?.kind === 'move' ? (
        <TransitionDialog
          job={dialog.job}
          initialTo={dialog.to}
          onMoved={applyJob}
          onClose={close}
        />
      ) : null}
      {dialog?.kind === 'message' && dialog.job.vehicle ? (
        <MessageDialog job={dialog.job} vehicle={dialog.job.vehicle} onClose={close} />
      ) : null}
      {dialog?.kind === 'new' ? <NewJobDialog onCreated={applyJob} onClose={close} /> : null}
      {dialog?.kind === 'import' ? (
        <ImportDialog onImported={() => void reload()} onClose={close} />
      ) : null}
      {board.jobId ? (
        <JobDrawer jobId={board.jobId} now={now} onClose={closeDrawer} canEdit={editable} />
      ) : null}
    </div>
  );
}
