// API tokens for the guild's internal tools (admins only; the router refuses everyone else). A new
// token is returned once by the action and never stored readable.
import { API_TOKEN_SCOPES } from '@ticketbyte/db';
import { act, api, loadOrFail } from '$lib/server/api';
import { namesFor } from '$lib/server/people';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const caller = api(event);
  const guildId = event.params.guildId;
  const tokens = await loadOrFail(event, () => caller.tokens.list({ guildId }));
  const names = await loadOrFail(event, () =>
    namesFor(
      caller,
      guildId,
      tokens.map((t) => t.createdById),
    ),
  );
  // privacy:admin is for operators; the router refuses it for guild tokens, so it is not offered.
  return { tokens, names, scopes: API_TOKEN_SCOPES.filter((s) => s !== 'privacy:admin') };
};

type Scope = Exclude<(typeof API_TOKEN_SCOPES)[number], 'privacy:admin'>;

export const actions: Actions = {
  create: async (event) => {
    const data = await event.request.formData();
    const name = String(data.get('name') ?? '');
    const r = await act('create', () =>
      api(event).tokens.create({
        guildId: event.params.guildId,
        name,
        scopes: data.getAll('scopes').map(String) as Scope[],
      }),
    );
    return r.ok
      ? { form: 'create', success: `Token “${name.trim()}” created.`, token: r.value.token }
      : r.failure;
  },
  revoke: async (event) => {
    const tokenId = String((await event.request.formData()).get('tokenId') ?? '');
    const r = await act('revoke', () => api(event).tokens.revoke({ guildId: event.params.guildId, tokenId }));
    return r.ok
      ? { form: 'revoke', success: 'Token revoked. Tools using it are refused from now on.' }
      : r.failure;
  },
};
