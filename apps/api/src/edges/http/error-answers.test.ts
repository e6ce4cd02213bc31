import type { ErrorAnswer, SessionUser } from '@harbor/shared';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve } from '../../../test/serve.ts';
import { ERROR_KINDS, HarborError } from '../../core/errors.ts';
import { assertPortWriter } from '../../domains/auth/scope.ts';
import { answerError, answerErrors, HTTP_STATUS_OF_KIND } from './error-answers.ts';

const logger = pino({ level: 'silent' });

const dispatcher: SessionUser = {
  id: 'u1',
  email: 'dispatcher@dhcl.example',
  name: 'Dispatcher',
  role: 'DISPATCHER',
  locale: 'zh-CN',
  organization: { id: 'o1', code: 'DHCL', name: 'Donghai', kind: 'LOGISTICS_COMPANY' },
};

describe('HarborError to plain HTTP', () => {
  let base: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const app = express();
    app.get('/kind/:kind', (req, res) => {
      const kind = ERROR_KINDS.find((k) => k === req.params.kind) ?? 'invalid';
      answerError(
        res,
        new HarborError(kind, 'vehicle.in-maintenance', '沪D12345 is in maintenance', {
          params: { plate: '沪D12345' },
        }),
      );
    });
    // A domain rule refusing, its error passed on to the last handler as a route would.
    app.get('/port-data', (_req, _res, next) => {
      try {
        assertPortWriter(dispatcher);
      } catch (error) {
        next(error);
      }
    });
    app.get('/fields', (_req, res) => {
      answerError(
        res,
        new HarborError('invalid', 'input.invalid', 'bad query', {
          fieldErrors: { from: ['Invalid ISO datetime'] },
        }),
      );
    });
    app.get('/broken', () => {
      throw new Error('connect ECONNREFUSED 10.0.0.5:5432');
    });
    app.use(answerErrors(logger));
    ({ base, close } = await serve(app));
  });
  afterAll(() => close());

  it('maps every kind to one status', () => {
    expect(HTTP_STATUS_OF_KIND).toEqual({
      invalid: 400,
      unauthenticated: 401,
      forbidden: 403,
      'not-found': 404,
      conflict: 409,
      'too-large': 413,
      'too-many': 429,
      unavailable: 503,
    });
  });

  it.each(ERROR_KINDS)('answers a %s with its status, message, code and params', async (kind) => {
    const response = await fetch(`${base}/kind/${kind}`);
    expect(response.status).toBe(HTTP_STATUS_OF_KIND[kind]);
    expect(await response.json()).toEqual({
      error: '沪D12345 is in maintenance',
      code: 'vehicle.in-maintenance',
      params: { plate: '沪D12345' },
    } satisfies ErrorAnswer);
  });

  it('answers a domain refusal that reaches the last handler with its code', async () => {
    const response = await fetch(`${base}/port-data`);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: 'only port authority staff may change port data',
      code: 'auth.port-staff-only',
    });
  });

  it('carries field errors', async () => {
    expect(await (await fetch(`${base}/fields`)).json()).toEqual({
      error: 'bad query',
      code: 'input.invalid',
      fieldErrors: { from: ['Invalid ISO datetime'] },
    });
  });

  it('answers any other failure as server.failed, saying nothing of it', async () => {
    const response = await fetch(`${base}/broken`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: 'internal server error', code: 'server.failed' });
    expect(text).not.toContain('ECONNREFUSED');
  });
});
