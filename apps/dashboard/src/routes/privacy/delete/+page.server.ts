// Delete my data: the page explains what goes and what stays; the person types the confirmation
// phrase; the router deletes (privacy.deleteMyData), this browser's cookie goes, and the "deleted"
// page shows what was done. Nothing is deleted by a GET.
import { DELETE_MY_DATA_CONFIRMATION } from '@ticketbyte/api';
import { act, api, loadOrFail } from '$lib/server/api';
import { auth } from '$lib/server/auth';
import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const caller = api(event);
  const summary = await loadOrFail(event, () => caller.privacy.summary());
  const sum = (rows: Array<{ count: number }>) => rows.reduce((n, r) => n + r.count, 0);
  return {
    confirmation: DELETE_MY_DATA_CONFIRMATION,
    counts: {
      sessions: summary.sessions.length,
      ticketsOpened: sum(summary.ticketsOpened),
      ticketsParticipated: sum(summary.ticketsParticipated),
      messages: sum(summary.transcriptMessages),
      auditEntries: summary.auditEntries.asActor + summary.auditEntries.asTarget,
      blacklistEntries: summary.blacklistEntries.length,
      discordConnected: summary.discordConnection !== null,
    },
  };
};

export const actions: Actions = {
  default: async (event) => {
    const confirm = String((await event.request.formData()).get('confirm') ?? '').trim();
    const r = await act('delete', () =>
      api(event).privacy.deleteMyData({ confirm: confirm as typeof DELETE_MY_DATA_CONFIRMATION }),
    );
    if (!r.ok) return r.failure;
    // The router already ended every session; this removes the cookie the browser still holds.
    await auth().logout(event.cookies);
    const done = r.value;
    const query = new URLSearchParams({
      sessions: String(done.sessionsEnded),
      messages: String(done.transcriptMessagesRedacted),
      tickets: String(done.ticketsAnonymised),
      revoked: done.discordGrantRevoked ? '1' : '0',
    });
    redirect(303, `/privacy/deleted?${query}`);
  },
};
