// GET /servers/:id/privacy/export: everything TicketByte stores for a server, as one JSON file, for
// its admins (also after the bot was removed). The router authorises and records the request before
// the first byte; anyone else gets the 404 page.
import { streamGuildExport } from '@ticketbyte/api';
import { loadOrFail, routerContext } from '$lib/server/api';
import { jsonDownload, today } from '$lib/server/download';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
  const ctx = routerContext(event);
  const guildId = event.params.guildId;
  const source = await loadOrFail(event, () => streamGuildExport(ctx, guildId));
  return jsonDownload(source, `ticketbyte-server-${guildId}-${today()}.json`);
};
