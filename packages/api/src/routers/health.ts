// `health`: whether the API can reach its database. The only procedure anonymous callers may use.
import { pingDatabase } from '@ticketbyte/db';
import { z } from 'zod';
import { publicProcedure } from '../trpc.js';

export const API_VERSION = '0.1.0';

export const healthProcedure = publicProcedure
  .output(z.object({ status: z.enum(['ok', 'degraded']), database: z.boolean(), version: z.string() }))
  .query(async () => {
    const database = await pingDatabase();
    return { status: database ? 'ok' : 'degraded', database, version: API_VERSION };
  });
