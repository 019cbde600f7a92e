// The Privacy centre: what TicketByte holds about the signed-in person (privacy.summary, which the
// router records as an access request), their past requests, and the two corrections they can make
// here — refresh the profile from Discord, end a session. Download and deletion have their own routes.
import { auth } from '$lib/server/auth';
import { act, api, loadOrFail } from '$lib/server/api';
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const caller = api(event);
  const summary = await loadOrFail(event, () => caller.privacy.summary());
  const requests = await loadOrFail(event, () => caller.privacy.requests());
  return { summary, requests };
};

export const actions: Actions = {
  refresh: async (event) => {
    const r = await act('refresh', () => api(event).privacy.refreshProfile());
    if (!r.ok) return r.failure;
    const name = r.value.globalName ?? r.value.username;
    return { form: 'refresh', success: `Profile refreshed from Discord: you are “${name}”.` };
  },
  endSession: async (event) => {
    const sessionId = String((await event.request.formData()).get('sessionId') ?? '');
    const current = sessionId === event.locals.session?.id;
    const r = await act('sessions', () => api(event).privacy.endSession({ sessionId }));
    if (!r.ok) return r.failure;
    if (current) {
      // This browser's own session: its cookie goes too (and, if it was the last session, the
      // Discord grant is revoked, as at any logout).
      await auth().logout(event.cookies);
      redirect(303, '/');
    }
    return { form: 'sessions', success: 'Session ended. That device is logged out.' };
  },
};
