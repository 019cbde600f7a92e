// The privacy policy's rights, as operations: access (a summary of everything held about a person),
// portability (a streamed JSON export), deletion, correction; and a guild's export and deletion.
// Every request is recorded as a DataRequest with its status.
import {
  ApiToken,
  AuditLog,
  Blacklist,
  DailyStats,
  DataRequest,
  Guild,
  Lock,
  OAuthAccount,
  OpenTicketSlot,
  Panel,
  readDiscordTokens,
  Session,
  Ticket,
  TicketCategory,
  TranscriptMessage,
  User,
  documentLockKey,
  updateManyUnderLocks,
  withWriteLock,
} from '@ticketbyte/db';
import { decryptField, pseudonymise } from '@ticketbyte/db/crypto';
import type { Context } from '../context.js';
import { fetchUserProfile, revokeDiscordGrant } from '../discord/user-oauth.js';
import { forgetStanding } from './access.js';
import { forgetGuildAnalytics } from './analytics.js';
import { invalidateGuildSnapshot } from './guild-snapshot.js';
import { REDACTED_CONTENT, transcriptContext } from './transcripts.js';

export const EXPORT_SCHEMA_VERSION = 1;

type DataRequestKind = 'access' | 'export' | 'deletion' | 'correction' | 'guild-export' | 'guild-deletion';

export async function recordRequest(
  kind: DataRequestKind,
  requesterId: string,
  now: Date,
  guildId: string | null = null,
) {
  return DataRequest.create({ kind, requesterId, guildId, status: 'processing', requestedAt: now });
}

export async function completeRequest(id: unknown, now: Date, error?: string) {
  await DataRequest.updateOne(
    { _id: id },
    { $set: { status: error ? 'failed' : 'completed', completedAt: now, error: error ?? null } },
  );
}

async function guildNames(guildIds: string[]): Promise<Map<string, string>> {
  const guilds = await Guild.find({ guildId: { $in: guildIds } }, { guildId: 1, name: 1 }).lean();
  return new Map(guilds.map((g) => [g.guildId, g.name || g.guildId]));
}

/**
 * How many documents match per guild, with the first and last date. ($min/$max accumulators are
 * not in FerretDB v1, so the dates come from two sorted reads per guild.)
 */
async function countsByGuild(
  model: typeof Ticket | typeof TranscriptMessage,
  match: Record<string, unknown>,
  dateField: 'openedAt' | 'sentAt',
) {
  const groups = await (model as typeof Ticket).aggregate<{ _id: string; count: number }>([
    { $match: match },
    { $group: { _id: '$guildId', count: { $sum: 1 } } },
  ]);
  return Promise.all(
    groups.map(async (g) => {
      const [first] = await (model as typeof Ticket)
        .find({ ...match, guildId: g._id })
        .sort({ [dateField]: 1 })
        .limit(1)
        .lean();
      const [last] = await (model as typeof Ticket)
        .find({ ...match, guildId: g._id })
        .sort({ [dateField]: -1 })
        .limit(1)
        .lean();
      const date = (d: unknown) =>
        ((d as Record<string, Date> | undefined)?.[dateField] ?? null) as Date | null;
      return { _id: g._id, count: g.count, first: date(first), last: date(last) };
    }),
  );
}

/** "Access": what is held about a person, in plain categories with counts and dates. */
export async function accessSummary(userId: string, currentSessionId: string | null) {
  const [user, sessions, account, opened, participated, messages, asActor, asTarget, blacklist, requests] =
    await Promise.all([
      User.findOne({ discordId: userId }).lean(),
      Session.find({ userId }).sort({ lastSeenAt: -1 }).lean(),
      OAuthAccount.findOne({ userId }).lean(),
      countsByGuild(Ticket, { openerId: userId }, 'openedAt'),
      countsByGuild(
        Ticket,
        { $or: [{ participantIds: userId }, { claimedById: userId }, { closedById: userId }] },
        'openedAt',
      ),
      countsByGuild(TranscriptMessage, { authorId: userId }, 'sentAt'),
      AuditLog.countDocuments({ actorId: userId }),
      AuditLog.countDocuments({ targetId: userId }),
      Blacklist.find({ targetType: 'user', targetId: userId }).lean(),
      DataRequest.find({ requesterId: userId }).sort({ requestedAt: -1 }).limit(100).lean(),
    ]);
  const names = await guildNames([
    ...new Set(
      [...opened, ...participated, ...messages].map((g) => g._id).concat(blacklist.map((b) => b.guildId)),
    ),
  ]);
  const name = (id: string) => names.get(id) ?? id;
  return {
    profile: user
      ? {
          discordId: user.discordId,
          username: user.username,
          globalName: user.globalName ?? null,
          avatar: user.avatar ?? null,
          profileSyncedAt: user.profileSyncedAt,
          createdAt: (user as unknown as { createdAt: Date }).createdAt,
        }
      : null,
    sessions: sessions.map((s) => ({
      id: s._id,
      device: s.device ?? '',
      createdAt: (s as unknown as { createdAt: Date }).createdAt,
      lastSeenAt: s.lastSeenAt,
      expiresAt: s.expiresAt,
      current: s._id === currentSessionId,
    })),
    discordConnection: account
      ? {
          scopes: account.scopes,
          accessTokenExpiresAt: account.accessTokenExpiresAt ?? null,
          updatedAt: (account as unknown as { updatedAt: Date }).updatedAt,
        }
      : null,
    ticketsOpened: opened.map((g) => ({
      guildId: g._id,
      guildName: name(g._id),
      count: g.count,
      first: g.first,
      last: g.last,
    })),
    ticketsParticipated: participated.map((g) => ({
      guildId: g._id,
      guildName: name(g._id),
      count: g.count,
    })),
    transcriptMessages: messages.map((g) => ({
      guildId: g._id,
      guildName: name(g._id),
      count: g.count,
      first: g.first,
      last: g.last,
    })),
    auditEntries: { asActor, asTarget },
    blacklistEntries: blacklist.map((b) => ({
      guildId: b.guildId,
      guildName: name(b.guildId),
      reason: b.reason ?? '',
      since: (b as unknown as { createdAt: Date }).createdAt,
    })),
    requests: requests.map((r) => ({
      id: r._id.toString(),
      kind: r.kind,
      status: r.status,
      requestedAt: r.requestedAt,
      completedAt: r.completedAt ?? null,
    })),
  };
}

/** Writes a JSON array of the documents a cursor yields, one chunk per document. */
async function* jsonArray<T>(cursor: AsyncIterable<T>, map: (doc: T) => unknown): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const doc of cursor) {
    yield `${first ? '' : ','}\n    ${JSON.stringify(map(doc))}`;
    first = false;
  }
  yield first ? ']' : '\n  ]';
}

const BATCH = 500;

function ticketExport(t: Record<string, unknown> & { _id: { toString(): string } }) {
  const { _id, openKey: _key, __v: _v, ...rest } = t;
  return { id: _id.toString(), ...rest };
}

/**
 * "Portability": everything held about a person as one JSON document (schema in the README's
 * Privacy section), streamed in chunks so memory stays flat however much there is.
 */
export async function* exportUserData(userId: string, now: Date): AsyncGenerator<string> {
  const summary = await accessSummary(userId, null);
  yield `{\n  "schemaVersion": ${EXPORT_SCHEMA_VERSION},\n  "generatedAt": ${JSON.stringify(now.toISOString())},\n  "subject": ${JSON.stringify({ discordId: userId })},\n`;
  yield `  "profile": ${JSON.stringify(summary.profile)},\n`;
  yield `  "sessions": ${JSON.stringify(summary.sessions.map(({ current: _c, id: _id, ...s }) => s))},\n`;
  // The tokens themselves are secrets and never leave the server; what they allow is listed.
  yield `  "discordConnection": ${JSON.stringify(summary.discordConnection)},\n`;
  yield '  "ticketsOpened": ';
  yield* jsonArray(
    Ticket.find({ openerId: userId }).sort({ openedAt: 1 }).lean().cursor({ batchSize: BATCH }),
    ticketExport,
  );
  yield ',\n  "ticketsParticipated": ';
  yield* jsonArray(
    Ticket.find({ $or: [{ participantIds: userId }, { claimedById: userId }, { closedById: userId }] })
      .sort({ openedAt: 1 })
      .lean()
      .cursor({ batchSize: BATCH }),
    (t) => ({
      id: t._id.toString(),
      guildId: t.guildId,
      number: t.number,
      status: t.status,
      openedAt: t.openedAt,
      closedAt: t.closedAt ?? null,
    }),
  );
  yield ',\n  "transcriptMessages": ';
  yield* jsonArray(
    TranscriptMessage.find({ authorId: userId }).sort({ sentAt: 1 }).lean().cursor({ batchSize: BATCH }),
    (m) => ({
      guildId: m.guildId,
      ticketId: m.ticketId,
      channelId: m.channelId,
      messageId: m.messageId,
      authorName: m.authorName,
      content: m.redacted
        ? REDACTED_CONTENT
        : m.content
          ? decryptField(m.content, transcriptContext(m.messageId))
          : '',
      attachments: m.attachments,
      embeds: m.embedsSummary,
      sentAt: m.sentAt,
      editedAt: m.editedAt ?? null,
      deletedAt: m.deletedAt ?? null,
      expiresAt: m.expiresAt,
    }),
  );
  yield ',\n  "auditEntries": ';
  yield* jsonArray(
    AuditLog.find({ $or: [{ actorId: userId }, { targetId: userId }] })
      .sort({ createdAt: 1 })
      .lean()
      .cursor({ batchSize: BATCH }),
    (a) => ({
      guildId: a.guildId,
      action: a.action,
      role: a.actorId === userId ? 'actor' : 'target',
      targetType: a.targetType,
      at: (a as unknown as { createdAt: Date }).createdAt,
    }),
  );
  yield `,\n  "blacklistEntries": ${JSON.stringify(summary.blacklistEntries)},\n`;
  yield `  "dataRequests": ${JSON.stringify(summary.requests)}\n}\n`;
}

/**
 * "Deletion": removes the person's account, tokens (revoked at Discord first) and sessions, redacts
 * what they wrote in transcripts (kept in order as "[deleted by request]"), and replaces their id on
 * tickets, audit entries and requests with a keyed pseudonym. Each step is idempotent, so a failed
 * run is completed by running it again. Kept: aggregate day counts (no identity), and blacklist
 * entries a server made about them (servers need them to enforce their rules).
 */
export async function deleteUserData(ctx: Context, userId: string) {
  const now = ctx.now();
  const request = await recordRequest('deletion', userId, now);
  const alias = pseudonymise(userId);
  const tokens = await readDiscordTokens(userId).catch(() => null);
  const revoked =
    tokens && ctx.oauthClient
      ? await revokeDiscordGrant(ctx.oauthClient, tokens.refreshToken ?? tokens.accessToken)
      : false;
  const [account, sessions, messages, opened] = await Promise.all([
    OAuthAccount.deleteMany({ userId }),
    Session.deleteMany({ userId }),
    TranscriptMessage.updateMany(
      { authorId: userId },
      {
        $set: {
          authorId: alias,
          authorName: '[deleted]',
          authorAvatar: null,
          content: '',
          attachments: [],
          embedsSummary: [],
          redacted: true,
        },
      },
    ),
    anonymiseOpenedTickets(userId, alias),
  ]);
  // One after another and under the documents' write locks: several of these can touch the same
  // document, and FerretDB v1 applies concurrent updates of one document as read-modify-write (the
  // last would undo the others, or a ticket update by the bot would undo the erasure).
  await updateManyUnderLocks(Ticket, { participantIds: userId }, { $pull: { participantIds: userId } });
  await updateManyUnderLocks(Ticket, { claimedById: userId }, { $set: { claimedById: alias } });
  await updateManyUnderLocks(Ticket, { closedById: userId }, { $set: { closedById: alias } });
  await OpenTicketSlot.deleteMany({ userId });
  await AuditLog.updateMany({ actorId: userId }, { $set: { actorId: alias } });
  await AuditLog.updateMany({ targetId: userId }, { $set: { targetId: alias } });
  await updateManyUnderLocks(
    DailyStats,
    { [`staffClaimed.${userId}`]: { $exists: true } },
    { $unset: { [`staffClaimed.${userId}`]: '' } },
  );
  await updateManyUnderLocks(
    DailyStats,
    { [`staffClosed.${userId}`]: { $exists: true } },
    { $unset: { [`staffClosed.${userId}`]: '' } },
  );

  await User.deleteOne({ discordId: userId });
  await DataRequest.updateMany({ requesterId: userId }, { $set: { requesterId: alias } });
  await completeRequest(request._id, ctx.now());
  return {
    alias,
    discordGrantRevoked: revoked,
    oauthAccountsDeleted: account.deletedCount,
    sessionsEnded: sessions.deletedCount,
    transcriptMessagesRedacted: messages.modifiedCount,
    ticketsAnonymised: opened.modifiedCount,
  };
}

/** Tickets someone opened keep a pseudonym for the opener; the topic and form answers they typed go. */
async function anonymiseOpenedTickets(userId: string, alias: string) {
  let modifiedCount = 0;
  // Ticket by ticket, since FerretDB v1 has no all-positional operator ($[]) to do it in one update.
  for await (const ticket of Ticket.find({ openerId: userId }, { answers: 1 })
    .lean()
    .cursor({ batchSize: BATCH })) {
    const answers = (ticket.answers ?? []).map((a) => ({
      questionId: a.questionId,
      label: a.label,
      value: REDACTED_CONTENT,
    }));
    await withWriteLock(documentLockKey(Ticket, ticket._id.toString()), () =>
      Ticket.updateOne(
        { _id: ticket._id },
        { $set: { openerId: alias, openerAnonymised: true, topic: '', answers } },
      ),
    );
    modifiedCount++;
  }
  return { modifiedCount };
}

/** "Correction": refresh username, global name and avatar from Discord. */
export async function refreshProfile(ctx: Context, userId: string) {
  const request = await recordRequest('correction', userId, ctx.now());
  try {
    const profile = await fetchUserProfile(ctx.discordApiUrl, userId);
    const syncedAt = ctx.now();
    await User.updateOne(
      { discordId: userId },
      {
        $set: {
          username: profile.username,
          globalName: profile.global_name ?? null,
          avatar: profile.avatar ?? null,
          profileSyncedAt: syncedAt,
        },
      },
    );
    await completeRequest(request._id, ctx.now());
    return {
      username: profile.username,
      globalName: profile.global_name ?? null,
      avatar: profile.avatar ?? null,
      profileSyncedAt: syncedAt,
    };
  } catch (error) {
    await completeRequest(request._id, ctx.now(), (error as Error).message);
    throw error;
  }
}

/** Every collection that holds a guild's data, and how its documents name the guild. */
const GUILD_SCOPED = [
  Guild,
  Panel,
  TicketCategory,
  Ticket,
  TranscriptMessage,
  Blacklist,
  DailyStats,
  AuditLog,
  OpenTicketSlot,
];

/** A guild's data as one JSON document, streamed. */
export async function* exportGuildData(guildId: string, now: Date): AsyncGenerator<string> {
  yield `{\n  "schemaVersion": ${EXPORT_SCHEMA_VERSION},\n  "generatedAt": ${JSON.stringify(now.toISOString())},\n  "guildId": ${JSON.stringify(guildId)}`;
  for (const model of GUILD_SCOPED.filter((m) => m !== OpenTicketSlot)) {
    yield `,\n  ${JSON.stringify(model.collection.collectionName)}: `;
    yield* jsonArray(
      (model as typeof Ticket).find({ guildId }).lean().cursor({ batchSize: BATCH }),
      (doc) => {
        const d = doc as Record<string, unknown>;
        if (model === TranscriptMessage && typeof d.content === 'string' && !d.redacted) {
          return {
            ...d,
            content: d.content ? decryptField(d.content, transcriptContext(String(d.messageId))) : '',
          };
        }
        const { openKey: _key, ...rest } = d;
        return rest;
      },
    );
  }
  yield ',\n  "apiTokens": ';
  yield* jsonArray(ApiToken.find({ guildIds: guildId }).lean().cursor(), (t) => ({
    name: t.name,
    scopes: t.scopes,
    createdAt: (t as unknown as { createdAt: Date }).createdAt,
    lastUsedAt: t.lastUsedAt ?? null,
    revokedAt: t.revokedAt ?? null,
  }));
  yield '\n}\n';
}

/** Deletes everything TicketByte stores for a guild. Idempotent. */
export async function deleteGuildData(guildId: string) {
  const counts: Record<string, number> = {};
  for (const model of GUILD_SCOPED) {
    counts[model.collection.collectionName] = (
      await (model as typeof Ticket).deleteMany({ guildId })
    ).deletedCount;
  }
  counts.apiTokens = (await ApiToken.deleteMany({ guildIds: [guildId] })).deletedCount;
  await ApiToken.updateMany({ guildIds: guildId }, { $pull: { guildIds: guildId } });
  const alias = pseudonymise(guildId);
  await DataRequest.updateMany({ guildId }, { $set: { guildId: alias } });
  await Lock.deleteMany({ _id: { $regex: `^(guild|stats|ticket):${guildId}` } });
  invalidateGuildSnapshot(guildId);
  forgetGuildAnalytics(guildId);
  forgetStanding(guildId);
  return counts;
}

/**
 * The retention sweep: expired transcript messages (and any older than the guild's current
 * retention, which an admin may have shortened), expired sessions, and the data of guilds that
 * removed the bot longer than the grace period ago. Safe to run in several processes at once:
 * every step is a delete that is idempotent.
 */
export async function retentionSweep(ctx: Context, graceDays: number) {
  const now = ctx.now();
  let transcriptMessages = (await TranscriptMessage.deleteMany({ expiresAt: { $lt: now } })).deletedCount;
  // Only guilds that hold transcript messages at all need the per-guild pass.
  const withTranscripts = (await TranscriptMessage.distinct('guildId')) as string[];
  for (const guild of await Guild.find(
    { guildId: { $in: withTranscripts } },
    { guildId: 1, transcriptRetentionDays: 1 },
  ).lean()) {
    const cutoff = new Date(now.getTime() - (guild.transcriptRetentionDays ?? 90) * 86_400_000);
    transcriptMessages += (
      await TranscriptMessage.deleteMany({ guildId: guild.guildId, sentAt: { $lt: cutoff } })
    ).deletedCount;
  }
  const sessions = (await Session.deleteMany({ expiresAt: { $lt: now } })).deletedCount;
  const graceCutoff = new Date(now.getTime() - graceDays * 86_400_000);
  const expiredGuilds = await Guild.find(
    { removedAt: { $ne: null, $lt: graceCutoff } },
    { guildId: 1 },
  ).lean();
  for (const { guildId } of expiredGuilds) {
    const request = await recordRequest('guild-deletion', 'system', now, guildId);
    await deleteGuildData(guildId);
    await completeRequest(request._id, ctx.now());
  }
  return { transcriptMessages, sessions, guildsDeleted: expiredGuilds.length };
}
