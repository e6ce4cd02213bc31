import type { SimReport } from '../reports.ts';

/**
 * What every transport counts. `sent`: messages put on the wire (AIS sentences, JT/T 808
 * frames, HTTP fixes); `acknowledged`: those the other side confirmed (JT/T 808 0x8100/0x8001
 * with result 0, fixes an HTTP response accepted; AIS has no acknowledgement, so there it
 * counts sentences the socket took without error); `refused`: answered with a refusal
 * (unknown terminal, failed authentication, a fix rejected); `errors`: socket and protocol
 * errors, requests that failed, reports dropped from a full queue.
 */
export type SinkCounters = { sent: number; acknowledged: number; refused: number; errors: number };

export const newSinkCounters = (): SinkCounters => ({
  sent: 0,
  acknowledged: 0,
  refused: 0,
  errors: 0,
});

/** A transport the runner hands reports to; it ignores reports of a kind it does not carry. */
export interface ReportSink {
  readonly name: string;
  readonly counters: SinkCounters;
  /** The last error, for the progress line; null while all is well. */
  readonly lastError: string | null;
  start(): void;
  send(report: SimReport): void;
  /** Flushes what can be flushed and closes the connections. */
  close(): Promise<void>;
}

/** Reconnection delay: doubling from `minMs` up to `maxMs`, with ±20% jitter so a fleet does not reconnect in step. */
export function backoffMs(attempt: number, minMs: number, maxMs: number): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 16));
  return Math.round(base * (0.8 + 0.4 * Math.random()));
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
