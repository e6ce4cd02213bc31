import { useCallback, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type BoardState, boardParams, parseBoard } from './board-url.ts';

/**
 * The board's state, read from and written to the URL's search params (replacing the entry).
 * The router applies a URL change in a transition, so the state is also kept here and changed
 * at once: inputs never lag behind or jump back while the URL catches up with fast typing.
 * A URL this hook did not write (back button, a link) wins.
 */
export function useBoardState(): [BoardState, (patch: Partial<BoardState>) => void] {
  const [params, setParams] = useSearchParams();
  const url = params.toString();
  const [board, setBoard] = useState(() => parseBoard(params));
  const latest = useRef(board);
  /** URLs written here that the router has not shown yet, oldest first. */
  const pending = useRef<string[]>([]);
  const [seenUrl, setSeenUrl] = useState(url);
  if (seenUrl !== url) {
    setSeenUrl(url);
    const ours = pending.current.indexOf(url);
    if (ours >= 0) pending.current = pending.current.slice(ours + 1);
    else {
      pending.current = [];
      latest.current = parseBoard(params);
      setBoard(latest.current);
    }
  }
  const update = useCallback(
    (patch: Partial<BoardState>) => {
      const next = { ...latest.current, ...patch };
      latest.current = next;
      setBoard(next);
      const written = boardParams(next);
      pending.current.push(written.toString());
      setParams(written, { replace: true });
    },
    [setParams],
  );
  return useMemo(() => [board, update], [board, update]);
}
