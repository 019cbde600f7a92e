// GET /login: starts a Discord login and sends the browser to Discord's authorize page.
import { auth } from '$lib/server/auth';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ cookies, url }) => {
  const authorizeUrl = auth().beginLogin(cookies, url.searchParams.get('next'));
  return new Response(null, {
    status: 302,
    headers: { location: authorizeUrl.toString(), 'cache-control': 'no-store' },
  });
};
