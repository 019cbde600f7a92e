// GET /login/callback: Discord sends the browser back here; finish the login, or explain what went wrong.
import { auth, LoginError } from '$lib/server/auth';
import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ cookies, url, request, setHeaders }) => {
  setHeaders({ 'cache-control': 'no-store' });
  let next: string;
  try {
    next = await auth().finishLogin(cookies, url, request.headers.get('user-agent'));
  } catch (error) {
    if (error instanceof LoginError) return { failure: { reason: error.reason, message: error.message } };
    throw error;
  }
  redirect(303, next);
};
