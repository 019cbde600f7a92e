// `tokens.*`: a guild's admins manage API tokens restricted to their guild.
import { ApiToken, API_TOKEN_SCOPES } from '@ticketbyte/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { actorAuditId } from '../actor.js';
import { createApiToken } from '../services/api-tokens.js';
import { guildProcedure, router } from '../trpc.js';
import { auditTarget, objectId } from '../views.js';

const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  displayPrefix: z.string(),
  scopes: z.array(z.enum(API_TOKEN_SCOPES)),
  createdById: z.string(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

export const tokensRouter = router({
  list: guildProcedure({ level: 'admin' })
    .output(z.array(tokenView))
    .query(async ({ input }) =>
      (await ApiToken.find({ guildIds: input.guildId }).sort({ createdAt: -1 }).limit(100).lean()).map(
        (t) => ({
          id: t._id.toString(),
          name: t.name,
          displayPrefix: t.displayPrefix,
          scopes: t.scopes as (typeof API_TOKEN_SCOPES)[number][],
          createdById: t.createdById,
          createdAt: (t as unknown as { createdAt: Date }).createdAt,
          lastUsedAt: t.lastUsedAt ?? null,
          revokedAt: t.revokedAt ?? null,
        }),
      ),
    ),

  /** Returns the token once; only its hash is kept. */
  create: guildProcedure({ level: 'admin' })
    .input(
      z.object({
        name: z.string().trim().min(1).max(64),
        // Guild tokens cannot administer privacy for everyone; that scope is for operators.
        scopes: z.array(z.enum(API_TOKEN_SCOPES).exclude(['privacy:admin'])).min(1),
      }),
    )
    .output(z.object({ id: z.string(), token: z.string(), audit: auditTarget }))
    .mutation(async ({ ctx, input }) => {
      const created = await createApiToken({
        name: input.name,
        scopes: [...new Set(input.scopes)],
        guildIds: [input.guildId],
        createdById: actorAuditId(ctx.actor),
      });
      return { ...created, audit: { type: 'token', id: created.id } };
    }),

  revoke: guildProcedure({ level: 'admin' })
    .input(z.object({ tokenId: objectId }))
    .output(z.object({ revoked: z.boolean(), audit: auditTarget }))
    .mutation(async ({ ctx, input }) => {
      // Only a token restricted to exactly this guild may be revoked from it.
      const res = await ApiToken.updateOne(
        { _id: input.tokenId, guildIds: [input.guildId], revokedAt: null },
        { $set: { revokedAt: ctx.now() } },
      );
      if (res.modifiedCount === 0)
        throw new TRPCError({ code: 'NOT_FOUND', message: 'No such active token.' });
      return { revoked: true, audit: { type: 'token', id: input.tokenId } };
    }),
});
