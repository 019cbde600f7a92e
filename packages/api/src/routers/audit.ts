// `audit.*`: the record of changes in a guild, newest first.
import { AuditLog } from '@ticketbyte/db';
import { z } from 'zod';
import { guildProcedure, router } from '../trpc.js';
import { objectId } from '../views.js';

export const auditRouter = router({
  list: guildProcedure({ level: 'admin', scope: 'config:read' })
    .input(z.object({ cursor: objectId.optional(), limit: z.number().int().min(1).max(100).default(50) }))
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.string(),
            actorId: z.string(),
            actorKind: z.string(),
            action: z.string(),
            targetType: z.string().nullable(),
            targetId: z.string().nullable(),
            fields: z.array(z.string()),
            createdAt: z.date(),
          }),
        ),
        nextCursor: z.string().nullable(),
      }),
    )
    .query(async ({ input }) => {
      const filter: Record<string, unknown> = { guildId: input.guildId };
      // ObjectIds grow with time, so "older than the cursor" is "_id below it".
      if (input.cursor) filter._id = { $lt: input.cursor };
      const docs = await AuditLog.find(filter)
        .sort({ _id: -1 })
        .limit(input.limit + 1)
        .lean();
      const page = docs.slice(0, input.limit);
      return {
        items: page.map((d) => ({
          id: d._id.toString(),
          actorId: d.actorId,
          actorKind: d.actorKind,
          action: d.action,
          targetType: d.targetType ?? null,
          targetId: d.targetId ?? null,
          fields: Array.isArray((d.details as { fields?: unknown })?.fields)
            ? (d.details as { fields: string[] }).fields
            : [],
          createdAt: (d as unknown as { createdAt: Date }).createdAt,
        })),
        nextCursor: docs.length > input.limit ? page[page.length - 1]!._id.toString() : null,
      };
    }),
});
