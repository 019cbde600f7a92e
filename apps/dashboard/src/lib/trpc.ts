// The router from the browser, for what needs no page load (more tickets, names for them). Same
// origin, the session cookie rides along; the endpoint refuses writes from other origins.
import type { AppRouter } from '@ticketbyte/api';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import superjson from 'superjson';

let client: ReturnType<typeof createTRPCClient<AppRouter>> | undefined;

export function trpc() {
  client ??= createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: '/api/trpc', transformer: superjson })],
  });
  return client;
}
