import {
  type Alert,
  AlertSchema,
  type DispatchJobChange,
  DispatchJobChangeSchema,
} from '@harbor/shared';
import type { z } from 'zod';

/**
 * How one kind of live item crosses NATS (nats-relay.ts): `encode` gives what JSON.stringify
 * writes, `decode` checks what JSON.parse read from another process and gives the item, or
 * null when it is not one (a message from outside is never trusted).
 */
export type RelayCodec<T> = {
  encode(item: T): unknown;
  decode(value: unknown): T | null;
};

/** A codec for a contract whose items are plain JSON already (dates as ISO strings). */
export function zodCodec<T>(schema: z.ZodType<T>): RelayCodec<T> {
  return {
    encode: (item) => item,
    decode: (value) => {
      const result = schema.safeParse(value);
      return result.success ? result.data : null;
    },
  };
}

/** Alerts raised or acknowledged, as `alerts.live` subscribers receive them. */
export const alertCodec: RelayCodec<Alert> = zodCodec(AlertSchema);

/** Dispatch job status changes, as `dispatch.live` subscribers receive them. */
export const jobChangeCodec: RelayCodec<DispatchJobChange> = zodCodec(DispatchJobChangeSchema);
