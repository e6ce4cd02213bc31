import type { Fix } from '@harbor/shared';

/**
 * A fix as Harbor's processes send it to each other over NATS (the JetStream fix stream and
 * the live relay): JSON, its two times as milliseconds since the epoch. Turning a Date into
 * a number and back costs a fraction of printing and parsing ISO 8601 (docs/benchmarks.md,
 * issue 20).
 */
export type WireFix = Omit<Fix, 'fixAt' | 'receivedAt'> & { fixAt: number; receivedAt: number };

export const toWire = (fix: Fix): WireFix => ({
  ...fix,
  fixAt: fix.fixAt.getTime(),
  receivedAt: fix.receivedAt.getTime(),
});
