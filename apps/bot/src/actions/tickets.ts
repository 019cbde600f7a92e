// What members and staff do with tickets, shared by slash commands, buttons, forms and prefix
// commands. Each function asks the router and renders its answer; no ticket rule is decided here.
import { customId, type RouterOutputs, t } from '@ticketbyte/api';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { bt } from '../i18n/index.js';
import type { Invocation } from '../lib/invocation.js';
import type { TicketRef } from '../lib/ticket-ref.js';

type Category = RouterOutputs['config']['categories']['list'][number];
type OpenResult = RouterOutputs['ticket']['open'];

/** The field id that carries a topic given with `/ticket open topic:…` through the form. */
export const TOPIC_FIELD = '__topic';

// --- Opening -------------------------------------------------------------------------------------

/**
 * A double click sends two interactions with different ids. Panel clicks by the same member for the
 * same category that arrive while one is running (or within COALESCE_MS after) share its outcome,
 * so a double-clicked panel button opens one ticket. Typed commands are deliberate and never
 * coalesced. All of a guild's interactions reach one shard, so this in-process table sees every
 * click that matters.
 */
const recentOpens = new Map<string, Promise<OpenResult>>();
const COALESCE_MS = 2_000;

function coalesced(
  key: string,
  open: () => Promise<OpenResult>,
): { result: Promise<OpenResult>; joined: boolean } {
  const running = recentOpens.get(key);
  if (running) return { result: running, joined: true };
  const result = open();
  recentOpens.set(key, result);
  const forget = () => {
    setTimeout(() => {
      if (recentOpens.get(key) === result) recentOpens.delete(key);
    }, COALESCE_MS).unref();
  };
  result.then(forget, () => {
    // A refusal is not remembered: the member may fix the cause and try again at once.
    if (recentOpens.get(key) === result) recentOpens.delete(key);
  });
  return { result, joined: false };
}

/** Opens a ticket now (no form), as the member. */
export async function openTicket(
  inv: Invocation,
  input: {
    categoryId?: string;
    topic?: string;
    answers?: Record<string, string>;
    /** A panel click: share the outcome of the same member's click a moment ago. */
    fromPanel?: boolean;
  },
): Promise<void> {
  await inv.respond.defer();
  const open = () =>
    inv.api.ticket.open({
      guildId: inv.guildId,
      categoryId: input.categoryId,
      topic: input.topic || undefined,
      answers: input.answers,
      openKey: inv.sourceId,
    });
  const key = `${inv.guildId}:${inv.actor.userId}:${input.categoryId ?? '-'}`;
  const { ticket } = await (input.fromPanel ? coalesced(key, open).result : open());
  await inv.respond.reply({
    content: t(inv.locale, 'ticket.openedReply', { channel: `<#${ticket.channelId}>` }),
  });
}

function findCategory(categories: Category[], nameOrId: string): Category | undefined {
  const wanted = nameOrId.trim().toLowerCase();
  return categories.find((c) => c.id === nameOrId || c.name.toLowerCase() === wanted);
}

/** The opening form for a category: its questions (at most 5), plus the topic when there is room. */
export function openingForm(locale: string, category: Category, topic?: string): ModalBuilder {
  const modal = new ModalBuilder()
    .setCustomId(customId('open-form', category.id))
    .setTitle(bt(locale, 'open.modalTitle', { category: category.name }).slice(0, 45));
  const rows = category.questions.slice(0, 5).map((q) => {
    const input = new TextInputBuilder()
      .setCustomId(q.questionId)
      .setLabel(q.label.slice(0, 45))
      .setStyle(q.style === 'paragraph' ? TextInputStyle.Paragraph : TextInputStyle.Short)
      .setRequired(q.required)
      .setMaxLength(Math.min(4000, Math.max(1, q.maxLength)));
    if (q.minLength > 0) input.setMinLength(Math.min(q.minLength, 4000));
    if (q.placeholder) input.setPlaceholder(q.placeholder.slice(0, 100));
    return new ActionRowBuilder<TextInputBuilder>().addComponents(input);
  });
  if (topic && rows.length < 5) {
    rows.push(
      new ActionRowBuilder<TextInputBuilder>().addComponents(
        new TextInputBuilder()
          .setCustomId(TOPIC_FIELD)
          .setLabel(bt(locale, 'open.topicLabel'))
          .setStyle(TextInputStyle.Short)
          .setRequired(false)
          .setMaxLength(1024)
          .setValue(topic.slice(0, 1024)),
      ),
    );
  }
  return modal.addComponents(...rows);
}

/**
 * Starts opening a ticket: with the category's opening questions as a form when it has any, at
 * once otherwise. Prefix commands cannot show forms, so they answer with a button that does.
 */
export async function beginOpen(
  inv: Invocation,
  input: { category?: string; categoryId?: string; topic?: string; fromPanel?: boolean },
): Promise<void> {
  const categories = await inv.api.config.categories.list({ guildId: inv.guildId });
  let category: Category | undefined;
  if (input.categoryId) {
    category = categories.find((c) => c.id === input.categoryId);
  } else if (input.category) {
    category = findCategory(categories, input.category);
    if (!category) {
      await inv.respond.reply({
        content: bt(inv.locale, 'reply.noCategoryNamed', {
          name: input.category.slice(0, 50),
          names: categories.map((c) => c.name).join(', ') || '—',
        }),
      });
      return;
    }
  } else {
    category = categories[0];
  }
  if (category && category.questions.length > 0) {
    if (inv.respond.kind === 'message') {
      await inv.respond.reply({
        components: [
          new ActionRowBuilder<ButtonBuilder>().addComponents(
            new ButtonBuilder()
              .setCustomId(customId('open', category.id))
              .setLabel(category.name.slice(0, 80))
              .setStyle(ButtonStyle.Primary),
          ),
        ],
      });
      return;
    }
    if (!(await inv.respond.showModal(openingForm(inv.locale, category, input.topic)))) {
      await inv.respond.reply({ content: bt(inv.locale, 'reply.tooSlow') });
    }
    return;
  }
  await openTicket(inv, {
    categoryId: category?.id ?? input.categoryId,
    topic: input.topic,
    fromPanel: input.fromPanel,
  });
}

// --- Closing -------------------------------------------------------------------------------------

export async function closeTicket(inv: Invocation, ref: TicketRef, reason?: string): Promise<void> {
  await inv.respond.defer();
  const { ticket } = await inv.api.ticket.close({ ...ref, reason: reason?.trim() || undefined });
  await inv.respond.reply({
    content: bt(inv.locale, 'reply.closed', { number: ticket.number }),
    components: [],
  });
}

/** The Close button: the opener confirms first; anyone else (staff) gives a reason in a form. */
export async function promptClose(inv: Invocation, ticketId: string): Promise<void> {
  const { ticket } = await inv.api.ticket.get({ guildId: inv.guildId, ticketId, withTranscript: false });
  if (ticket.status !== 'open') {
    await inv.respond.reply({ content: t(inv.locale, 'error.ticketClosed') });
    return;
  }
  if (ticket.openerId === inv.actor.userId) {
    await inv.respond.reply({
      content: bt(inv.locale, 'close.confirm', { number: ticket.number }),
      components: [
        new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder()
            .setCustomId(customId('close-confirm', ticket.id))
            .setLabel(bt(inv.locale, 'close.confirmButton'))
            .setStyle(ButtonStyle.Danger),
        ),
      ],
    });
    return;
  }
  const modal = new ModalBuilder()
    .setCustomId(customId('close-form', ticket.id))
    .setTitle(bt(inv.locale, 'close.modalTitle', { number: ticket.number }).slice(0, 45))
    .addComponents(
      new ActionRowBuilder<TextInputBuilder>().addComponents(
        new TextInputBuilder()
          .setCustomId('reason')
          .setLabel(bt(inv.locale, 'close.reasonLabel'))
          .setPlaceholder(bt(inv.locale, 'close.reasonPlaceholder'))
          .setStyle(TextInputStyle.Paragraph)
          .setRequired(false)
          .setMaxLength(500),
      ),
    );
  if (!(await inv.respond.showModal(modal))) {
    await inv.respond.reply({ content: bt(inv.locale, 'reply.tooSlow') });
  }
}

export async function requestClose(inv: Invocation, ref: TicketRef, reason?: string): Promise<void> {
  await inv.respond.defer();
  const { ticket } = await inv.api.ticket.requestClose({ ...ref, reason: reason?.trim() || undefined });
  await inv.respond.reply({ content: bt(inv.locale, 'reply.closeRequested', { number: ticket.number }) });
}

export async function answerCloseRequest(inv: Invocation, ref: TicketRef, accept: boolean): Promise<void> {
  await inv.respond.defer();
  const { ticket } = await inv.api.ticket.answerCloseRequest({ ...ref, accept });
  await inv.respond.reply({
    content: accept
      ? bt(inv.locale, 'reply.closed', { number: ticket.number })
      : bt(inv.locale, 'reply.closeRequestDenied'),
  });
}

// --- Staff actions -------------------------------------------------------------------------------

export async function reopenTicket(inv: Invocation, ref: TicketRef): Promise<void> {
  await inv.respond.defer();
  const { ticket } = await inv.api.ticket.reopen(ref);
  await inv.respond.reply({ content: bt(inv.locale, 'reply.reopened', { number: ticket.number }) });
}

export async function claimTicket(inv: Invocation, ref: TicketRef): Promise<void> {
  await inv.respond.defer();
  const { ticket } = await inv.api.ticket.claim(ref);
  await inv.respond.reply({ content: bt(inv.locale, 'reply.claimed', { number: ticket.number }) });
}

export async function unclaimTicket(inv: Invocation, ref: TicketRef): Promise<void> {
  await inv.respond.defer();
  const { ticket } = await inv.api.ticket.unclaim(ref);
  await inv.respond.reply({ content: bt(inv.locale, 'reply.unclaimed', { number: ticket.number }) });
}

export async function addMember(inv: Invocation, ref: TicketRef, memberId: string): Promise<void> {
  await inv.respond.defer();
  const { ticket } = await inv.api.ticket.addMember({ ...ref, memberId });
  await inv.respond.reply({
    content: bt(inv.locale, 'reply.memberAdded', { member: `<@${memberId}>`, number: ticket.number }),
  });
}

export async function removeMember(inv: Invocation, ref: TicketRef, memberId: string): Promise<void> {
  await inv.respond.defer();
  const { ticket } = await inv.api.ticket.removeMember({ ...ref, memberId });
  await inv.respond.reply({
    content: bt(inv.locale, 'reply.memberRemoved', { member: `<@${memberId}>`, number: ticket.number }),
  });
}

export async function renameTicket(inv: Invocation, ref: TicketRef, name: string): Promise<void> {
  await inv.respond.defer();
  const { channelName } = await inv.api.ticket.rename({ ...ref, name });
  await inv.respond.reply({ content: bt(inv.locale, 'reply.renamed', { name: channelName }) });
}

export async function setPriority(
  inv: Invocation,
  ref: TicketRef,
  priority: 'low' | 'normal' | 'high' | 'urgent',
): Promise<void> {
  await inv.respond.defer();
  const { ticket } = await inv.api.ticket.setPriority({ ...ref, priority });
  await inv.respond.reply({
    content: bt(inv.locale, 'reply.priority', {
      number: ticket.number,
      priority: t(inv.locale, `priority.${priority}`),
    }),
  });
}

export async function setTopic(inv: Invocation, ref: TicketRef, topic: string): Promise<void> {
  await inv.respond.defer();
  const { ticket } = await inv.api.ticket.setTopic({ ...ref, topic });
  await inv.respond.reply({ content: bt(inv.locale, 'reply.topic', { number: ticket.number }) });
}

export async function sendTranscript(inv: Invocation, ref: TicketRef): Promise<void> {
  await inv.respond.defer();
  const file = await inv.api.ticket.transcript({ ...ref, format: 'html' });
  const number = /-(\d+)\./.exec(file.fileName)?.[1] ?? '?';
  await inv.respond.reply({
    content: bt(inv.locale, 'reply.transcript', { number, count: file.messageCount }),
    files: [{ attachment: Buffer.from(file.body, 'utf8'), name: file.fileName }],
  });
}

export async function deleteTicketChannel(inv: Invocation, ref: TicketRef): Promise<void> {
  await inv.respond.defer();
  const { ticket } = await inv.api.ticket.deleteChannel(ref);
  // The reply lived in the channel that is now gone when the button was pressed inside it.
  await inv.respond
    .reply({ content: bt(inv.locale, 'reply.deleted', { number: ticket.number }) })
    .catch(() => undefined);
}
