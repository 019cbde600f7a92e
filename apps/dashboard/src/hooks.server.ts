// Server hooks: connect the database once, resolve the session into `locals`, secure every response.
import { auth } from '$lib/server/auth';
import { connectDatabaseOnce } from '$lib/server/database';
import { discordPort } from '$lib/server/discord';
import { crossSiteRefusal } from '$lib/server/same-origin';
import { applySecurityHeaders } from '$lib/server/security-headers';
import type { Handle, ServerInit } from '@sveltejs/kit';

export const init: ServerInit = async () => {
  // Fails start-up with one line naming a missing variable, rather than on the first login.
  auth();
  discordPort();
  await connectDatabaseOnce();
};

export const handle: Handle = async ({ event, resolve }) => {
  if (!event.url.pathname.startsWith('/api/trpc/')) {
    const refusal = crossSiteRefusal(event.request, auth().config.origin);
    if (refusal) {
      const response = new Response('Cross-site request refused.', {
        status: 403,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
      applySecurityHeaders(response.headers, { https: auth().config.origin.startsWith('https:') });
      return response;
    }
  }
  const { user, session } =
    // The API endpoint resolves its own caller (cookie or bearer token) per request.
    event.url.pathname === '/healthz' || event.url.pathname.startsWith('/api/trpc/')
      ? { user: null, session: null }
      : await auth().validate(event.cookies);
  event.locals.user = user;
  event.locals.session = session;
  let response = await resolve(event);
  try {
    applySecurityHeaders(response.headers, { https: auth().config.origin.startsWith('https:') });
  } catch {
    // Some responses (e.g. fetched ones) have immutable headers: copy them into one we can change.
    response = new Response(response.body, response);
    applySecurityHeaders(response.headers, { https: auth().config.origin.startsWith('https:') });
  }
  return response;
};
