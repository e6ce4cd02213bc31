import type { DispatchJobChange } from '@harbor/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { itemsOf, loadEveryPage } from '../../every-page.ts';
import { useLiveSubscription } from '../../live/connection.ts';
import { trpc, trpcClient } from '../../trpc.ts';
import { applyJobChanges } from './job-changes.ts';

/** Every job in scope, newest first (the board filters, sorts and groups them itself). */
const BOARD_JOBS_INPUT = { limit: 500, sortBy: 'createdAt', sortDir: 'desc' } as const;
/** Where the board's jobs are cached, every page of them (see `loadEveryPage`). */
const boardJobsKey = trpc.dispatch.list.infiniteQueryKey(BOARD_JOBS_INPUT);
const FLASH_MS = 2_000;
const VEHICLES_REFRESH_MS = 2_000;

const loadBoardJobs = () =>
  loadEveryPage((cursor) => trpcClient.dispatch.list.query({ ...BOARD_JOBS_INPUT, cursor }));

/**
 * The board's jobs, kept current by `dispatch.live`: changes arriving in one animation frame
 * are applied together to the cached rows (in place, older events ignored), the changed rows
 * are flashed for a moment, and the trucks and any open job detail are refreshed.
 */
export function useBoardJobs() {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: boardJobsKey, queryFn: loadBoardJobs, select: itemsOf });
  const [flashIds, setFlashIds] = useState<ReadonlySet<string>>(() => new Set());
  const pending = useRef<Pick<DispatchJobChange, 'job'>[]>([]);
  const frame = useRef<number | null>(null);
  const flashTimers = useRef(new Set<ReturnType<typeof setTimeout>>());

  const flash = useCallback((ids: string[]) => {
    if (ids.length === 0) return;
    setFlashIds((shown) => new Set([...shown, ...ids]));
    const timer = setTimeout(() => {
      flashTimers.current.delete(timer);
      setFlashIds((shown) => new Set([...shown].filter((id) => !ids.includes(id))));
    }, FLASH_MS);
    flashTimers.current.add(timer);
  }, []);

  // A truck's status follows its jobs: refetch the trucks after changes, at most every 2 s.
  const vehiclesTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refreshVehicles = useCallback(() => {
    if (vehiclesTimer.current !== null) return;
    vehiclesTimer.current = setTimeout(() => {
      vehiclesTimer.current = null;
      void queryClient.invalidateQueries(trpc.vehicles.pathFilter());
    }, VEHICLES_REFRESH_MS);
  }, [queryClient]);

  /** Applies jobs (from the live stream or a mutation's answer) to the cached rows. */
  const applyJobs = useCallback(
    (changes: Pick<DispatchJobChange, 'job'>[]) => {
      let changedIds: string[] = [];
      queryClient.setQueryData(boardJobsKey, (data) => {
        if (!data) return data;
        const result = applyJobChanges(itemsOf(data), changes);
        changedIds = result.changedIds;
        if (changedIds.length === 0) return data;
        // The changed rows as one page: the next load fetches every page afresh anyway.
        return { pages: [{ items: result.jobs, nextCursor: null }], pageParams: [null] };
      });
      flash(changedIds);
      for (const id of changedIds)
        void queryClient.invalidateQueries(trpc.dispatch.get.queryFilter({ id }));
      if (changedIds.length > 0) refreshVehicles();
    },
    [queryClient, flash, refreshVehicles],
  );

  const onLive = useCallback(
    (data: { data: DispatchJobChange } | DispatchJobChange) => {
      pending.current.push('data' in data ? data.data : data);
      if (frame.current !== null) return;
      frame.current = requestAnimationFrame(() => {
        frame.current = null;
        const changes = pending.current;
        pending.current = [];
        applyJobs(changes);
      });
    },
    [applyJobs],
  );

  useLiveSubscription(
    'dispatch.live',
    (handlers) => trpcClient.dispatch.live.subscribe(undefined, handlers),
    onLive,
  );

  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      for (const timer of flashTimers.current) clearTimeout(timer);
      if (vehiclesTimer.current !== null) clearTimeout(vehiclesTimer.current);
    },
    [],
  );

  /** Loads every job afresh (after an import, which the live stream does not announce). */
  const reload = useCallback(
    () => queryClient.invalidateQueries({ queryKey: boardJobsKey }),
    [queryClient],
  );

  return { query, flashIds, applyJobs, reload };
}
