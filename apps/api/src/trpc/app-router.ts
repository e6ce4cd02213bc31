import { alertRulesRouter, alertsRouter } from '../alerts/router.ts';
import { authRouter } from '../auth/router.ts';
import { containersRouter } from '../containers/router.ts';
import { apiKeysRouter } from '../ingest/router.ts';
import { organizationsRouter } from '../organizations/router.ts';
import { positionsRouter } from '../positions/router.ts';
import { usersRouter } from '../users/router.ts';
import { vehiclesRouter } from '../vehicles/router.ts';
import { vesselsRouter } from '../vessels/router.ts';
import { createCallerFactory, router } from './init.ts';

export const appRouter = router({
  auth: authRouter,
  organizations: organizationsRouter,
  users: usersRouter,
  vessels: vesselsRouter,
  vehicles: vehiclesRouter,
  containers: containersRouter,
  apiKeys: apiKeysRouter,
  positions: positionsRouter,
  alerts: alertsRouter,
  alertRules: alertRulesRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
