// The panel message: buttons (up to 25, one per category) or a select menu, opening tickets.
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { customId } from '../discord/custom-ids.js';
import type { MessageBody } from '../discord/port.js';
import type { CategoryRecord } from './guild-snapshot.js';

export interface PanelLike {
  _id: { toString(): string };
  title: string;
  description?: string | null;
  color?: number | null;
  style?: string | null;
}

function emojiOf(emoji: string | null | undefined) {
  if (!emoji) return undefined;
  const custom = /^<a?:(\w+):(\d+)>$/.exec(emoji);
  return custom ? { name: custom[1], id: custom[2] } : { name: emoji };
}

export function panelMessage(panel: PanelLike, categories: CategoryRecord[]): MessageBody {
  const shown = categories.slice(0, 25);
  const components =
    panel.style === 'select'
      ? [
          {
            type: ComponentType.ActionRow as const,
            components: [
              {
                type: ComponentType.StringSelect as const,
                custom_id: customId('open-select', panel._id.toString()),
                placeholder: 'Choose a topic…',
                options: shown.map((c) => ({
                  label: c.name,
                  value: c._id.toString(),
                  description: c.description || undefined,
                  emoji: emojiOf(c.emoji),
                })),
              },
            ],
          },
        ]
      : Array.from({ length: Math.ceil(shown.length / 5) }, (_, rowIndex) => ({
          type: ComponentType.ActionRow as const,
          components: shown.slice(rowIndex * 5, rowIndex * 5 + 5).map((c) => ({
            type: ComponentType.Button as const,
            style: ButtonStyle.Primary as const,
            label: c.name,
            custom_id: customId('open', c._id.toString()),
            emoji: emojiOf(c.emoji),
          })),
        }));
  return {
    embeds: [
      { title: panel.title, description: panel.description || undefined, color: panel.color ?? 0x5865f2 },
    ],
    components,
    allowed_mentions: { parse: [] },
  };
}
