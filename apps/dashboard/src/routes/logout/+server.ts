// POST /logout: ends the session server-side and removes the cookie. There is no GET logout, so a
// link or image elsewhere cannot log anyone out; SvelteKit's origin check refuses cross-site posts.
import { auth } from '$lib/server/auth';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ cookies }) => {
  await auth().logout(cookies);
  return new Response(null, { status: 303, headers: { location: '/', 'cache-control': 'no-store' } });
};
