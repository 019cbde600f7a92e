// The builder for procedures on one ticket: finds it in the guild (by id or by its channel) and
// checks that the caller may see it (opener, added member, or staff of its category) and may do
// what the procedure does. A ticket the caller may not see is NOT_FOUND, like one that does not exist.
import { type ApiTokenScope, Ticket } from '@ticketbyte/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { actorAuditId, actorUserId } from '../actor.js';
import { fail } from '../errors.js';
import { accessLevel, hasAccess } from '../services/access.js';
import { guildSnapshot } from '../services/guild-snapshot.js';
import { findTicketInChannel } from '../services/ticket-channels.js';
import { requireActiveGuild, type TicketRecord } from '../services/tickets.js';
import { authedProcedure, authorizeGuild, snowflake } from '../trpc.js';
import { objectId } from '../views.js';

export const ticketRef = z
  .object({ guildId: snowflake, ticketId: objectId.optional(), channelId: snowflake.optional() })
  .refine((v) => v.ticketId || v.channelId, {
    message: 'ticketId or channelId is required',
    path: ['ticketId'],
  });

export function ticketProcedure(rule: { level: 'participant' | 'staff'; scope: ApiTokenScope }) {
  return authedProcedure.input(ticketRef).use(async ({ ctx, input, next }) => {
    const guild = await authorizeGuild(ctx, input.guildId, { level: 'member', scope: rule.scope });
    const ticket = input.ticketId
      ? ((await Ticket.findOne({
          _id: input.ticketId,
          guildId: input.guildId,
        }).lean()) as TicketRecord | null)
      : await findTicketInChannel(input.guildId, input.channelId!);
    if (!ticket || ticket.status === 'opening')
      fail('NOT_FOUND', input.ticketId ? 'error.ticketNotFound' : 'error.notInTicket');

    const actor = ctx.actor;
    let isStaff = actor.kind === 'api-token' || actor.kind === 'system';
    let isAdmin = isStaff;
    if (guild.standing) {
      const { categories } = await guildSnapshot(input.guildId);
      const category = categories.find((c) => c._id.toString() === ticket.categoryId) ?? null;
      const level = accessLevel(guild.standing, guild.settings, category?.staffRoleIds ?? []);
      isStaff = hasAccess(level, 'staff');
      isAdmin = level === 'admin';
    }
    const userId = actorUserId(actor);
    const isParticipant =
      userId !== null && (ticket.openerId === userId || (ticket.participantIds ?? []).includes(userId));
    if (!isStaff && !isParticipant)
      fail('NOT_FOUND', input.ticketId ? 'error.ticketNotFound' : 'error.notInTicket');
    if (rule.level === 'staff' && !isStaff) fail('FORBIDDEN', 'error.notStaff');
    const settings = requireActiveGuild(guild.settings);
    return next({
      ctx: {
        guild,
        settings,
        ticket,
        isStaff,
        isAdmin,
        isOpener: userId === ticket.openerId,
        /** Who is acting, as stored on the ticket (a user id, or `token:<id>` for tools). */
        actingId: userId ?? actorAuditId(actor),
      },
    });
  });
}

export function requirePerson(userId: string | null): string {
  if (!userId)
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'This action needs a person, not a token.' });
  return userId;
}
