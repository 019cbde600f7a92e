// GET …/transcript?format=html|json: the stored transcript as a file, always downloaded (never shown
// on this origin), rendered by the router.
import { api, loadOrFail } from '$lib/server/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
  const format = event.url.searchParams.get('format') === 'json' ? 'json' : 'html';
  const caller = api(event);
  const file = await loadOrFail(event, () =>
    caller.ticket.transcript({ guildId: event.params.guildId, ticketId: event.params.ticketId, format }),
  );
  return new Response(file.body, {
    headers: {
      'content-type': `${file.contentType}; charset=utf-8`,
      'content-disposition': `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`,
      'cache-control': 'no-store',
    },
  });
};
