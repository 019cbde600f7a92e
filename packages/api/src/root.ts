// The router every front-end calls: small domain routers composed into one.
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { accountRouter } from './routers/account.js';
import { analyticsRouter } from './routers/analytics.js';
import { auditRouter } from './routers/audit.js';
import { configRouter } from './routers/config.js';
import { healthProcedure } from './routers/health.js';
import { privacyRouter } from './routers/privacy.js';
import { ticketRouter } from './routers/ticket.js';
import { tokensRouter } from './routers/tokens.js';
import { createCallerFactory, router } from './trpc.js';

export const appRouter = router({
  health: healthProcedure,
  ticket: ticketRouter,
  config: configRouter,
  analytics: analyticsRouter,
  tokens: tokensRouter,
  account: accountRouter,
  audit: auditRouter,
  privacy: privacyRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** In-process calls (bot, dashboard server code): `createCaller(createContext({ actor, discord }))`. */
export const createCaller = createCallerFactory(appRouter);
