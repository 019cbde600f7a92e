// GET /privacy/export: everything held about the signed-in person as one JSON file (schema in the
// README's Privacy section), streamed from the router as it reads the database. The router records
// the request and marks it completed once the last byte was produced.
import { streamUserExport } from '@ticketbyte/api';
import { loadOrFail, routerContext } from '$lib/server/api';
import { jsonDownload, today } from '$lib/server/download';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
  const ctx = routerContext(event);
  const source = await loadOrFail(event, () => streamUserExport(ctx));
  return jsonDownload(source, `ticketbyte-export-${today()}.json`);
};
