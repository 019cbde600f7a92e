// `ticket.*`: everything members and staff do with tickets, from any front-end.
import { randomUUID } from 'node:crypto';
import {
  AuditLog,
  Guild,
  type GuildSettings,
  Ticket,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TranscriptMessage,
} from '@ticketbyte/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { actorUserId } from '../actor.js';
import { fail } from '../errors.js';
import { accessLevel, hasAccess } from '../services/access.js';
import { guildSnapshot } from '../services/guild-snapshot.js';
import { findTicketInChannel, isTicketChannelOpening } from '../services/ticket-channels.js';
import * as tickets from '../services/tickets.js';
import {
  readTranscript,
  renderTranscriptHtml,
  renderTranscriptJson,
  sealTranscriptContent,
  storeTranscriptMessage,
} from '../services/transcripts.js';
import { guildProcedure, router, snowflake, systemProcedure } from '../trpc.js';
import { objectId, ticketMutationResult, ticketView, toTicketView } from '../views.js';
import { requirePerson, ticketProcedure } from './ticket-procedure.js';

const reason = z.string().trim().max(500).optional();

function result(ticket: tickets.TicketRecord) {
  return { ticket: toTicketView(ticket), audit: { type: 'ticket' as const, id: ticket._id.toString() } };
}

const transcriptEntry = z.object({
  messageId: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  authorAvatar: z.string().nullable(),
  authorIsBot: z.boolean(),
  content: z.string(),
  attachments: z.array(
    z.object({
      name: z.string(),
      size: z.number(),
      contentType: z.string().nullable(),
      url: z.string().nullable(),
    }),
  ),
  embeds: z.array(z.string()),
  sentAt: z.date(),
  editedAt: z.date().nullable(),
  deletedAt: z.date().nullable(),
});

const messageFacts = z.object({
  guildId: snowflake,
  channelId: snowflake,
  messageId: snowflake,
  authorId: snowflake,
  authorName: z.string().max(100),
  authorAvatar: z.string().max(200).nullable().default(null),
  authorIsBot: z.boolean().default(false),
  authorRoleIds: z.array(snowflake).default([]),
  content: z.string().max(4000).default(''),
  attachments: z
    .array(
      z.object({
        name: z.string().max(256),
        size: z.number().int().min(0),
        contentType: z.string().nullable(),
        url: z.string().url().nullable(),
      }),
    )
    .max(10)
    .default([]),
  embeds: z.array(z.string().max(300)).max(10).default([]),
  sentAt: z.date(),
});

export const ticketRouter = router({
  open: guildProcedure({ level: 'member', scope: 'tickets:write' })
    .input(
      z.object({
        categoryId: objectId.optional(),
        topic: z.string().trim().max(1024).optional(),
        answers: z.record(z.string().max(40), z.string().max(4000)).optional(),
        /** Opening on behalf of someone (staff and tokens only). */
        openerId: snowflake.optional(),
        /** Idempotency: the interaction id for the bot; any unique string for other callers. */
        openKey: z.string().min(1).max(100).optional(),
      }),
    )
    .output(ticketMutationResult.extend({ created: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const actor = ctx.actor;
      let opener: tickets.Opener;
      if (actor.kind === 'bot-member' && (!input.openerId || input.openerId === actor.userId)) {
        opener = { userId: actor.userId, username: actor.username, roleIds: actor.roleIds };
      } else {
        const openerId = input.openerId ?? actorUserId(actor);
        if (!openerId)
          throw new TRPCError({ code: 'BAD_REQUEST', message: 'openerId is required for API tokens.' });
        if (openerId !== actorUserId(actor) && !hasAccess(ctx.guild.level, 'staff'))
          fail('FORBIDDEN', 'error.notStaff');
        const member = await ctx.discord.getMember(input.guildId, openerId);
        if (!member)
          throw new TRPCError({ code: 'NOT_FOUND', message: 'That person is not a member of this server.' });
        opener = { userId: member.userId, username: member.username, roleIds: member.roleIds };
      }
      const { ticket, created } = await tickets.openTicket(ctx, input.guildId, opener, {
        categoryId: input.categoryId,
        topic: input.topic,
        answers: input.answers,
        openKey: `${input.guildId}:${input.openKey ?? randomUUID()}`,
      });
      return { ...result(ticket), created };
    }),

  close: ticketProcedure({ level: 'participant', scope: 'tickets:write' })
    .input(z.object({ reason }))
    .output(ticketMutationResult)
    .mutation(async ({ ctx, input }) =>
      result(
        await tickets.closeTicket(
          ctx,
          ctx.settings,
          ctx.ticket,
          { userId: ctx.actingId, isStaff: ctx.isStaff },
          input.reason || null,
        ),
      ),
    ),

  requestClose: ticketProcedure({ level: 'staff', scope: 'tickets:write' })
    .input(z.object({ reason }))
    .output(ticketMutationResult)
    .mutation(async ({ ctx, input }) =>
      result(await tickets.requestClose(ctx, ctx.settings, ctx.ticket, ctx.actingId, input.reason || null)),
    ),

  answerCloseRequest: ticketProcedure({ level: 'participant', scope: 'tickets:write' })
    .input(z.object({ accept: z.boolean() }))
    .output(ticketMutationResult)
    .mutation(async ({ ctx, input }) => {
      if (!ctx.isOpener) fail('FORBIDDEN', 'error.forbidden');
      return result(
        await tickets.answerCloseRequest(ctx, ctx.settings, ctx.ticket, ctx.actingId, input.accept),
      );
    }),

  reopen: ticketProcedure({ level: 'staff', scope: 'tickets:write' })
    .output(ticketMutationResult)
    .mutation(async ({ ctx }) =>
      result(await tickets.reopenTicket(ctx, ctx.settings, ctx.ticket, ctx.actingId)),
    ),

  deleteChannel: ticketProcedure({ level: 'staff', scope: 'tickets:write' })
    .output(ticketMutationResult)
    .mutation(async ({ ctx }) =>
      result(await tickets.deleteTicketChannel(ctx, ctx.settings, ctx.ticket, ctx.actingId)),
    ),

  claim: ticketProcedure({ level: 'staff', scope: 'tickets:write' })
    .output(ticketMutationResult)
    .mutation(async ({ ctx }) =>
      result(await tickets.claimTicket(ctx, ctx.settings, ctx.ticket, requirePerson(actorUserId(ctx.actor)))),
    ),

  unclaim: ticketProcedure({ level: 'staff', scope: 'tickets:write' })
    .output(ticketMutationResult)
    .mutation(async ({ ctx }) =>
      result(await tickets.unclaimTicket(ctx, ctx.settings, ctx.ticket, ctx.actingId, ctx.isAdmin)),
    ),

  addMember: ticketProcedure({ level: 'staff', scope: 'tickets:write' })
    .input(z.object({ memberId: snowflake }))
    .output(ticketMutationResult)
    .mutation(async ({ ctx, input }) =>
      result(await tickets.addMember(ctx, ctx.settings, ctx.ticket, ctx.actingId, input.memberId)),
    ),

  removeMember: ticketProcedure({ level: 'staff', scope: 'tickets:write' })
    .input(z.object({ memberId: snowflake }))
    .output(ticketMutationResult)
    .mutation(async ({ ctx, input }) =>
      result(await tickets.removeMember(ctx, ctx.settings, ctx.ticket, ctx.actingId, input.memberId)),
    ),

  rename: ticketProcedure({ level: 'staff', scope: 'tickets:write' })
    .input(z.object({ name: z.string().trim().min(1).max(100) }))
    .output(ticketMutationResult.extend({ channelName: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const renamed = await tickets.renameTicket(ctx, ctx.settings, ctx.ticket, input.name);
      return { ...result(ctx.ticket), channelName: renamed.channelName };
    }),

  setPriority: ticketProcedure({ level: 'staff', scope: 'tickets:write' })
    .input(z.object({ priority: z.enum(TICKET_PRIORITIES) }))
    .output(ticketMutationResult)
    .mutation(async ({ ctx, input }) =>
      result(await tickets.setPriority(ctx, ctx.settings, ctx.ticket, input.priority)),
    ),

  setTopic: ticketProcedure({ level: 'participant', scope: 'tickets:write' })
    .input(z.object({ topic: z.string().trim().max(1024) }))
    .output(ticketMutationResult)
    .mutation(async ({ ctx, input }) =>
      result(await tickets.setTopic(ctx, ctx.settings, ctx.ticket, input.topic)),
    ),

  get: ticketProcedure({ level: 'participant', scope: 'tickets:read' })
    .input(z.object({ withTranscript: z.boolean().default(true) }))
    .output(
      z.object({
        ticket: ticketView,
        /** What the caller may do here (the bot picks its prompts by it). */
        viewer: z.object({ isStaff: z.boolean(), isOpener: z.boolean() }),
        transcript: z.array(transcriptEntry).nullable(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const entries = input.withTranscript ? await readTranscript(ctx.ticket._id.toString()) : [];
      return {
        ticket: toTicketView(ctx.ticket),
        viewer: { isStaff: ctx.isStaff, isOpener: ctx.isOpener },
        transcript:
          input.withTranscript && (ctx.settings.transcriptsEnabled || entries.length > 0) ? entries : null,
      };
    }),

  transcript: ticketProcedure({ level: 'staff', scope: 'tickets:read' })
    .input(z.object({ format: z.enum(['html', 'json']).default('html') }))
    .output(
      z.object({ fileName: z.string(), contentType: z.string(), body: z.string(), messageCount: z.number() }),
    )
    .query(async ({ ctx, input }) => {
      const entries = await readTranscript(ctx.ticket._id.toString());
      const header = {
        guildName: ctx.settings.name || ctx.ticket.guildId,
        ticketNumber: ctx.ticket.number,
        topic: ctx.ticket.topic ?? '',
        openedAt: ctx.ticket.openedAt,
        closedAt: ctx.ticket.closedAt ?? null,
      };
      return input.format === 'html'
        ? {
            fileName: `transcript-${ctx.ticket.number}.html`,
            contentType: 'text/html',
            body: renderTranscriptHtml(header, entries),
            messageCount: entries.length,
          }
        : {
            fileName: `transcript-${ctx.ticket.number}.json`,
            contentType: 'application/json',
            body: renderTranscriptJson(header, entries),
            messageCount: entries.length,
          };
    }),

  /** What happened to a ticket, oldest first: every change recorded in the audit log. */
  history: ticketProcedure({ level: 'staff', scope: 'tickets:read' })
    .output(
      z.array(
        z.object({
          action: z.string(),
          actorId: z.string(),
          actorKind: z.string(),
          fields: z.array(z.string()),
          at: z.date(),
        }),
      ),
    )
    .query(async ({ ctx }) =>
      (
        await AuditLog.find({
          guildId: ctx.ticket.guildId,
          targetType: 'ticket',
          targetId: ctx.ticket._id.toString(),
        })
          .sort({ _id: 1 })
          .limit(500)
          .lean()
      ).map((a) => ({
        action: a.action,
        actorId: a.actorId,
        actorKind: a.actorKind,
        fields: ((a.details as { fields?: string[] })?.fields ?? []).filter(
          (f) => f !== 'ticketId' && f !== 'channelId',
        ),
        at: (a as unknown as { createdAt: Date }).createdAt,
      })),
    ),

  list: guildProcedure({ level: 'staff', scope: 'tickets:read' })
    .input(
      z.object({
        status: z.enum(TICKET_STATUSES).exclude(['opening']).optional(),
        categoryId: objectId.optional(),
        openerId: snowflake.optional(),
        claimedById: snowflake.optional(),
        unclaimed: z.boolean().optional(),
        priority: z.enum(TICKET_PRIORITIES).optional(),
        from: z.date().optional(),
        to: z.date().optional(),
        search: z.string().trim().max(100).optional(),
        /** The number of the last ticket on the previous page. */
        cursor: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(100).default(25),
      }),
    )
    .output(z.object({ items: z.array(ticketView), nextCursor: z.number().nullable() }))
    .query(async ({ input }) => {
      const filter: Record<string, unknown> = {
        guildId: input.guildId,
        status: input.status ?? { $ne: 'opening' },
      };
      if (input.categoryId) filter.categoryId = input.categoryId;
      if (input.openerId) filter.openerId = input.openerId;
      if (input.claimedById) filter.claimedById = input.claimedById;
      else if (input.unclaimed) filter.claimedById = null;
      if (input.priority) filter.priority = input.priority;
      if (input.from || input.to)
        filter.openedAt = { ...(input.from && { $gte: input.from }), ...(input.to && { $lte: input.to }) };
      if (input.search) {
        const asNumber = Number(input.search.replace(/^#/, ''));
        const escaped = input.search.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        filter.$or = [
          { topic: { $regex: escaped, $options: 'i' } },
          ...(Number.isInteger(asNumber) ? [{ number: asNumber }] : []),
        ];
      }
      if (input.cursor) filter.number = { $lt: input.cursor };
      const docs = (await Ticket.find(filter)
        .sort({ number: -1 })
        .limit(input.limit + 1)
        .lean()) as tickets.TicketRecord[];
      const page = docs.slice(0, input.limit);
      return {
        items: page.map(toTicketView),
        nextCursor: docs.length > input.limit ? page[page.length - 1]!.number : null,
      };
    }),

  // --- Gateway events, reported by the bot as the system actor ---

  recordMessage: systemProcedure
    .meta({ audit: false })
    .input(messageFacts)
    .output(z.object({ ticketId: z.string().nullable(), stored: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      // A ticket still opening records nothing (its own welcome message arrives then).
      if (isTicketChannelOpening(input.channelId)) return { ticketId: null, stored: false };
      const ticket = await findTicketInChannel(input.guildId, input.channelId);
      if (!ticket || ticket.status === 'opening') return { ticketId: null, stored: false };
      const { settings, categories } = await guildSnapshot(input.guildId);
      if (!settings) return { ticketId: null, stored: false };
      const category = categories.find((c) => c._id.toString() === ticket.categoryId) ?? null;
      if (!input.authorIsBot) {
        const standing = { isMember: true, isOwner: false, permissions: 0n, roleIds: input.authorRoleIds };
        const isStaff = hasAccess(accessLevel(standing, settings, category?.staffRoleIds ?? []), 'staff');
        await tickets.recordActivity(ctx, ticket, isStaff, input.authorId);
      }
      const stored = await storeTranscriptMessage(settings, ticket._id.toString(), input);
      return { ticketId: ticket._id.toString(), stored };
    }),

  recordMessageEdit: systemProcedure
    .meta({ audit: false })
    .input(
      z.object({
        guildId: snowflake,
        channelId: snowflake,
        messageId: snowflake,
        content: z.string().max(4000),
        editedAt: z.date(),
      }),
    )
    .output(z.object({ updated: z.boolean() }))
    .mutation(async ({ input }) => {
      const { settings } = await guildSnapshot(input.guildId);
      if (!settings?.transcriptsEnabled) return { updated: false };
      const res = await TranscriptMessage.updateOne(
        { _id: input.messageId, guildId: input.guildId, channelId: input.channelId, redacted: false },
        {
          $set: { content: sealTranscriptContent(input.messageId, input.content), editedAt: input.editedAt },
        },
      );
      return { updated: res.modifiedCount > 0 };
    }),

  recordMessageDelete: systemProcedure
    .meta({ audit: false })
    .input(z.object({ guildId: snowflake, channelId: snowflake, messageId: snowflake, deletedAt: z.date() }))
    .output(z.object({ updated: z.boolean() }))
    .mutation(async ({ input }) => {
      const res = await TranscriptMessage.updateOne(
        { _id: input.messageId, guildId: input.guildId, channelId: input.channelId },
        { $set: { deletedAt: input.deletedAt } },
      );
      return { updated: res.modifiedCount > 0 };
    }),

  channelDeleted: systemProcedure
    .input(z.object({ guildId: snowflake, channelId: snowflake }))
    .output(z.object({ closed: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const ticket = await findTicketInChannel(input.guildId, input.channelId);
      const { settings } = await guildSnapshot(input.guildId);
      if (!ticket || !settings) return { closed: false };
      const closed = await tickets.closeForDeletedChannel(ctx, settings, ticket);
      return { closed: closed !== null };
    }),

  memberLeft: systemProcedure
    .input(z.object({ guildId: snowflake, userId: snowflake }))
    .output(z.object({ closed: z.number() }))
    .mutation(async ({ ctx, input }) => {
      const { settings } = await guildSnapshot(input.guildId);
      if (!settings?.closeTicketsWhenMemberLeaves) return { closed: 0 };
      let closed = 0;
      for (const ticket of await tickets.openTicketsOf(input.guildId, input.userId)) {
        await tickets.closeTicket(
          ctx,
          settings,
          ticket,
          { userId: 'system', isStaff: false },
          'Member left the server',
        );
        closed++;
      }
      return { closed };
    }),

  autoCloseSweep: systemProcedure
    .output(z.object({ warned: z.number(), closed: z.number() }))
    .mutation(async ({ ctx }) => {
      const guilds = (await Guild.find({
        autoCloseAfterHours: { $gt: 0 },
        removedAt: null,
      }).lean()) as GuildSettings[];
      return tickets.autoCloseSweep(ctx, guilds);
    }),
});
