// A server's Data & privacy page, for its admins: export everything TicketByte stores for the server,
// or delete it all after typing the server id. Works after the bot was removed (the layout lets admins
// in, the router checks their admin status with Discord through their login).
import { act, api } from '$lib/server/api';
import { fail, redirect } from '@sveltejs/kit';
import type { Actions } from './$types';

export const actions: Actions = {
  deleteAll: async (event) => {
    const guildId = event.params.guildId;
    const confirmGuildId = String((await event.request.formData()).get('confirmGuildId') ?? '').trim();
    if (confirmGuildId !== guildId) {
      return fail(400, {
        form: 'delete',
        message: 'The server id you typed does not match. Nothing was deleted.',
        fieldErrors: { confirmGuildId: 'Type this server’s id exactly as shown above.' },
      });
    }
    const r = await act('delete', () => api(event).privacy.deleteGuildData({ guildId, confirmGuildId }));
    if (!r.ok) return r.failure;
    const records = Object.values(r.value.deleted).reduce((n, c) => n + c, 0);
    redirect(303, `/servers?dataDeleted=${guildId}&records=${records}`);
  },
};
