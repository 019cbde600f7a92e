// The messages TicketByte posts in ticket channels and log channels, in the guild's language.
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIButtonComponentWithCustomId,
  ButtonStyle,
  ComponentType,
} from 'discord-api-types/v10';
import { customId } from '../discord/custom-ids.js';
import type { MessageBody } from '../discord/port.js';
import { type MessageKey, t } from '../i18n/index.js';

const BRAND = 0x5865f2;
const CLOSED = 0xed4245;
const REOPENED = 0x57f287;

function button(
  label: string,
  id: string,
  style: APIButtonComponentWithCustomId['style'],
): APIButtonComponent {
  return { type: ComponentType.Button, label, custom_id: id, style };
}

function row(...buttons: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent> {
  return { type: ComponentType.ActionRow, components: buttons };
}

/** No pings from what people typed: mentions render but notify only those we name. */
function allowMentions(userIds: string[], roleIds: string[] = []) {
  return { parse: [], users: userIds, roles: roleIds };
}

export function welcomeMessage(input: {
  locale: string;
  ticketId: string;
  number: number;
  openerId: string;
  categoryName: string | null;
  topic: string;
  answers: Array<{ label: string; value: string }>;
  staffRoleIds: string[];
}): MessageBody {
  const { locale } = input;
  const fields = [
    ...(input.categoryName
      ? [{ name: t(locale, 'ticket.welcome.category'), value: input.categoryName, inline: true }]
      : []),
    ...(input.topic
      ? [{ name: t(locale, 'ticket.welcome.topic'), value: input.topic.slice(0, 1024), inline: false }]
      : []),
    ...input.answers.map((a) => ({
      name: a.label.slice(0, 256),
      value: (a.value || '—').slice(0, 1024),
      inline: false,
    })),
  ];
  return {
    content: [`<@${input.openerId}>`, ...input.staffRoleIds.map((r) => `<@&${r}>`)].join(' '),
    allowed_mentions: allowMentions([input.openerId], input.staffRoleIds),
    embeds: [
      {
        title: t(locale, 'ticket.welcome.title', { number: input.number }),
        description: t(locale, 'ticket.welcome.body', { opener: `<@${input.openerId}>` }),
        color: BRAND,
        fields,
      },
    ],
    components: [
      row(
        button(t(locale, 'ticket.button.claim'), customId('claim', input.ticketId), ButtonStyle.Primary),
        button(t(locale, 'ticket.button.close'), customId('close', input.ticketId), ButtonStyle.Danger),
      ),
    ],
  };
}

export function noticeMessage(
  locale: string,
  key: MessageKey,
  params: Record<string, string | number>,
): MessageBody {
  return {
    embeds: [{ description: t(locale, key, params), color: BRAND }],
    allowed_mentions: allowMentions([]),
  };
}

export function closedMessage(input: {
  locale: string;
  ticketId: string;
  closedById: string;
  reason: string | null;
  transcriptStored: boolean;
}): MessageBody {
  const { locale } = input;
  const text = input.reason
    ? t(locale, 'ticket.closedWithReason', { user: `<@${input.closedById}>`, reason: input.reason })
    : t(locale, 'ticket.closed', { user: `<@${input.closedById}>` });
  const buttons = [
    button(t(locale, 'ticket.button.reopen'), customId('reopen', input.ticketId), ButtonStyle.Success),
    ...(input.transcriptStored
      ? [
          button(
            t(locale, 'ticket.button.transcript'),
            customId('transcript', input.ticketId),
            ButtonStyle.Secondary,
          ),
        ]
      : []),
    button(t(locale, 'ticket.button.delete'), customId('delete', input.ticketId), ButtonStyle.Danger),
  ];
  return {
    embeds: [{ description: text, color: CLOSED }],
    components: [row(...buttons)],
    allowed_mentions: allowMentions([]),
  };
}

export function reopenedMessage(locale: string, ticketId: string, userId: string): MessageBody {
  return {
    embeds: [{ description: t(locale, 'ticket.reopened', { user: `<@${userId}>` }), color: REOPENED }],
    components: [
      row(button(t(locale, 'ticket.button.close'), customId('close', ticketId), ButtonStyle.Danger)),
    ],
    allowed_mentions: allowMentions([]),
  };
}

export function closeRequestMessage(input: {
  locale: string;
  ticketId: string;
  staffId: string;
  openerId: string;
  reason: string | null;
}): MessageBody {
  const { locale } = input;
  return {
    content: `<@${input.openerId}>`,
    allowed_mentions: allowMentions([input.openerId]),
    embeds: [
      {
        description: t(locale, 'ticket.closeRequest', {
          staff: `<@${input.staffId}>`,
          opener: `<@${input.openerId}>`,
          reason: input.reason ? ` (${input.reason})` : '',
        }),
        color: BRAND,
      },
    ],
    components: [
      row(
        button(
          t(locale, 'ticket.button.acceptClose'),
          customId('close-accept', input.ticketId),
          ButtonStyle.Danger,
        ),
        button(
          t(locale, 'ticket.button.denyClose'),
          customId('close-deny', input.ticketId),
          ButtonStyle.Secondary,
        ),
      ),
    ],
  };
}

export function logEntry(input: {
  locale: string;
  key: 'log.opened' | 'log.claimed' | 'log.closed' | 'log.reopened' | 'log.deleted';
  number: number;
  userId: string;
  channelId?: string | null;
  reason?: string | null;
  transcript?: 'attached' | 'off';
}): MessageBody {
  const { locale } = input;
  const fields = [
    ...(input.reason ? [{ name: t(locale, 'log.reason'), value: input.reason.slice(0, 1024) }] : []),
  ];
  const color =
    input.key === 'log.closed' || input.key === 'log.deleted'
      ? CLOSED
      : input.key === 'log.reopened'
        ? REOPENED
        : BRAND;
  const transcriptNote =
    input.transcript === 'attached'
      ? t(locale, 'log.transcriptAttached')
      : input.transcript === 'off'
        ? t(locale, 'log.noTranscript')
        : undefined;
  return {
    allowed_mentions: allowMentions([]),
    embeds: [
      {
        title: t(locale, input.key, { number: input.number }),
        description: [
          `<@${input.userId}>`,
          input.channelId ? `<#${input.channelId}>` : '',
          transcriptNote ?? '',
        ]
          .filter(Boolean)
          .join(' · '),
        color,
        fields,
        timestamp: new Date().toISOString(),
      },
    ],
  };
}
