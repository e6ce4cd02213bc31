import { describe, expect, it } from 'vitest';
import { boardParams, DEFAULT_BOARD, parseBoard } from './board-url.ts';

const parse = (query: string) => parseBoard(new URLSearchParams(query));

describe('board state in the URL', () => {
  it('reads the defaults from an empty query and writes nothing for them', () => {
    expect(parse('')).toEqual(DEFAULT_BOARD);
    expect(boardParams(DEFAULT_BOARD).toString()).toBe('');
  });

  it('reads filter, status, descending sort, grouping, hidden columns and the open job', () => {
    expect(
      parse(
        'q=MSKU&status=EN_ROUTE_PICKUP&sort=-updatedAt&group=status&hide=driver,truck&vstatus=ON_JOB&job=j1',
      ),
    ).toEqual({
      view: 'table',
      search: 'MSKU',
      status: 'EN_ROUTE_PICKUP',
      sort: { id: 'updatedAt', desc: true },
      groupByStatus: true,
      hidden: ['driver', 'truck'],
      vehicleStatus: 'ON_JOB',
      jobId: 'j1',
    });
  });

  it('falls back to defaults for unknown statuses, columns and sort ids', () => {
    const board = parse('status=LOST&sort=-colour&group=kind&hide=colour,reference&vstatus=x');
    expect(board.status).toBeNull();
    expect(board.sort).toEqual(DEFAULT_BOARD.sort);
    expect(board.groupByStatus).toBe(false);
    // The reference column is the row's handle: it is never hidden.
    expect(board.hidden).toEqual([]);
    expect(board.vehicleStatus).toBeNull();
  });

  it('remembers the kanban view; anything else is the table', () => {
    expect(parse('view=kanban').view).toBe('kanban');
    expect(parse('view=gantt').view).toBe('table');
    expect(boardParams({ ...DEFAULT_BOARD, view: 'table' }).has('view')).toBe(false);
  });

  it('keeps "no sort" distinct from the default sort', () => {
    expect(parse('sort=none').sort).toBeNull();
    expect(boardParams({ ...DEFAULT_BOARD, sort: null }).get('sort')).toBe('none');
  });

  it('round-trips every state it writes', () => {
    const board = {
      ...DEFAULT_BOARD,
      search: 'REF-1',
      status: 'DELIVERED' as const,
      sort: { id: 'reference' as const, desc: false },
      groupByStatus: true,
      hidden: ['containerNumber' as const],
      vehicleStatus: 'AVAILABLE' as const,
      view: 'kanban' as const,
    };
    const params = boardParams(board);
    expect(params.get('sort')).toBe('reference');
    expect(params.get('view')).toBe('kanban');
    expect(parseBoard(params)).toEqual(board);
  });

  it('leaves an empty search out of the URL but keeps what is being typed', () => {
    expect(boardParams({ ...DEFAULT_BOARD, search: '' }).has('q')).toBe(false);
    expect(parse(boardParams({ ...DEFAULT_BOARD, search: 'DH ' }).toString()).search).toBe('DH ');
  });
});
