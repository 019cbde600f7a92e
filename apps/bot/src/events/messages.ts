// Guild messages: each one is reported to the router (activity for auto-close and first response;
// transcript content only when the guild turned transcripts on — the router decides), and prefix
// commands are read from it. Message content is passed to the router and to nothing else: it is
// never logged here.
import { randomUUID } from 'node:crypto';
import {
  type Message,
  MessageType,
  type OmitPartialGroupDMChannel,
  type PartialMessage,
  SnowflakeUtil,
} from 'discord.js';
import { actorFromMessage } from '../lib/actor.js';
import type { ChannelQueue } from '../lib/channel-queue.js';
import { type BotDeps, SYSTEM } from '../lib/deps.js';
import { type Invocation, runInvocation } from '../lib/invocation.js';
import { MessageResponder } from '../lib/respond.js';
import { parsePrefixCommand } from '../prefix/commands.js';
import { countCommand } from './interaction-create.js';

const RECORDED_TYPES = new Set([
  MessageType.Default,
  MessageType.Reply,
  MessageType.ChatInputCommand,
  MessageType.ContextMenuCommand,
]);

/**
 * Channels the router said are not ticket channels. Tickets only ever get channels created for them
 * moments before, so a channel older than NEW_CHANNEL_MS that is not a ticket will never become
 * one: remembering that spares a database query for every message in every ordinary channel.
 */
export class NonTicketChannels {
  private readonly ids = new Set<string>();
  constructor(private readonly max = 10_000) {}
  static readonly NEW_CHANNEL_MS = 5 * 60_000;

  has(channelId: string): boolean {
    return this.ids.has(channelId);
  }

  remember(channelId: string): void {
    if (Date.now() - SnowflakeUtil.timestampFrom(channelId) < NonTicketChannels.NEW_CHANNEL_MS) return;
    this.ids.add(channelId);
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value as string);
  }

  forget(channelId: string): void {
    this.ids.delete(channelId);
  }
}

function embedSummary(embed: { title: string | null; description: string | null }): string {
  return [embed.title, embed.description].filter(Boolean).join(' — ').slice(0, 300);
}

type MessageFacts = Parameters<ReturnType<BotDeps['caller']>['ticket']['recordMessage']>[0];

/** What the router needs from a message, read at once so the queue holds no discord.js objects. */
function messageFacts(message: Message<true>): MessageFacts {
  const roleIds = message.member
    ? [...message.member.roles.cache.keys()].filter((id) => id !== message.guildId)
    : [];
  return {
    guildId: message.guildId,
    channelId: message.channelId,
    messageId: message.id,
    authorId: message.author.id,
    authorName: message.author.username.slice(0, 100),
    authorAvatar: message.author.avatar,
    authorIsBot: message.author.bot,
    authorRoleIds: roleIds,
    content: message.content.slice(0, 4000),
    attachments: [...message.attachments.values()].slice(0, 10).map((a) => ({
      name: a.name.slice(0, 256),
      size: a.size,
      contentType: a.contentType ?? null,
      url: a.url || null,
    })),
    embeds: message.embeds.slice(0, 10).map(embedSummary),
    sentAt: message.createdAt,
  };
}

async function recordMessage(deps: BotDeps, skip: NonTicketChannels, facts: MessageFacts): Promise<void> {
  if (skip.has(facts.channelId)) return;
  const result = await deps.caller(SYSTEM).ticket.recordMessage(facts);
  if (!result.ticketId) skip.remember(facts.channelId);
}

async function runPrefixCommand(deps: BotDeps, message: Message<true>): Promise<void> {
  if (!deps.messageContent || message.author.bot || !message.content) return;
  const config = await deps.config.get(message.guildId);
  const parsed = parsePrefixCommand(message.content, config?.prefix ?? '!');
  if (!parsed) return;
  const requestId = randomUUID();
  const actor = await actorFromMessage(message);
  const inv: Invocation = {
    deps,
    requestId,
    sourceId: message.id,
    name: `prefix:${parsed.command.name}`,
    actor,
    guildId: message.guildId,
    channelId: message.channelId,
    locale: config?.language ?? 'en',
    api: deps.caller(actor, requestId),
    respond: new MessageResponder(message),
  };
  await runInvocation(inv, () => parsed.command.execute(inv, parsed.args, message));
  countCommand(deps, message.guildId, parsed.command.analyticsName, requestId);
}

function logFailure(deps: BotDeps, event: string, messageId: string, error: unknown): void {
  deps.log.warn(event, {
    messageId,
    error: (error as Error)?.name,
    code: (error as { code?: unknown })?.code,
  });
}

/** Queues a database write for the channel; a full queue drops it, logged now and then. */
function enqueue(
  deps: BotDeps,
  queue: ChannelQueue,
  channelId: string,
  messageId: string,
  task: () => Promise<void>,
) {
  if (queue.push(channelId, task)) return;
  const { dropped } = queue.stats();
  if (dropped === 1 || dropped % 1000 === 0) deps.log.warn('bot.events.dropped', { messageId, dropped });
}

export function onMessageCreate(deps: BotDeps, skip: NonTicketChannels, queue: ChannelQueue) {
  return (message: OmitPartialGroupDMChannel<Message>): void => {
    if (!message.inGuild() || message.webhookId) return;
    if (!skip.has(message.channelId) && RECORDED_TYPES.has(message.type)) {
      const facts = messageFacts(message);
      enqueue(deps, queue, facts.channelId, facts.messageId, () =>
        recordMessage(deps, skip, facts).catch((e) =>
          logFailure(deps, 'bot.message.record.failed', facts.messageId, e),
        ),
      );
    }
    void deps.inflight.track(
      runPrefixCommand(deps, message).catch((e) => logFailure(deps, 'bot.prefix.failed', message.id, e)),
    );
  };
}

export function onMessageUpdate(deps: BotDeps, skip: NonTicketChannels, queue: ChannelQueue) {
  return (
    _old: OmitPartialGroupDMChannel<Message | PartialMessage>,
    message: OmitPartialGroupDMChannel<Message | PartialMessage>,
  ): void => {
    const guildId = message.guildId;
    // Embeds unfurling also updates a message; only real edits (with an edit time) change content.
    if (!guildId || skip.has(message.channelId) || typeof message.content !== 'string' || !message.editedAt)
      return;
    const edit = {
      guildId,
      channelId: message.channelId,
      messageId: message.id,
      content: message.content.slice(0, 4000),
      editedAt: message.editedAt,
    };
    enqueue(deps, queue, edit.channelId, edit.messageId, () =>
      deps
        .caller(SYSTEM)
        .ticket.recordMessageEdit(edit)
        .then(() => undefined)
        .catch((e) => logFailure(deps, 'bot.message.edit.failed', edit.messageId, e)),
    );
  };
}

export function onMessageDelete(deps: BotDeps, skip: NonTicketChannels, queue: ChannelQueue) {
  return (message: OmitPartialGroupDMChannel<Message | PartialMessage>): void => {
    const guildId = message.guildId;
    if (!guildId || skip.has(message.channelId)) return;
    const deletion = { guildId, channelId: message.channelId, messageId: message.id, deletedAt: deps.now() };
    enqueue(deps, queue, deletion.channelId, deletion.messageId, () =>
      deps
        .caller(SYSTEM)
        .ticket.recordMessageDelete(deletion)
        .then(() => undefined)
        .catch((e) => logFailure(deps, 'bot.message.delete.failed', deletion.messageId, e)),
    );
  };
}
