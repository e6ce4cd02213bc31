import type { DispatchJob, DispatchJobChange } from '@harbor/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLiveSubscription } from '../../live/connection.ts';
import { trpcClient } from '../../trpc.ts';
import { applyJobChanges } from './job-changes.ts';

export const BOARD_JOBS_KEY = ['dispatch', 'list', 'board'] as const;
const PAGE_SIZE = 500;
/** 20,000 jobs at most: beyond that the board would need server-side paging. */
const MAX_PAGES = 40;
const FLASH_MS = 2_000;
const VEHICLES_REFRESH_MS = 2_000;

/** Every job in scope, page after page (the board filters, sorts and groups them itself). */
async function loadAllJobs(): Promise<DispatchJob[]> {
  const jobs: DispatchJob[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await trpcClient.dispatch.list.query({
      limit: PAGE_SIZE,
      cursor,
      sortBy: 'createdAt',
      sortDir: 'desc',
    });
    jobs.push(...result.items);
    if (!result.nextCursor) break;
    cursor = result.nextCursor;
  }
  return jobs;
}

/**
 * The board's jobs, kept current by `dispatch.live`: changes arriving in one animation frame
 * are applied together to the cached rows (in place, older events ignored), the changed rows
 * are flashed for a moment, and the trucks and any open job detail are refreshed.
 */
export function useBoardJobs() {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: BOARD_JOBS_KEY, queryFn: loadAllJobs });
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
      void queryClient.invalidateQueries({ queryKey: ['vehicles'] });
    }, VEHICLES_REFRESH_MS);
  }, [queryClient]);

  /** Applies jobs (from the live stream or a mutation's answer) to the cached rows. */
  const applyJobs = useCallback(
    (changes: Pick<DispatchJobChange, 'job'>[]) => {
      let changedIds: string[] = [];
      queryClient.setQueryData<DispatchJob[]>(BOARD_JOBS_KEY, (jobs) => {
        if (!jobs) return jobs;
        const result = applyJobChanges(jobs, changes);
        changedIds = result.changedIds;
        return result.jobs;
      });
      flash(changedIds);
      for (const id of changedIds)
        void queryClient.invalidateQueries({ queryKey: ['dispatch', 'get', id] });
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

  return { query, flashIds, applyJobs };
}
