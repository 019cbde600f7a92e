// /api/trpc: the router over HTTP, for the dashboard's own pages (session cookie, same origin only for
// writes) and internal tools (Authorization: Bearer tb_…). The handler resolves the actor and limits rates.
import { auth, sessionFromRequest } from '$lib/server/auth';
import { discordPort } from '$lib/server/discord';
import { createTrpcHttpHandler } from '@ticketbyte/api/http';
import type { RequestHandler } from './$types';

let handler: ReturnType<typeof createTrpcHttpHandler> | undefined;

function trpcHandler() {
  handler ??= createTrpcHttpHandler({
    endpoint: '/api/trpc',
    allowedOrigin: auth().config.origin,
    discord: discordPort(),
    resolveSessionUser: sessionFromRequest,
  });
  return handler;
}

const handle: RequestHandler = async ({ request }) => {
  const response = await trpcHandler()(request);
  response.headers.set('cache-control', 'no-store');
  return response;
};

export const GET = handle;
export const POST = handle;
