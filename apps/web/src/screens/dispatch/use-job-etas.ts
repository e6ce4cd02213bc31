import type { JobEta } from '@harbor/shared';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { trpc } from '../../trpc.ts';

/** The board's ETAs refresh with the trucks' positions; an open job's more often. */
const BOARD_ETAS_MS = 15_000;
const JOB_ETA_MS = 5_000;

/** The road ETAs of the active jobs in scope (api `dispatch.etas`), by job id. */
export function useBoardEtas(): ReadonlyMap<string, JobEta> {
  const query = useQuery(
    trpc.dispatch.etas.queryOptions(undefined, { refetchInterval: BOARD_ETAS_MS }),
  );
  return useMemo(() => new Map((query.data ?? []).map((eta) => [eta.jobId, eta])), [query.data]);
}

/** One job's truck and ETA, refreshed every few seconds while its drawer is open. */
export function useJobEta(jobId: string) {
  return useQuery(
    trpc.dispatch.etas.queryOptions(
      { jobId },
      { refetchInterval: JOB_ETA_MS, select: (etas) => etas[0] ?? null },
    ),
  );
}

/** The time now, renewed every `intervalMs`: lateness changes as the clock runs. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
