import { alertRulesRouter } from '../edges/routers/alert-rules.ts';
import { alertsRouter } from '../edges/routers/alerts.ts';
import { apiKeysRouter } from '../edges/routers/api-keys.ts';
import { authRouter } from '../edges/routers/auth.ts';
import { containerGrantsRouter } from '../edges/routers/container-grants.ts';
import { containersRouter } from '../edges/routers/containers.ts';
import { dashboardsRouter } from '../edges/routers/dashboards.ts';
import { devicesRouter } from '../edges/routers/devices.ts';
import { dispatchRouter } from '../edges/routers/dispatch.ts';
import { driversRouter } from '../edges/routers/drivers.ts';
import { gatesRouter } from '../edges/routers/gates.ts';
import { historyRouter } from '../edges/routers/history.ts';
import { organizationsRouter } from '../edges/routers/organizations.ts';
import { portRouter } from '../edges/routers/port.ts';
import { positionsRouter } from '../edges/routers/positions.ts';
import { reportsRouter } from '../edges/routers/reports.ts';
import { shiftsRouter } from '../edges/routers/shifts.ts';
import { supervisionRouter } from '../edges/routers/supervision.ts';
import { usersRouter } from '../edges/routers/users.ts';
import { vehiclesRouter } from '../edges/routers/vehicles.ts';
import { vesselsRouter } from '../edges/routers/vessels.ts';
import { visitsRouter } from '../edges/routers/visits.ts';
import { yardRouter } from '../edges/routers/yard.ts';
import { createCallerFactory, router } from '../edges/trpc/init.ts';

export const appRouter = router({
  auth: authRouter,
  organizations: organizationsRouter,
  history: historyRouter,
  users: usersRouter,
  vessels: vesselsRouter,
  vehicles: vehiclesRouter,
  gates: gatesRouter,
  supervision: supervisionRouter,
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
