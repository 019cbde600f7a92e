// `privacy.*`: the rights the privacy policy promises — access, portability, deletion, correction —
// for every signed-in person, and export and deletion of a guild's data for its admins (also after
// the bot was removed, when their admin status comes from Discord through their own login).
import { DataRequest, Session } from '@ticketbyte/db';
import { pseudonymise } from '@ticketbyte/db/crypto';
import { env } from '@ticketbyte/db/env';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Context } from '../context.js';
import { fetchUserGuilds } from '../discord/user-oauth.js';
import { guildSnapshot } from '../services/guild-snapshot.js';
import {
  accessSummary,
  completeRequest,
  deleteGuildData,
  deleteUserData,
  exportGuildData,
  exportUserData,
  recordRequest,
  refreshProfile,
  retentionSweep,
} from '../services/privacy.js';
import {
  authedProcedure,
  authorizeGuild,
  router,
  snowflake,
  systemProcedure,
  userProcedure,
} from '../trpc.js';
import { auditTarget } from '../views.js';

export const DELETE_MY_DATA_CONFIRMATION = 'delete my data';

/** Guild admins — checked with the bot while it is there, and with Discord through OAuth after it left. */
export async function authorizeGuildPrivacy(ctx: Context, guildId: string): Promise<void> {
  const actor = ctx.actor;
  if (actor.kind === 'system') return;
  const { settings } = await guildSnapshot(guildId);
  if (actor.kind === 'user' && (!settings || settings.removedAt)) {
    const theirs = (await fetchUserGuilds(ctx.discordApiUrl, actor.userId)).find((g) => g.id === guildId);
    const manages =
      theirs &&
      (theirs.owner === true ||
        (BigInt(theirs.permissions) &
          (PermissionFlagsBits.Administrator | PermissionFlagsBits.ManageGuild)) !==
          0n);
    if (!manages) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such server.' });
    return;
  }
  await authorizeGuild(ctx, guildId, { level: 'admin', scope: 'privacy:admin' });
}

/** Passes an export through, marking its request completed, failed, or cancelled (download stopped). */
async function* recordedStream(
  ctx: Context,
  requestId: unknown,
  chunks: AsyncGenerator<string>,
): AsyncGenerator<string> {
  let outcome = 'cancelled by the recipient';
  try {
    yield* chunks;
    outcome = '';
  } catch (error) {
    outcome = (error as Error).name;
    throw error;
  } finally {
    await completeRequest(requestId, ctx.now(), outcome || undefined);
  }
}

/** The person's own export, authorised and recorded; the dashboard streams it as a download. */
export async function streamUserExport(ctx: Context): Promise<AsyncGenerator<string>> {
  if (ctx.actor.kind !== 'user')
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only for signed-in people.' });
  const userId = ctx.actor.userId;
  const request = await recordRequest('export', userId, ctx.now());
  return recordedStream(ctx, request._id, exportUserData(userId, ctx.now()));
}

/** A guild's export for its admins, authorised and recorded. */
export async function streamGuildExport(ctx: Context, guildId: string): Promise<AsyncGenerator<string>> {
  snowflake.parse(guildId);
  await authorizeGuildPrivacy(ctx, guildId);
  const requesterId = ctx.actor.kind === 'user' ? ctx.actor.userId : ctx.actor.kind;
  const request = await recordRequest('guild-export', requesterId, ctx.now(), guildId);
  return recordedStream(ctx, request._id, exportGuildData(guildId, ctx.now()));
}

const requestView = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  requestedAt: z.date(),
  completedAt: z.date().nullable(),
});

const ACCESS_RECORD_INTERVAL_MS = 86_400_000;

export const privacyRouter = router({
  /** "Access": everything held about the signed-in person, by kind, with counts and dates. */
  summary: userProcedure.query(async ({ ctx }) => {
    // Looking is exercising the right of access: recorded, at most once a day.
    const recent = await DataRequest.exists({
      requesterId: ctx.actor.userId,
      kind: 'access',
      requestedAt: { $gt: new Date(ctx.now().getTime() - ACCESS_RECORD_INTERVAL_MS) },
    });
    if (!recent)
      await completeRequest((await recordRequest('access', ctx.actor.userId, ctx.now()))._id, ctx.now());
    return accessSummary(ctx.actor.userId, ctx.actor.sessionId ?? null);
  }),

  requests: userProcedure.output(z.array(requestView)).query(async ({ ctx }) =>
    (
      await DataRequest.find({ requesterId: ctx.actor.userId }).sort({ requestedAt: -1 }).limit(100).lean()
    ).map((r) => ({
      id: r._id.toString(),
      kind: r.kind,
      status: r.status,
      requestedAt: r.requestedAt,
      completedAt: r.completedAt ?? null,
    })),
  ),

  /** End one of my sessions (any device); ending the current one logs this browser out. */
  endSession: userProcedure
    .input(z.object({ sessionId: z.string().regex(/^[a-f0-9]{64}$/) }))
    .output(z.object({ ended: z.boolean(), audit: auditTarget }))
    .mutation(async ({ ctx, input }) => {
      const res = await Session.deleteOne({ _id: input.sessionId, userId: ctx.actor.userId });
      if (res.deletedCount === 0) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such session.' });
      return { ended: true, audit: { type: 'user', id: ctx.actor.userId } };
    }),

  /** "Correction": refresh name and avatar from Discord, the source of truth. */
  refreshProfile: userProcedure
    .output(
      z.object({
        username: z.string(),
        globalName: z.string().nullable(),
        avatar: z.string().nullable(),
        profileSyncedAt: z.date(),
        audit: auditTarget,
      }),
    )
    .mutation(async ({ ctx }) => ({
      ...(await refreshProfile(ctx, ctx.actor.userId)),
      audit: { type: 'user', id: ctx.actor.userId },
    })),

  /** "Deletion": everything about me, after I typed the confirmation. Logs me out everywhere. */
  deleteMyData: userProcedure
    .input(
      z.object({
        confirm: z.literal(DELETE_MY_DATA_CONFIRMATION, {
          error: `Type "${DELETE_MY_DATA_CONFIRMATION}" to confirm.`,
        }),
      }),
    )
    .output(
      z.object({
        discordGrantRevoked: z.boolean(),
        oauthAccountsDeleted: z.number(),
        sessionsEnded: z.number(),
        transcriptMessagesRedacted: z.number(),
        ticketsAnonymised: z.number(),
        audit: auditTarget,
      }),
    )
    .mutation(async ({ ctx }) => {
      const { alias, ...summary } = await deleteUserData(ctx, ctx.actor.userId);
      return { ...summary, audit: { type: 'user', id: alias, actorAlias: alias } };
    }),

  /** Operators acting on a request made in the support server (a token with privacy:admin for all guilds). */
  deleteUserData: authedProcedure
    .input(z.object({ userId: snowflake }))
    .output(
      z.object({ ticketsAnonymised: z.number(), transcriptMessagesRedacted: z.number(), audit: auditTarget }),
    )
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      if (
        !(actor.kind === 'api-token' && actor.scopes.includes('privacy:admin') && actor.guildIds.length === 0)
      ) {
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: 'Needs an operator token with the privacy:admin scope.',
        });
      }
      const { alias, ticketsAnonymised, transcriptMessagesRedacted } = await deleteUserData(
        ctx,
        input.userId,
      );
      return { ticketsAnonymised, transcriptMessagesRedacted, audit: { type: 'user', id: alias } };
    }),

  /** A guild's admins delete everything TicketByte stores for it (also after removing the bot). */
  deleteGuildData: authedProcedure
    .input(z.object({ guildId: snowflake, confirmGuildId: snowflake }))
    .output(z.object({ deleted: z.record(z.string(), z.number()), audit: auditTarget }))
    .mutation(async ({ ctx, input }) => {
      await authorizeGuildPrivacy(ctx, input.guildId);
      if (input.confirmGuildId !== input.guildId) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'Type the server id to confirm.' });
      }
      const requesterId = ctx.actor.kind === 'user' ? ctx.actor.userId : ctx.actor.kind;
      const request = await recordRequest('guild-deletion', requesterId, ctx.now(), input.guildId);
      const deleted = await deleteGuildData(input.guildId);
      await completeRequest(request._id, ctx.now());
      // Filed under no guild and named by a pseudonym: the guild's data, this entry included, is gone.
      return { deleted, audit: { type: 'guild', id: pseudonymise(input.guildId), guildId: null } };
    }),

  /** Retention: expired transcripts and sessions, and guilds past the grace period. */
  sweep: systemProcedure
    .input(z.object({ graceDays: z.number().int().min(1).max(365).optional() }).optional())
    .output(z.object({ transcriptMessages: z.number(), sessions: z.number(), guildsDeleted: z.number() }))
    .mutation(({ ctx, input }) => retentionSweep(ctx, input?.graceDays ?? env().GUILD_DATA_GRACE_DAYS)),
});
