import type { DispatchJobStatus, VehicleStatus } from '@harbor/shared';
import { DispatchJobStatusSchema, VehicleStatusSchema } from '@harbor/shared';

/** The job columns a user may sort by, hide or (status) group by. */
export const JOB_COLUMN_IDS = [
  'reference',
  'status',
  'containerNumber',
  'route',
  'windowStart',
  'windowEnd',
  'truck',
  'driver',
  'updatedAt',
] as const;
export type JobColumnId = (typeof JOB_COLUMN_IDS)[number];

/** The jobs as a table, or as cards in a column per status (kanban). */
export type BoardView = 'table' | 'kanban';

/** What a user would bookmark on the board: view, filters, sort, grouping, hidden columns, open job. */
export type BoardState = {
  view: BoardView;
  search: string;
  status: DispatchJobStatus | null;
  sort: { id: JobColumnId; desc: boolean } | null;
  groupByStatus: boolean;
  hidden: JobColumnId[];
  vehicleStatus: VehicleStatus | null;
  jobId: string | null;
};

export const DEFAULT_BOARD: BoardState = {
  view: 'table',
  search: '',
  status: null,
  sort: { id: 'windowStart', desc: false },
  groupByStatus: false,
  hidden: [],
  vehicleStatus: null,
  jobId: null,
};

const isColumn = (value: string): value is JobColumnId =>
  (JOB_COLUMN_IDS as readonly string[]).includes(value);

/**
 * Reads the board's state from the URL's search params; anything unknown or malformed falls
 * back to the default, so an old or hand-edited link still opens the board.
 * `sort=windowStart` / `sort=-updatedAt` (descending) / `sort=none`; `view=kanban`.
 */
export function parseBoard(params: URLSearchParams): BoardState {
  const status = DispatchJobStatusSchema.safeParse(params.get('status'));
  const vehicleStatus = VehicleStatusSchema.safeParse(params.get('vstatus'));
  const rawSort = params.get('sort');
  let sort = DEFAULT_BOARD.sort;
  if (rawSort === 'none') sort = null;
  else if (rawSort) {
    const desc = rawSort.startsWith('-');
    const id = desc ? rawSort.slice(1) : rawSort;
    if (isColumn(id)) sort = { id, desc };
  }
  const hidden = (params.get('hide') ?? '')
    .split(',')
    .filter(isColumn)
    .filter((id) => id !== 'reference');
  return {
    view: params.get('view') === 'kanban' ? 'kanban' : 'table',
    search: (params.get('q') ?? '').slice(0, 40),
    status: status.success ? status.data : null,
    sort,
    groupByStatus: params.get('group') === 'status',
    hidden: [...new Set(hidden)],
    vehicleStatus: vehicleStatus.success ? vehicleStatus.data : null,
    jobId: params.get('job') || null,
  };
}

/** The search params of a board state; defaults are left out so links stay short. */
export function boardParams(board: BoardState): URLSearchParams {
  const params = new URLSearchParams();
  if (board.view !== 'table') params.set('view', board.view);
  if (board.search) params.set('q', board.search);
  if (board.status) params.set('status', board.status);
  const defaultSort = DEFAULT_BOARD.sort;
  if (!board.sort) params.set('sort', 'none');
  else if (board.sort.id !== defaultSort?.id || board.sort.desc !== defaultSort.desc)
    params.set('sort', `${board.sort.desc ? '-' : ''}${board.sort.id}`);
  if (board.groupByStatus) params.set('group', 'status');
  if (board.hidden.length > 0) params.set('hide', board.hidden.join(','));
  if (board.vehicleStatus) params.set('vstatus', board.vehicleStatus);
  if (board.jobId) params.set('job', board.jobId);
  return params;
}
