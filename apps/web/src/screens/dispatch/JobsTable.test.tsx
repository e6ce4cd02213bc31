import type { DispatchJob, DispatchJobStatus } from '@harbor/shared';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { JobsTable } from './JobsTable.tsx';
import { JobsToolbar } from './JobsToolbar.tsx';
import type { JobsTableMeta } from './jobs-columns.tsx';
import { jobLateness } from './lateness.ts';
import { useBoardState } from './use-board-state.ts';
import { useJobsTable } from './use-jobs-table.ts';

// jsdom lays nothing out: every element is 0 px high, so the virtualiser would see an empty
// viewport and render no rows. Give the scroll box the height it has in the browser.
const VIEWPORT_HEIGHT = 740; // 20 rows of 37 px
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.testid === 'jobs-table' ? VIEWPORT_HEIGHT : 0;
    },
  });
});
afterAll(() => {
  // Back to the clientHeight jsdom defines on Element.prototype.
  delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
});

const zone = (code: string, name: string) => ({ id: `zone-${code}`, code, name, nameZh: null });
const YSP4 = zone('YSP4-G1', 'Yangshan Phase IV gate 1');
const DEPOT = zone('LG-DEPOT', 'Lingang empty depot');

function job(
  n: number,
  status: DispatchJobStatus,
  fields: { container?: string | null; windowStart: string; driver?: string; plate?: string },
): DispatchJob {
  const windowStart = new Date(fields.windowStart);
  return {
    id: `job-${n}`,
    organizationId: 'org-donghai',
    reference: `DH-2026/${String(n).padStart(4, '0')}`,
    kind: 'CONTAINER_MOVE',
    status,
    containerNumber: fields.container === undefined ? null : fields.container,
    pickupZone: YSP4,
    dropoffZone: DEPOT,
    windowStart: windowStart.toISOString(),
    windowEnd: new Date(windowStart.getTime() + 2 * 3600_000).toISOString(),
    vehicle: fields.plate ? { id: `veh-${fields.plate}`, plate: fields.plate } : null,
    driver: fields.driver ? { id: `drv-${n}`, name: fields.driver } : null,
    deliveredAt: status === 'DELIVERED' ? '2026-11-25T06:00:00.000Z' : null,
    requiresProofPhoto: false,
    note: null,
    createdAt: '2026-11-24T08:00:00.000Z',
    updatedAt: `2026-11-25T0${n}:00:00.000Z`,
  };
}

/** Six jobs of a day's board; their window order (the default sort) differs from reference order. */
const JOBS: DispatchJob[] = [
  job(1, 'DELIVERED', {
    container: 'CSQU3054383',
    windowStart: '2026-11-25T09:00:00Z',
    plate: '沪D12345',
    driver: 'Zhang Wei',
  }),
  job(2, 'PLANNED', { container: 'MSKU1234565', windowStart: '2026-11-25T03:00:00Z' }),
  job(3, 'EN_ROUTE_PICKUP', {
    container: 'TGHU8765430',
    windowStart: '2026-11-25T05:00:00Z',
    plate: '沪D67890',
    driver: 'Li Na',
  }),
  job(4, 'PLANNED', { container: null, windowStart: '2026-11-25T01:00:00Z' }),
  job(5, 'DELIVERED', {
    container: 'MSKU7654321',
    windowStart: '2026-11-25T07:00:00Z',
    plate: '沪D24680',
    driver: 'Chen Jie',
  }),
  job(6, 'PLANNED', { container: 'OOLU1122334', windowStart: '2026-11-25T02:00:00Z' }),
];

const meta: JobsTableMeta = {
  canEdit: true,
  onOpen: vi.fn(),
  onAssign: vi.fn(),
  onMove: vi.fn(),
  onMessage: vi.fn(),
  // The board's clock: 25 Nov 2026, 06:30 UTC; job 4's window (01:00-03:00) has passed.
  latenessOf: (job) => jobLateness(job, Date.parse('2026-11-25T06:30:00Z')),
};

/** The board's jobs part as DispatchScreen wires it: state in the URL, toolbar over the table. */
function Board({ jobs }: { jobs: DispatchJob[] }) {
  const [board, update] = useBoardState();
  const table = useJobsTable(jobs, board, update, meta);
  return (
    <>
      <JobsToolbar board={board} update={update} table={table} />
      <JobsTable table={table} flashIds={new Set(['job-3'])} />
    </>
  );
}

function renderBoard(jobs = JOBS, url = '/dispatch') {
  void i18n.changeLanguage('en');
  return render(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter initialEntries={[url]}>
        <Board jobs={jobs} />
      </MemoryRouter>
    </I18nextProvider>,
  );
}

/** The references of the job rows in the DOM, top to bottom. */
const shownReferences = () =>
  [...screen.getByTestId('jobs-table').querySelectorAll<HTMLElement>('tr[data-reference]')].map(
    (row) => row.dataset.reference,
  );
const header = (name: string) => screen.getByRole('columnheader', { name: new RegExp(`^${name}`) });

describe('the jobs table', () => {
  it('lists the jobs by window start, earliest first, by default', () => {
    renderBoard();
    expect(shownReferences()).toEqual([
      'DH-2026/0004',
      'DH-2026/0006',
      'DH-2026/0002',
      'DH-2026/0003',
      'DH-2026/0005',
      'DH-2026/0001',
    ]);
    expect(header('Window start').getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getByText('6 jobs')).toBeTruthy();
  });

  it('shows each job’s cells: status, container, route, truck and driver', () => {
    renderBoard();
    const row = screen
      .getByTestId('jobs-table')
      .querySelector<HTMLElement>('tr[data-reference="DH-2026/0003"]');
    if (!row) throw new Error('no row for DH-2026/0003');
    const cells = within(row);
    expect(cells.getByTestId('job-status').textContent).toBe('To pickup');
    expect(cells.getByText('TGHU8765430')).toBeTruthy();
    expect(cells.getByTitle('Yangshan Phase IV gate 1 → Lingang empty depot').textContent).toBe(
      'YSP4-G1 → LG-DEPOT',
    );
    expect(cells.getByText('沪D67890')).toBeTruthy();
    expect(cells.getByText('Li Na')).toBeTruthy();
    expect(row.className).toBe('dispatch-flash');
  });

  it('sorts by a column when its header is clicked, then the other way round', () => {
    renderBoard();
    fireEvent.click(within(header('Reference')).getByRole('button'));
    expect(header('Reference').getAttribute('aria-sort')).toBe('ascending');
    expect(header('Window start').getAttribute('aria-sort')).toBeNull();
    expect(shownReferences()).toEqual([
      'DH-2026/0001',
      'DH-2026/0002',
      'DH-2026/0003',
      'DH-2026/0004',
      'DH-2026/0005',
      'DH-2026/0006',
    ]);
    fireEvent.click(within(header('Reference')).getByRole('button'));
    expect(header('Reference').getAttribute('aria-sort')).toBe('descending');
    expect(shownReferences()[0]).toBe('DH-2026/0006');
    expect(shownReferences().at(-1)).toBe('DH-2026/0001');
  });

  it('sorts statuses along the job’s life, not alphabetically', () => {
    renderBoard();
    fireEvent.click(within(header('Status')).getByRole('button'));
    const statuses = [...screen.getAllByTestId('job-status')].map((badge) => badge.dataset.status);
    expect(statuses).toEqual([
      'PLANNED',
      'PLANNED',
      'PLANNED',
      'EN_ROUTE_PICKUP',
      'DELIVERED',
      'DELIVERED',
    ]);
  });

  it('keeps only the jobs of the chosen status', () => {
    renderBoard();
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), {
      target: { value: 'DELIVERED' },
    });
    expect(shownReferences()).toEqual(['DH-2026/0005', 'DH-2026/0001']);
    expect(screen.getByText('2 jobs')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: '' } });
    expect(shownReferences()).toHaveLength(6);
  });

  it('filters by reference or container number as the user types', () => {
    renderBoard();
    const search = screen.getByRole('searchbox', { name: 'Reference or container' });
    fireEvent.change(search, { target: { value: 'msku' } });
    expect(shownReferences()).toEqual(['DH-2026/0002', 'DH-2026/0005']);
    fireEvent.change(search, { target: { value: '/0003' } });
    expect(shownReferences()).toEqual(['DH-2026/0003']);
    expect(screen.getByText('1 job')).toBeTruthy();
  });

  it('combines the text and status filters', () => {
    renderBoard(JOBS, '/dispatch?status=PLANNED');
    expect(shownReferences()).toEqual(['DH-2026/0004', 'DH-2026/0006', 'DH-2026/0002']);
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'MSKU' } });
    expect(shownReferences()).toEqual(['DH-2026/0002']);
  });

  it('groups the jobs by status under rows with their counts, which collapse', () => {
    renderBoard();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Group by status' }));
    // Each group row, with the jobs listed under it (in window order within the group).
    const groups: Record<string, { label: string; references: string[] }> = {};
    let current: { label: string; references: string[] } | undefined;
    for (const row of screen.getByTestId('jobs-table').querySelectorAll<HTMLElement>('tbody tr')) {
      if (row.classList.contains('dispatch-group-row')) {
        current = { label: row.textContent?.trim() ?? '', references: [] };
        groups[row.dataset.group ?? '?'] = current;
      } else if (row.dataset.reference) current?.references.push(row.dataset.reference);
    }
    expect(groups).toEqual({
      PLANNED: {
        label: '▾ Planned (3)',
        references: ['DH-2026/0004', 'DH-2026/0006', 'DH-2026/0002'],
      },
      EN_ROUTE_PICKUP: { label: '▾ To pickup (1)', references: ['DH-2026/0003'] },
      DELIVERED: { label: '▾ Delivered (2)', references: ['DH-2026/0005', 'DH-2026/0001'] },
    });

    const collapse = screen.getByRole('button', { name: 'Collapse Planned' });
    expect(collapse.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(collapse);
    expect(shownReferences().sort()).toEqual(['DH-2026/0001', 'DH-2026/0003', 'DH-2026/0005']);
    expect(screen.getByText('6 jobs')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Expand Planned' }).textContent).toBe(
      '▸ Planned (3)',
    );
  });

  it('hides a column the user unticks, and shows it again', () => {
    renderBoard();
    expect(header('Driver')).toBeTruthy();
    const driver = screen.getByRole('checkbox', { name: 'Driver' });
    fireEvent.click(driver);
    expect(screen.queryByRole('columnheader', { name: /^Driver/ })).toBeNull();
    expect(screen.queryByText('Li Na')).toBeNull();
    // The other columns stay.
    expect(header('Truck')).toBeTruthy();
    fireEvent.click(driver);
    expect(header('Driver')).toBeTruthy();
    expect(screen.getByText('Li Na')).toBeTruthy();
  });

  it('offers no way to hide the reference column', () => {
    renderBoard();
    expect(screen.queryByRole('checkbox', { name: 'Reference' })).toBeNull();
    expect(screen.getByRole('checkbox', { name: 'Container' })).toBeTruthy();
  });

  it('opens a job from its reference', () => {
    renderBoard();
    fireEvent.click(screen.getByRole('button', { name: 'Open DH-2026/0005' }));
    expect(meta.onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'job-5' }));
  });
});

describe('the jobs table at a narrow width', () => {
  it('pins the reference to the left and the actions to the right of every row', () => {
    renderBoard();
    const rows = screen.getByTestId('jobs-table').querySelectorAll('tr');
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      const cells = row.querySelectorAll('th, td');
      expect(cells[0]?.className).toBe('dispatch-pin-start');
      expect(cells[cells.length - 1]?.className).toBe('dispatch-pin-end');
    }
    expect(
      within(screen.getByTestId('jobs-table')).getAllByRole('button', { name: /^Assign / }).length,
    ).toBeGreaterThan(0);
  });

  it('marks a job whose window has passed undelivered as late, beside its reference', () => {
    renderBoard();
    const late = screen
      .getByTestId('jobs-table')
      .querySelectorAll<HTMLElement>('tr[data-reference] [data-testid="job-late"]');
    const lateRows = [...late].map((badge) => badge.closest('tr')?.dataset.reference);
    // Jobs 2, 4 and 6 are planned with windows ending by 05:00; 3 is on its way, window to 07:00.
    expect(lateRows.sort()).toEqual(['DH-2026/0002', 'DH-2026/0004', 'DH-2026/0006']);
    expect(late[0]?.textContent).toBe('Late');
    expect(late[0]?.closest('td')?.className).toBe('dispatch-pin-start');
  });
});

describe('the jobs table with thousands of jobs', () => {
  const MANY = Array.from({ length: 5_000 }, (_, index) =>
    job(index + 1, 'PLANNED', {
      container: null,
      windowStart: new Date(Date.UTC(2026, 10, 25) + index * 60_000).toISOString(),
    }),
  );

  it('puts only a window of rows in the DOM, and moves it when scrolled', () => {
    renderBoard(MANY);
    const scroller = screen.getByTestId('jobs-table');
    const first = shownReferences();
    // 20 rows in view and 15 overscan below; nowhere near 5 000.
    expect(first.length).toBeGreaterThanOrEqual(20);
    expect(first.length).toBeLessThan(60);
    expect(first[0]).toBe('DH-2026/0001');
    expect(screen.getByText('5000 jobs')).toBeTruthy();
    // The rows not rendered still take their height, so the scrollbar is the full list's.
    const spacers = scroller.querySelectorAll<HTMLElement>('tr.dispatch-spacer td');
    expect(spacers).toHaveLength(1);
    expect(spacers[0]?.style.height).toBe(`${(5_000 - first.length) * 37}px`);

    act(() => {
      scroller.scrollTop = 2_500 * 37;
      fireEvent.scroll(scroller);
    });
    const scrolled = shownReferences();
    expect(scrolled.length).toBeLessThan(80);
    expect(scrolled).toContain('DH-2026/2501');
    expect(scrolled).not.toContain('DH-2026/0001');
    expect(scroller.querySelectorAll('tr.dispatch-spacer')).toHaveLength(2);
  });
});
