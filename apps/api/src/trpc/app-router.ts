import { alertRulesRouter, alertsRouter } from '../alerts/router.ts';
import { authRouter } from '../auth/router.ts';
import { containerGrantsRouter } from '../containers/grants-router.ts';
import { containersRouter } from '../containers/router.ts';
import { dashboardsRouter } from '../dashboards/router.ts';
import { dispatchRouter } from '../dispatch/router.ts';
import { apiKeysRouter } from '../ingest/router.ts';
import { organizationsRouter } from '../organizations/router.ts';
import { portRouter } from '../port/router.ts';
import { positionsRouter } from '../positions/router.ts';
import { reportsRouter } from '../reports/router.ts';
import { usersRouter } from '../users/router.ts';
import { devicesRouter, driversRouter, shiftsRouter } from '../vehicles/fleet-router.ts';
import { vehiclesRouter } from '../vehicles/router.ts';
import { vesselsRouter } from '../vessels/router.ts';
import { visitsRouter } from '../visits/router.ts';
import { yardRouter } from '../yard/router.ts';
import { createCallerFactory, router } from './init.ts';

export const appRouter = router({
  auth: authRouter,
  organizations: organizationsRouter,
  users: usersRouter,
  vessels: vesselsRouter,
  vehicles: vehiclesRouter,
  devices: devicesRouter,
  drivers: driversRouter,
  shifts: shiftsRouter,
  dispatch: dispatchRouter,
  containers: containersRouter,
  containerGrants: containerGrantsRouter,
  yard: yardRouter,
  apiKeys: apiKeysRouter,
  positions: positionsRouter,
  alerts: alertsRouter,
  alertRules: alertRulesRouter,
  port: portRouter,
  visits: visitsRouter,
  dashboards: dashboardsRouter,
  reports: reportsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
