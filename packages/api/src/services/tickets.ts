// Ticket rules: opening (limits, blacklist, idempotency), claiming, closing, reopening, members,
// naming, priority, activity and auto-close. Discord side effects go through the port, ordered so
// that a failure leaves no ticket without its channel and no channel without its ticket.
import {
  type GuildSettings,
  incrementDailyStats,
  insertNumberedTicket,
  OpenTicketSlot,
  releaseOpenTicketSlot,
  takeOpenTicketSlot,
  Ticket,
  type TicketDoc,
  TranscriptMessage,
  documentLockKey,
  withWriteLock,
} from '@ticketbyte/db';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { TRPCError } from '@trpc/server';
import type { Context } from '../context.js';
import type { PermissionOverwrite } from '../discord/port.js';
import { fail } from '../errors.js';
import { t } from '../i18n/index.js';
import { type CategoryRecord, guildSnapshot } from './guild-snapshot.js';
import { ticketChannelName, sanitizeChannelName } from './channel-names.js';
import {
  closedMessage,
  closeRequestMessage,
  logEntry,
  noticeMessage,
  reopenedMessage,
  welcomeMessage,
} from './ticket-messages.js';
import { inBackground } from './background.js';
import { postLogEntry } from './log-channel.js';
import { rememberTicketChannel, ticketChannelSettled } from './ticket-channels.js';
import { readTranscript, renderTranscriptHtml, renderTranscriptJson } from './transcripts.js';

export type TicketRecord = TicketDoc & { _id: { toString(): string }; createdAt?: Date; updatedAt?: Date };

const MEMBER_ALLOW =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.EmbedLinks;
const STAFF_ALLOW = MEMBER_ALLOW | PermissionFlagsBits.ManageMessages;
const BOT_ALLOW = STAFF_ALLOW | PermissionFlagsBits.ManageChannels;
/** Reopening may exceed the member's own limit (staff decided), but never this hard cap. */
const REOPEN_SLOT_CAP = 25;

export function locale(settings: GuildSettings | null): string {
  return settings?.language ?? 'en';
}

export function staffRoleIdsFor(settings: GuildSettings, category: CategoryRecord | null): string[] {
  return [...new Set([...(settings.staffRoleIds ?? []), ...(category?.staffRoleIds ?? [])])];
}

export function requireActiveGuild(settings: GuildSettings | null): GuildSettings {
  if (!settings) fail('PRECONDITION_FAILED', 'error.notSetUp');
  if (settings.removedAt) fail('PRECONDITION_FAILED', 'error.guildRemoved');
  return settings;
}

export interface Opener {
  userId: string;
  username: string;
  roleIds: string[];
}

export interface OpenTicketInput {
  categoryId?: string;
  topic?: string;
  answers?: Record<string, string>;
  /** The interaction id, or a caller-chosen request id: the same key never makes two tickets. */
  openKey: string;
}

async function waitForTicketByKey(openKey: string, timeoutMs = 10_000): Promise<TicketRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ticket = (await Ticket.findOne({ openKey }).lean()) as TicketRecord | null;
    if (ticket && ticket.status !== 'opening') return ticket;
    if (Date.now() > deadline)
      throw new TRPCError({ code: 'CONFLICT', message: 'This ticket is still being opened.' });
    await new Promise((r) => setTimeout(r, 50));
  }
}

function validateAnswers(category: CategoryRecord | null, answers: Record<string, string>) {
  const questions = category?.questions ?? [];
  const missing = questions.filter((q) => q.required && !answers[q.questionId]?.trim()).map((q) => q.label);
  if (missing.length > 0) fail('BAD_REQUEST', 'error.answersMissing', { questions: missing.join(', ') });
  return questions.map((q) => ({
    questionId: q.questionId,
    label: q.label,
    value: (answers[q.questionId] ?? '').trim().slice(0, q.maxLength ?? 4000),
  }));
}

export async function openTicket(ctx: Context, guildId: string, opener: Opener, input: OpenTicketInput) {
  const {
    settings: maybeSettings,
    categories,
    blacklistedUserIds,
    blacklistedRoleIds,
  } = await guildSnapshot(guildId);
  const settings = requireActiveGuild(maybeSettings);
  const lang = locale(settings);

  let category: CategoryRecord | null = null;
  if (input.categoryId) {
    category = categories.find((c) => c._id.toString() === input.categoryId) ?? null;
    if (!category) fail('NOT_FOUND', 'error.unknownCategory');
  } else {
    category = categories[0] ?? null;
  }
  const answers = validateAnswers(category, input.answers ?? {});

  if (blacklistedUserIds.has(opener.userId) || opener.roleIds.some((r) => blacklistedRoleIds.has(r))) {
    fail('FORBIDDEN', 'error.blacklisted');
  }

  // The slot is both the limit and the idempotency claim (its ticket key is unique).
  const slot = await takeOpenTicketSlot(
    guildId,
    opener.userId,
    settings.maxOpenTicketsPerUser,
    input.openKey,
  );
  if (slot === 'key-in-use') return { ticket: await waitForTicketByKey(input.openKey), created: false };
  if (slot === 'limit-reached') {
    fail('PRECONDITION_FAILED', 'error.ticketLimit', { limit: settings.maxOpenTicketsPerUser });
  }

  let ticketId: string | undefined;
  let channelId: string | undefined;
  try {
    const now = ctx.now();
    const pending = await insertNumberedTicket(guildId, {
      openKey: input.openKey,
      categoryId: category?._id.toString() ?? null,
      openerId: opener.userId,
      topic: input.topic?.trim() ?? '',
      answers,
      status: 'opening',
      openedAt: now,
      lastActivityAt: now,
    });
    ticketId = pending._id.toString();
    const number = pending.number;

    const staffRoleIds = staffRoleIdsFor(settings, category);
    const botId = await ctx.discord.botUserId();
    const overwrites: PermissionOverwrite[] = [
      { id: guildId, type: 'role', allow: 0n, deny: PermissionFlagsBits.ViewChannel },
      { id: botId, type: 'member', allow: BOT_ALLOW, deny: 0n },
      { id: opener.userId, type: 'member', allow: MEMBER_ALLOW, deny: 0n },
      ...staffRoleIds.map((id) => ({ id, type: 'role' as const, allow: STAFF_ALLOW, deny: 0n })),
    ];
    const channel = await ctx.discord.createTextChannel(guildId, {
      name: ticketChannelName(category?.ticketNameTemplate ?? settings.ticketNameTemplate, {
        number,
        username: opener.username,
        category: category?.name,
      }),
      parentId: category?.parentChannelId ?? settings.ticketParentChannelId ?? null,
      topic: `TicketByte ticket #${number} · ${ticketId}`,
      overwrites,
    });
    channelId = channel.id;
    rememberTicketChannel(channel.id, ticketId);
    await ctx.discord.sendMessage(
      channel.id,
      welcomeMessage({
        locale: lang,
        ticketId,
        number,
        openerId: opener.userId,
        categoryName: category?.name ?? null,
        topic: input.topic?.trim() ?? '',
        answers,
        staffRoleIds,
      }),
    );
    const ticket = (await updateTicket(ticketId, {
      $set: { status: 'open', channelId: channel.id },
    })) as TicketRecord;
    ticketChannelSettled(channel.id);

    await afterEffects(ctx, 'ticket.open.after', [
      incrementDailyStats(guildId, now, { opened: 1, categoryId: ticket.categoryId }),
      postLog(ctx, settings, { key: 'log.opened', number, userId: opener.userId, channelId: channel.id }),
    ]);
    return { ticket, created: true };
  } catch (error) {
    // Undo in reverse order so nothing is left half-made; then report the original failure.
    if (channelId) {
      ticketChannelSettled(channelId);
      await ctx.discord.deleteChannel(channelId).catch(() => undefined);
    }
    if (ticketId) await Ticket.deleteOne({ _id: ticketId, status: 'opening' }).catch(() => undefined);
    await releaseOpenTicketSlot(input.openKey).catch(() => undefined);
    throw error;
  }
}

/** Side effects that must not fail the operation that already happened; failures are logged. */
async function afterEffects(ctx: Context, event: string, effects: Array<Promise<unknown>>) {
  const results = await Promise.allSettled(effects);
  for (const r of results) {
    if (r.status === 'rejected') {
      ctx.log.warn(event, {
        requestId: ctx.requestId,
        error: (r.reason as Error)?.name,
        code: (r.reason as TRPCError)?.code,
      });
    }
  }
}

function backgroundDm(
  ctx: Context,
  userId: string,
  body: Parameters<Context['discord']['sendDirectMessage']>[1],
): Promise<void> {
  inBackground(ctx, 'ticket.dm.failed', () => ctx.discord.sendDirectMessage(userId, body));
  return Promise.resolve();
}

/** Posts a log-channel entry after the reply (see background.ts). */
function postLog(
  ctx: Context,
  settings: GuildSettings,
  entry: Omit<Parameters<typeof logEntry>[0], 'locale'>,
  files?: Array<{ name: string; data: Buffer; contentType: string }>,
): Promise<void> {
  const channelId = settings.logChannelId;
  if (channelId) {
    inBackground(ctx, 'ticket.log.failed', () =>
      postLogEntry(ctx.discord, channelId, logEntry({ locale: locale(settings), ...entry }), files),
    );
  }
  return Promise.resolve();
}

async function notice(
  ctx: Context,
  ticket: TicketRecord,
  settings: GuildSettings,
  key: Parameters<typeof noticeMessage>[1],
  params: Record<string, string | number>,
) {
  if (!ticket.channelId) return;
  await ctx.discord.sendMessage(ticket.channelId, noticeMessage(locale(settings), key, params));
}

/**
 * Every single-ticket update goes through here: on FerretDB an unlocked update rewrites the whole
 * document and can undo a concurrent one (a member's message clearing a staff reply's
 * firstStaffResponseAt), so each takes the ticket's write lock. On MongoDB the lock is a no-op.
 */
async function updateTicket(ticketId: string, update: Record<string, unknown>) {
  return transition(ticketId, {}, update);
}

/** Changes a ticket only if `filter` still matches, under the ticket's write lock. */
async function transition(
  ticketId: string,
  filter: Record<string, unknown>,
  update: Record<string, unknown>,
) {
  return withWriteLock(
    documentLockKey(Ticket, ticketId),
    async () =>
      (await Ticket.findOneAndUpdate({ _id: ticketId, ...filter }, update, {
        new: true,
      }).lean()) as TicketRecord | null,
  );
}

export async function claimTicket(
  ctx: Context,
  settings: GuildSettings,
  ticket: TicketRecord,
  staffId: string,
) {
  if (ticket.status !== 'open') fail('PRECONDITION_FAILED', 'error.ticketClosed');
  const updated = await transition(
    ticket._id.toString(),
    { status: 'open', claimedById: null },
    { $set: { claimedById: staffId } },
  );
  if (!updated) {
    const current = (await Ticket.findById(ticket._id).lean()) as TicketRecord | null;
    if (current?.status !== 'open') fail('PRECONDITION_FAILED', 'error.ticketClosed');
    fail('CONFLICT', 'error.alreadyClaimed', { user: `<@${current.claimedById}>` });
  }
  await afterEffects(ctx, 'ticket.claim.after', [
    incrementDailyStats(ticket.guildId, ctx.now(), { staffClaimedBy: staffId }),
    notice(ctx, updated, settings, 'ticket.claimed', { staff: `<@${staffId}>` }),
    postLog(ctx, settings, {
      key: 'log.claimed',
      number: ticket.number,
      userId: staffId,
      channelId: ticket.channelId,
    }),
  ]);
  return updated;
}

export async function unclaimTicket(
  ctx: Context,
  settings: GuildSettings,
  ticket: TicketRecord,
  staffId: string,
  isAdmin: boolean,
) {
  if (!ticket.claimedById) fail('PRECONDITION_FAILED', 'error.notClaimed');
  if (ticket.claimedById !== staffId && !isAdmin)
    fail('FORBIDDEN', 'error.alreadyClaimed', { user: `<@${ticket.claimedById}>` });
  const updated = await transition(
    ticket._id.toString(),
    { claimedById: ticket.claimedById },
    { $set: { claimedById: null } },
  );
  if (!updated) fail('CONFLICT', 'error.notClaimed');
  await afterEffects(ctx, 'ticket.unclaim.after', [
    notice(ctx, updated, settings, 'ticket.unclaimed', { staff: `<@${staffId}>` }),
  ]);
  return updated;
}

/** Everyone who may write in the ticket besides staff. */
function memberIds(ticket: TicketRecord): string[] {
  return [...new Set([ticket.openerId, ...(ticket.participantIds ?? [])])];
}

export async function closeTicket(
  ctx: Context,
  settings: GuildSettings,
  ticket: TicketRecord,
  closer: { userId: string; isStaff: boolean },
  reason: string | null,
) {
  if (ticket.status !== 'open') fail('PRECONDITION_FAILED', 'error.ticketClosed');
  const now = ctx.now();
  const updated = await transition(
    ticket._id.toString(),
    { status: 'open' },
    {
      $set: {
        status: 'closed',
        closedAt: now,
        closedById: closer.userId,
        closeReason: reason,
        closeRequest: null,
      },
    },
  );
  if (!updated) fail('PRECONDITION_FAILED', 'error.ticketClosed');
  await releaseOpenTicketSlot(ticket.openKey);

  const lang = locale(settings);
  const transcriptStored =
    settings.transcriptsEnabled &&
    (await TranscriptMessage.exists({ ticketId: ticket._id.toString() })) !== null;
  const files = transcriptStored ? await transcriptFiles(settings, updated) : undefined;
  const channelId = updated.channelId;
  await afterEffects(ctx, 'ticket.close.after', [
    incrementDailyStats(ticket.guildId, now, {
      closed: 1,
      resolutionSeconds: Math.max(0, (now.getTime() - ticket.openedAt.getTime()) / 1000),
      staffClosedBy: closer.isStaff ? closer.userId : undefined,
    }),
    ...(channelId
      ? [
          // Members keep reading the channel but can no longer write in it.
          ...memberIds(updated).map((id) =>
            ctx.discord.setOverwrite(channelId, {
              id,
              type: 'member',
              allow: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory,
              deny: PermissionFlagsBits.SendMessages,
            }),
          ),
          ctx.discord.sendMessage(
            channelId,
            closedMessage({
              locale: lang,
              ticketId: ticket._id.toString(),
              closedById: closer.userId,
              reason,
              transcriptStored,
            }),
          ),
        ]
      : []),
    postLog(
      ctx,
      settings,
      {
        key: 'log.closed',
        number: ticket.number,
        userId: closer.userId,
        channelId,
        reason,
        transcript: transcriptStored ? 'attached' : settings.transcriptsEnabled ? undefined : 'off',
      },
      files,
    ),
    backgroundDm(ctx, ticket.openerId, {
      content: t(lang, 'ticket.dmClosed', {
        number: ticket.number,
        guild: settings.name || 'the server',
        reason: reason ? `: ${reason}` : '',
      }),
      allowed_mentions: { parse: [] },
    }),
  ]);
  return updated;
}

export async function transcriptFiles(settings: GuildSettings, ticket: TicketRecord) {
  const entries = await readTranscript(ticket._id.toString());
  const header = {
    guildName: settings.name || ticket.guildId,
    ticketNumber: ticket.number,
    topic: ticket.topic ?? '',
    openedAt: ticket.openedAt,
    closedAt: ticket.closedAt ?? null,
  };
  return [
    {
      name: `transcript-${ticket.number}.html`,
      data: Buffer.from(renderTranscriptHtml(header, entries)),
      contentType: 'text/html',
    },
    {
      name: `transcript-${ticket.number}.json`,
      data: Buffer.from(renderTranscriptJson(header, entries)),
      contentType: 'application/json',
    },
  ];
}

export async function reopenTicket(
  ctx: Context,
  settings: GuildSettings,
  ticket: TicketRecord,
  userId: string,
) {
  if (ticket.status !== 'closed') fail('PRECONDITION_FAILED', 'error.ticketOpen');
  const slot = await takeOpenTicketSlot(ticket.guildId, ticket.openerId, REOPEN_SLOT_CAP, ticket.openKey);
  if (slot === 'limit-reached') fail('PRECONDITION_FAILED', 'error.ticketLimit', { limit: REOPEN_SLOT_CAP });
  const now = ctx.now();
  const updated = await transition(
    ticket._id.toString(),
    { status: 'closed' },
    {
      $set: {
        status: 'open',
        closedAt: null,
        closedById: null,
        closeReason: null,
        lastActivityAt: now,
        autoCloseWarnedAt: null,
      },
    },
  );
  if (!updated) {
    await releaseOpenTicketSlot(ticket.openKey);
    fail('PRECONDITION_FAILED', 'error.ticketOpen');
  }
  const channelId = updated.channelId;
  await afterEffects(ctx, 'ticket.reopen.after', [
    incrementDailyStats(ticket.guildId, now, { reopened: 1 }),
    ...(channelId
      ? [
          ...memberIds(updated).map((id) =>
            ctx.discord.setOverwrite(channelId, { id, type: 'member', allow: MEMBER_ALLOW, deny: 0n }),
          ),
          ctx.discord.sendMessage(
            channelId,
            reopenedMessage(locale(settings), ticket._id.toString(), userId),
          ),
        ]
      : []),
    postLog(ctx, settings, { key: 'log.reopened', number: ticket.number, userId, channelId }),
  ]);
  return updated;
}

export async function deleteTicketChannel(
  ctx: Context,
  settings: GuildSettings,
  ticket: TicketRecord,
  userId: string,
) {
  if (ticket.status === 'open') fail('PRECONDITION_FAILED', 'error.ticketOpen');
  if (ticket.channelId) await ctx.discord.deleteChannel(ticket.channelId);
  const updated = (await updateTicket(ticket._id.toString(), { $set: { channelId: null } })) as TicketRecord;
  await afterEffects(ctx, 'ticket.delete.after', [
    postLog(ctx, settings, { key: 'log.deleted', number: ticket.number, userId }),
  ]);
  return updated;
}

export async function addMember(
  ctx: Context,
  settings: GuildSettings,
  ticket: TicketRecord,
  userId: string,
  memberId: string,
) {
  if (ticket.status !== 'open') fail('PRECONDITION_FAILED', 'error.ticketClosed');
  if (ticket.channelId) {
    await ctx.discord.setOverwrite(ticket.channelId, {
      id: memberId,
      type: 'member',
      allow: MEMBER_ALLOW,
      deny: 0n,
    });
  }
  const updated = (await updateTicket(ticket._id.toString(), {
    $addToSet: { participantIds: memberId },
  })) as TicketRecord;
  await afterEffects(ctx, 'ticket.addMember.after', [
    notice(ctx, updated, settings, 'ticket.memberAdded', { user: `<@${userId}>`, member: `<@${memberId}>` }),
  ]);
  return updated;
}

export async function removeMember(
  ctx: Context,
  settings: GuildSettings,
  ticket: TicketRecord,
  userId: string,
  memberId: string,
) {
  if (memberId === ticket.openerId) fail('BAD_REQUEST', 'error.cannotRemoveOpener');
  if (ticket.channelId) await ctx.discord.deleteOverwrite(ticket.channelId, memberId);
  const updated = (await updateTicket(ticket._id.toString(), {
    $pull: { participantIds: memberId },
  })) as TicketRecord;
  await afterEffects(ctx, 'ticket.removeMember.after', [
    notice(ctx, updated, settings, 'ticket.memberRemoved', {
      user: `<@${userId}>`,
      member: `<@${memberId}>`,
    }),
  ]);
  return updated;
}

export async function renameTicket(
  ctx: Context,
  settings: GuildSettings,
  ticket: TicketRecord,
  name: string,
) {
  const clean = sanitizeChannelName(name);
  if (!clean) fail('BAD_REQUEST', 'error.invalidInput', { details: 'name: use letters, numbers and dashes' });
  if (ticket.channelId) await ctx.discord.editChannel(ticket.channelId, { name: clean });
  await afterEffects(ctx, 'ticket.rename.after', [
    notice(ctx, ticket, settings, 'ticket.renamed', { name: clean }),
  ]);
  return { ...ticket, channelName: clean };
}

export async function setPriority(
  ctx: Context,
  settings: GuildSettings,
  ticket: TicketRecord,
  priority: TicketDoc['priority'],
) {
  const updated = (await updateTicket(ticket._id.toString(), { $set: { priority } })) as TicketRecord;
  await afterEffects(ctx, 'ticket.priority.after', [
    notice(ctx, updated, settings, 'ticket.priority', { priority }),
  ]);
  return updated;
}

export async function setTopic(ctx: Context, settings: GuildSettings, ticket: TicketRecord, topic: string) {
  const updated = (await updateTicket(ticket._id.toString(), { $set: { topic } })) as TicketRecord;
  await afterEffects(ctx, 'ticket.topic.after', [notice(ctx, updated, settings, 'ticket.topic', { topic })]);
  return updated;
}

export async function requestClose(
  ctx: Context,
  settings: GuildSettings,
  ticket: TicketRecord,
  staffId: string,
  reason: string | null,
) {
  if (ticket.status !== 'open') fail('PRECONDITION_FAILED', 'error.ticketClosed');
  const updated = await transition(
    ticket._id.toString(),
    { status: 'open', closeRequest: null },
    { $set: { closeRequest: { requestedById: staffId, reason, requestedAt: ctx.now() } } },
  );
  if (!updated) fail('CONFLICT', 'error.closeRequestPending');
  if (ticket.channelId) {
    await ctx.discord.sendMessage(
      ticket.channelId,
      closeRequestMessage({
        locale: locale(settings),
        ticketId: ticket._id.toString(),
        staffId,
        openerId: ticket.openerId,
        reason,
      }),
    );
  }
  return updated;
}

export async function answerCloseRequest(
  ctx: Context,
  settings: GuildSettings,
  ticket: TicketRecord,
  openerId: string,
  accept: boolean,
) {
  if (!ticket.closeRequest) fail('PRECONDITION_FAILED', 'error.noCloseRequest');
  if (accept) {
    return closeTicket(
      ctx,
      settings,
      ticket,
      { userId: openerId, isStaff: false },
      ticket.closeRequest.reason ?? null,
    );
  }
  const updated = await transition(
    ticket._id.toString(),
    { status: 'open' },
    { $set: { closeRequest: null } },
  );
  if (!updated) fail('PRECONDITION_FAILED', 'error.ticketClosed');
  await afterEffects(ctx, 'ticket.closeRequest.after', [
    notice(ctx, updated, settings, 'ticket.closeRequestDenied', { opener: `<@${openerId}>` }),
  ]);
  return updated;
}

/**
 * lastActivityAt only feeds auto-close, which counts in hours, so a busy ticket's activity is
 * written at most once a minute: most messages then cost no ticket write (and no lock) at all.
 */
const ACTIVITY_RESOLUTION_MS = 60_000;

/** Keeps lastActivityAt and the first staff response time current; clears an auto-close warning. */
export async function recordActivity(
  ctx: Context,
  ticket: TicketRecord,
  authorIsStaff: boolean,
  authorId: string,
) {
  const now = ctx.now();
  const set: Record<string, unknown> = { lastActivityAt: now, autoCloseWarnedAt: null };
  const firstResponse = authorIsStaff && authorId !== ticket.openerId && !ticket.firstStaffResponseAt;
  const recent = now.getTime() - ticket.lastActivityAt.getTime() < ACTIVITY_RESOLUTION_MS;
  if (!firstResponse && !ticket.autoCloseWarnedAt && recent) return;
  if (firstResponse) set.firstStaffResponseAt = now;
  await updateTicket(ticket._id.toString(), { $set: set });
  if (firstResponse) {
    await incrementDailyStats(ticket.guildId, now, {
      firstResponseSeconds: Math.max(0, (now.getTime() - ticket.openedAt.getTime()) / 1000),
    });
  }
}

export function autoCloseLeadHours(hours: number): number {
  return Math.min(12, Math.max(1, Math.floor(hours / 4)));
}

/**
 * Warns, then closes, tickets inactive for the guild's auto-close hours. All state is in the
 * database (lastActivityAt, autoCloseWarnedAt), so it survives restarts and is safe to run in
 * several processes: each step is a conditional update that only one runner wins.
 */
export async function autoCloseSweep(ctx: Context, guilds: GuildSettings[]) {
  const now = ctx.now();
  let warned = 0;
  let closed = 0;
  for (const settings of guilds) {
    const hours = settings.autoCloseAfterHours;
    if (!hours || settings.removedAt) continue;
    const lead = autoCloseLeadHours(hours);
    const warnBefore = new Date(now.getTime() - (hours - lead) * 3_600_000);
    const stale = (await Ticket.find({
      guildId: settings.guildId,
      status: 'open',
      lastActivityAt: { $lte: warnBefore },
    })
      .limit(500)
      .lean()) as TicketRecord[];
    for (const ticket of stale) {
      if (!ticket.autoCloseWarnedAt) {
        const marked = await transition(
          ticket._id.toString(),
          { status: 'open', autoCloseWarnedAt: null, lastActivityAt: ticket.lastActivityAt },
          { $set: { autoCloseWarnedAt: now } },
        );
        if (marked) {
          warned++;
          await afterEffects(ctx, 'ticket.autoClose.warn', [
            notice(ctx, marked, settings, 'ticket.autoCloseWarning', { hours: lead }),
          ]);
        }
      } else if (ticket.autoCloseWarnedAt.getTime() <= now.getTime() - lead * 3_600_000) {
        try {
          const botId = await ctx.discord.botUserId().catch(() => 'system');
          await closeTicket(
            ctx,
            settings,
            ticket,
            { userId: botId, isStaff: false },
            `Inactive for ${hours} hours`,
          );
          closed++;
        } catch (error) {
          if (!(error instanceof TRPCError && error.code === 'PRECONDITION_FAILED')) throw error;
        }
      }
    }
  }
  return { warned, closed };
}

/** A ticket whose channel was deleted by hand is closed, with its slot released. */
export async function closeForDeletedChannel(ctx: Context, settings: GuildSettings, ticket: TicketRecord) {
  await updateTicket(ticket._id.toString(), { $set: { channelId: null } });
  if (ticket.status !== 'open') return null;
  return closeTicket(
    ctx,
    settings,
    { ...ticket, channelId: null },
    { userId: 'system', isStaff: false },
    'Channel deleted',
  );
}

export async function openTicketsOf(guildId: string, userId: string) {
  return (await Ticket.find({ guildId, openerId: userId, status: 'open' }).lean()) as TicketRecord[];
}

export { OpenTicketSlot };
