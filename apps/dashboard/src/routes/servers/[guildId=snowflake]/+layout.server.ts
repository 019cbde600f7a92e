// A guild's frame: its name and the caller's standing there (admin or staff), from the router's
// server list. Anyone else gets the 404 page — the same page as for a server that does not exist.
// After the bot was removed, the server's admins still reach its Data & privacy page (export, or
// delete sooner than the grace period); the router authorises them through their Discord login then.
import { api, loadOrFail } from '$lib/server/api';
import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

const PRIVACY_ROUTE = '/servers/[guildId=snowflake]/privacy';

export const load: LayoutServerLoad = async (event) => {
  const caller = api(event);
  const { guilds } = await loadOrFail(event, () => caller.account.guilds());
  const guild = guilds.find(
    (g) =>
      g.id === event.params.guildId &&
      (g.botPresent ||
        (event.route.id === PRIVACY_ROUTE && g.access === 'admin' && g.dataDeletedAfter !== null)),
  );
  if (!guild) error(404, 'Not found');
  return {
    guild: {
      id: guild.id,
      name: guild.name,
      access: guild.access,
      botPresent: guild.botPresent,
      dataDeletedAfter: guild.dataDeletedAfter,
      inviteUrl: guild.inviteUrl,
    },
  };
};
