// A typed client for TicketByte's HTTP API: the AppRouter type is imported, never its code.
import type { AppRouter } from '@ticketbyte/api';
import { createTRPCClient, httpLink } from '@trpc/client';
import superjson from 'superjson';

export function createApiClient(options: { url: string; token: string; fetch?: typeof fetch }) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: options.url,
        transformer: superjson,
        headers: { authorization: `Bearer ${options.token}` },
        fetch: options.fetch,
      }),
    ],
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;
