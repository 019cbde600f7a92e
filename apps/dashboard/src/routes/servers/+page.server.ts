// The server picker: servers where the person is admin or staff with TicketByte present, and servers
// they could invite it to. Which servers qualify is the router's answer (account.guilds).
import { api, loadOrFail } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const caller = api(event);
  const { guilds } = await loadOrFail(event, () => caller.account.guilds());
  return { guilds };
};
