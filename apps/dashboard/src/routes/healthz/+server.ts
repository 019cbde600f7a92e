// GET /healthz: 200 when the database answers a ping, 503 otherwise (for load balancers and start-up).
import { databaseInfo, pingDatabase } from '@ticketbyte/db';
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
  const headers = { 'cache-control': 'no-store' };
  if (!(await pingDatabase()))
    return json({ status: 'unavailable', database: 'unreachable' }, { status: 503, headers });
  return json({ status: 'ok', database: databaseInfo().kind }, { headers });
};
