import type { Db } from '@harbor/db';
import { VehicleReportsCsvQuery } from '@harbor/shared';
import { Router } from 'express';
import type { Clock } from '../../core/clock.ts';
import { fieldErrorsOf, HarborError } from '../../core/errors.ts';
import { SESSION_COOKIE, userForSessionToken } from '../../domains/auth/session.ts';
import { toCsv } from '../../domains/reports/csv.ts';
import { vehicleSummaries } from '../../domains/reports/service.ts';
import { type FairGate, GateFullError, inTurn } from '../trpc/fair-gate.ts';
import { clientKeyOf } from '../trpc/fair-scheduling.ts';
import { answerError } from './error-answers.ts';

const HEADER = [
  'plate',
  'terminal phone',
  'fixes',
  'distance km',
  'moving min',
  'stopped min',
  'idle min',
  'trips',
  'stops',
  'jobs',
  'delivered',
  'on time',
  'on-time rate',
];

/**
 * `GET /reports/vehicles.csv?from=&to=`: the vehicles report as a download. Mounted after
 * cookieParser: the session cookie authenticates it exactly as it does tRPC's context, and
 * the same organization scoping applies.
 */
export function createReportsCsvRouter(deps: { db: Db; now: Clock; gate?: FairGate }): Router {
  const router = Router();
  router.get('/reports/vehicles.csv', async (req, res, next) => {
    try {
      const token: unknown = req.cookies?.[SESSION_COOKIE];
      const session =
        typeof token === 'string' ? await userForSessionToken(deps.db, token, deps.now()) : null;
      if (!session) {
        answerError(res, new HarborError('unauthenticated', 'auth.login-required', 'log in first'));
        return;
      }
      const query = VehicleReportsCsvQuery.safeParse(req.query);
      if (!query.success) {
        answerError(
          res,
          new HarborError('invalid', 'input.invalid', 'bad query', {
            fieldErrors: fieldErrorsOf(query.error.issues),
          }),
        );
        return;
      }
      // The report waits its user's turn with the user's tRPC calls.
      const rows = await inTurn(deps.gate, clientKeyOf({ user: session.user, client: {} }), () =>
        vehicleSummaries(deps, session.user, query.data),
      );
      const csv = toCsv(
        HEADER,
        rows.map((row) => [
          row.plate,
          row.terminalPhone,
          row.fixes,
          row.distanceKm,
          row.movingMinutes,
          row.stoppedMinutes,
          row.idleMinutes,
          row.tripCount,
          row.stopCount,
          row.jobs,
          row.jobsDelivered,
          row.jobsOnTime,
          row.onTimeRate === null ? null : Math.round(row.onTimeRate * 1000) / 1000,
        ]),
      );
      const name = `vehicles_${query.data.from.slice(0, 10)}_${query.data.to.slice(0, 10)}.csv`;
      res
        .status(200)
        .type('text/csv; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="${name}"`)
        .set('Cache-Control', 'no-store')
        .send(csv);
    } catch (error) {
      if (error instanceof GateFullError) {
        answerError(
          res,
          new HarborError('too-many', 'request.too-many-waiting', error.message, { cause: error }),
        );
        return;
      }
      next(error);
    }
  });
  return router;
}
