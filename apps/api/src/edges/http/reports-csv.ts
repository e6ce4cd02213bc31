import type { Db } from '@harbor/db';
import {
  type CsvLanguage,
  PortKpisCsvQuery,
  type SessionUser,
  VehicleReportsCsvQuery,
} from '@harbor/shared';
import { type RequestHandler, Router } from 'express';
import type { z } from 'zod';
import type { Clock } from '../../core/clock.ts';
import { fieldDetailsOf, HarborError } from '../../core/errors.ts';
import { localDateTime } from '../../domains/dcsa/places.ts';
import { toCsv } from '../../domains/reports/csv.ts';
import { vehicleSummaries } from '../../domains/reports/service.ts';
import { portKpis } from '../../domains/visits/kpis.ts';
import { portKpisCsv } from '../../domains/visits/kpis-csv.ts';
import { type FairGate, GateFullError, inTurn, isAbandoned } from '../trpc/fair-gate.ts';
import { clientKeyOf } from '../trpc/fair-scheduling.ts';
import { closedByClient } from './client-gone.ts';
import { sessionUserOf } from './cookie-session.ts';
import { answerError } from './error-answers.ts';

type Deps = { db: Db; now: Clock; gate?: FairGate };

/** The vehicles report's header row in each language a download may ask for (`lang`). */
const VEHICLE_HEADER: Record<CsvLanguage, string[]> = {
  en: [
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
  ],
  'zh-CN': [
    '车牌',
    '终端手机号',
    '定位数',
    '里程（公里）',
    '行驶（分钟）',
    '停车（分钟）',
    '怠速（分钟）',
    '行程数',
    '停靠次数',
    '任务数',
    '已送达',
    '准时',
    '准时率',
  ],
};

/**
 * A time's date in the port's zone, as the screen shows it (the web shows port local time):
 * a day from Shanghai midnight is that day, not the UTC day before.
 */
async function portDay(deps: Deps): Promise<(iso: string) => string> {
  const port = await deps.db.prisma.port.findFirst({
    select: { timezone: true },
    orderBy: { unlocode: 'asc' },
  });
  const timeZone = port?.timezone ?? 'UTC';
  return (iso) => localDateTime(new Date(iso), timeZone).slice(0, 10);
}

/**
 * A CSV download: the session cookie authenticates it exactly as it does tRPC's context, the
 * query is parsed with `query` (400 naming the fields), and `write` makes the file as the
 * user, so the same scoping applies as to the procedure behind it.
 */
function csvDownload<Q>(
  deps: Deps,
  query: z.ZodType<Q>,
  write: (user: SessionUser, query: Q) => Promise<{ name: string; csv: string }>,
): RequestHandler {
  return async (req, res, next) => {
    const gone = closedByClient(res);
    try {
      const user = await sessionUserOf(deps, req);
      if (!user) {
        answerError(res, new HarborError('unauthenticated', 'auth.login-required', 'log in first'));
        return;
      }
      const parsed = query.safeParse(req.query);
      if (!parsed.success) {
        answerError(
          res,
          new HarborError('invalid', 'input.invalid', 'bad query', {
            ...fieldDetailsOf(parsed.error.issues),
          }),
        );
        return;
      }
      // The report waits its user's turn with the user's tRPC calls, while the user waits.
      const { name, csv } = await inTurn(
        deps.gate,
        clientKeyOf({ user, client: {} }),
        () => write(user, parsed.data),
        gone,
      );
      res
        .status(200)
        .type('text/csv; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="${name}"`)
        .set('Cache-Control', 'no-store')
        .send(csv);
    } catch (error) {
      // The client left while the report waited its turn: nobody to answer.
      if (isAbandoned(error, gone)) return;
      if (error instanceof GateFullError) {
        answerError(
          res,
          new HarborError('too-many', 'request.too-many-waiting', error.message, { cause: error }),
        );
        return;
      }
      // A HarborError (not your terminal) is answered by the app's last error handler.
      next(error);
    }
  };
}

/**
 * `GET /reports/vehicles.csv?from=&to=`: the vehicles report; `GET
 * /reports/port-kpis.csv?from=&to=[&terminalId=][&onTimeWindowHours=]`: the port KPIs per
 * terminal and day, then each terminal's and all terminals' totals. Mounted after cookieParser.
 */
export function createReportsCsvRouter(deps: Deps): Router {
  const router = Router();
  router.get(
    '/reports/vehicles.csv',
    csvDownload(deps, VehicleReportsCsvQuery, async (user, query) => {
      const rows = await vehicleSummaries(deps, user, query);
      const csv = toCsv(
        VEHICLE_HEADER[query.lang],
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
      const day = await portDay(deps);
      return { name: `vehicles_${day(query.from)}_${day(query.to)}.csv`, csv };
    }),
  );
  router.get(
    '/reports/port-kpis.csv',
    csvDownload(deps, PortKpisCsvQuery, async (user, query) => ({
      name: `port-kpis_${query.from}_${query.to}.csv`,
      csv: portKpisCsv(await portKpis(deps, user, query), query.lang),
    })),
  );
  return router;
}
