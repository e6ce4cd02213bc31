import type { Db } from '@harbor/db';
import { ContainerNumberSchema } from '@harbor/shared';
import {
  createTRPCClient,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  TRPCClientError,
} from '@trpc/client';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { EventSource } from 'eventsource';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { serve } from '../../../test/serve.ts';
import { testContext } from '../../../test/services.ts';
import { ERROR_KINDS, HarborError } from '../../core/errors.ts';
import { HTTP_STATUS_OF_KIND } from '../http/error-answers.ts';
import { TRPC_CODE_OF_KIND } from './errors.ts';
import { createCallerFactory, publicProcedure, router } from './init.ts';

/** The procedures here touch no database. */
const NO_DB = {} as Db;

const testRouter = router({
  fails: publicProcedure
    .input(z.object({ kind: z.enum(ERROR_KINDS) }))
    .query(({ input }): string => {
      throw new HarborError(input.kind, 'vehicle.in-maintenance', '沪D12345 is in maintenance', {
        params: { plate: '沪D12345' },
      });
    }),
  assign: publicProcedure.mutation((): string => {
    throw new HarborError('conflict', 'vehicle.on-another-job', '沪D12345 is on job J-1', {
      params: { plate: '沪D12345', reference: 'J-1', status: 'LOADED' },
    });
  }),
  needsNumber: publicProcedure.input(z.object({ number: z.number() })).query(() => 'ok'),
  needsContainer: publicProcedure
    .input(z.object({ name: z.string().min(3), container: ContainerNumberSchema }))
    .query(() => 'ok'),
  stream: publicProcedure.subscription(async function* () {
    yield 1;
    throw new HarborError('conflict', 'job.changed-meanwhile', 'the job changed meanwhile', {
      params: { status: 'LOADED', expected: 'ASSIGNED' },
    });
  }),
} satisfies TRPCRouterRecord);

const caller = createCallerFactory(testRouter)(testContext({ db: NO_DB }));

async function rejection(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => null,
    (error: unknown) => error,
  );
}

describe('HarborError to tRPC', () => {
  it('maps every kind to one tRPC code, with the status plain HTTP answers it with', () => {
    expect(TRPC_CODE_OF_KIND).toEqual({
      invalid: 'BAD_REQUEST',
      unauthenticated: 'UNAUTHORIZED',
      forbidden: 'FORBIDDEN',
      'not-found': 'NOT_FOUND',
      conflict: 'CONFLICT',
      'too-large': 'PAYLOAD_TOO_LARGE',
      'too-many': 'TOO_MANY_REQUESTS',
      unavailable: 'SERVICE_UNAVAILABLE',
    });
    for (const kind of ERROR_KINDS)
      expect(
        getHTTPStatusCodeFromError(new TRPCError({ code: TRPC_CODE_OF_KIND[kind] })),
        kind,
      ).toBe(HTTP_STATUS_OF_KIND[kind]);
  });

  it.each(ERROR_KINDS)('sends a %s thrown by a procedure as its TRPCError', async (kind) => {
    const error = await rejection(caller.fails({ kind }));
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({
      code: TRPC_CODE_OF_KIND[kind],
      message: '沪D12345 is in maintenance',
    });
    expect((error as TRPCError).cause).toBeInstanceOf(HarborError);
  });

  it('sends a HarborError thrown while a subscription streams as its TRPCError', async () => {
    const seen: unknown[] = [];
    const error = await rejection(
      (async () => {
        for await (const value of await caller.stream()) seen.push(value);
      })(),
    );
    expect(seen).toEqual([1]);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: 'CONFLICT', message: 'the job changed meanwhile' });
  });
});

describe('what a tRPC client gets of an error', () => {
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const app = express();
    app.use(
      '/trpc',
      createExpressMiddleware({
        router: testRouter,
        createContext: () => testContext({ db: NO_DB }),
      }),
    );
    ({ base, close } = await serve(app));
  });
  afterAll(() => close());

  const client = () =>
    createTRPCClient<typeof testRouter>({
      links: [
        splitLink({
          condition: (op) => op.type === 'subscription',
          true: httpSubscriptionLink({ url: `${base}/trpc`, EventSource }),
          false: httpLink({ url: `${base}/trpc` }),
        }),
      ],
    });

  it.each(ERROR_KINDS)('a %s: its tRPC code and status, its reason and params', async (kind) => {
    const response = await fetch(
      `${base}/trpc/fails?input=${encodeURIComponent(JSON.stringify({ kind }))}`,
    );
    const body = (await response.json()) as { error: { message: string; data: unknown } };
    expect(body.error.message).toBe('沪D12345 is in maintenance');
    expect(body.error.data).toMatchObject({
      code: TRPC_CODE_OF_KIND[kind],
      httpStatus: response.status,
      reason: 'vehicle.in-maintenance',
      params: { plate: '沪D12345' },
      fieldErrors: null,
    });
  });

  it('a mutation: data.reason and data.params beside data.code', async () => {
    const error = await rejection(client().assign.mutate());
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<typeof testRouter>).data).toMatchObject({
      code: 'CONFLICT',
      httpStatus: 409,
      reason: 'vehicle.on-another-job',
      params: { plate: '沪D12345', reference: 'J-1', status: 'LOADED' },
    });
  });

  it('input the parser refuses: input.invalid with its field errors', async () => {
    const error = await rejection(client().needsNumber.query({ number: 'seven' as never }));
    expect((error as TRPCClientError<typeof testRouter>).data).toMatchObject({
      code: 'BAD_REQUEST',
      reason: 'input.invalid',
      params: null,
      fieldErrors: { number: [expect.any(String)] },
      fieldIssues: { number: [{ code: 'invalid-type', params: { expected: 'number' } }] },
    });
  });

  it('field issues as codes a client translates: limits, missing fields, a contract’s own rule', async () => {
    const error = await rejection(
      client().needsContainer.query({ name: 'ab', container: 'CSQU3054384' }),
    );
    expect((error as TRPCClientError<typeof testRouter>).data).toMatchObject({
      reason: 'input.invalid',
      fieldIssues: {
        name: [{ code: 'too-small', params: { origin: 'string', minimum: 3 } }],
        container: [{ code: 'rule.container-check-digit', params: { expected: 3 } }],
      },
    });
    const missing = await rejection(client().needsContainer.query({ name: 'abc' } as never));
    expect((missing as TRPCClientError<typeof testRouter>).data).toMatchObject({
      fieldIssues: { container: [{ code: 'required' }] },
    });
  });

  // Without the mapping the client takes the failure for a passing one and reconnects for ever.
  it('a subscription whose stream fails: the error reaches the client with its reason', {
    timeout: 10_000,
  }, async () => {
    const seen: number[] = [];
    const error = await new Promise<unknown>((resolve) => {
      const subscription = client().stream.subscribe(undefined, {
        onData: (value) => seen.push(value),
        onError: (failure) => {
          subscription.unsubscribe();
          resolve(failure);
        },
      });
    });
    expect(seen).toEqual([1]);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<typeof testRouter>).message).toBe('the job changed meanwhile');
    expect((error as TRPCClientError<typeof testRouter>).data).toMatchObject({
      code: 'CONFLICT',
      reason: 'job.changed-meanwhile',
      params: { status: 'LOADED', expected: 'ASSIGNED' },
    });
  });
});
