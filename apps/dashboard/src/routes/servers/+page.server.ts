// The server picker: servers where the person is admin or staff with TicketByte present, servers
// whose data waits for deletion after the bot was removed, and servers they could invite it to. Which
// servers qualify is the router's answer (account.guilds).
import { api, loadOrFail } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const caller = api(event);
  const { guilds } = await loadOrFail(event, () => caller.account.guilds());
  // After "Delete all server data" (the name is looked up, never taken from the address).
  const deletedId = event.url.searchParams.get('dataDeleted');
  const records = Number(event.url.searchParams.get('records'));
  const dataDeleted =
    deletedId && /^\d{17,20}$/.test(deletedId)
      ? {
          name: guilds.find((g) => g.id === deletedId)?.name ?? null,
          records: Number.isSafeInteger(records) && records >= 0 ? records : null,
        }
      : null;
  return { guilds, dataDeleted };
};
