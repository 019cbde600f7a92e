// `/stats`: this guild's numbers over the last days, from the router's daily counters (staff).
import { type ChatInputCommandInteraction, InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { bt } from '../i18n/index.js';
import { described } from '../lib/describe.js';
import type { Invocation } from '../lib/invocation.js';

export const data = described(new SlashCommandBuilder().setName('stats'), 'cmd.stats')
  .setContexts(InteractionContextType.Guild)
  .addIntegerOption((o) => described(o.setName('days'), 'cmd.stats.days').setMinValue(1).setMaxValue(365));

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function duration(seconds: number | null, none: string): string {
  if (seconds === null) return none;
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

export async function execute(inv: Invocation, interaction: ChatInputCommandInteraction): Promise<void> {
  const days = interaction.options.getInteger('days') ?? 30;
  await inv.respond.defer();
  const now = inv.deps.now();
  const range = {
    guildId: inv.guildId,
    from: day(new Date(now.getTime() - (days - 1) * 86_400_000)),
    to: day(now),
  };
  const [summary, commands] = await Promise.all([
    inv.api.analytics.summary(range),
    inv.api.analytics.commands(range),
  ]);
  const l = inv.locale;
  const none = bt(l, 'stats.none');
  const topCommands = Object.entries(commands.totals)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([name, n]) => `${name} ${n}`)
    .join(' · ');
  await inv.respond.reply({
    embeds: [
      {
        title: bt(l, 'stats.title', { days }),
        color: 0x5865f2,
        fields: [
          { name: bt(l, 'stats.opened'), value: String(summary.opened), inline: true },
          { name: bt(l, 'stats.closed'), value: String(summary.closed), inline: true },
          { name: bt(l, 'stats.openNow'), value: String(summary.openNow), inline: true },
          {
            name: bt(l, 'stats.firstResponse'),
            value: duration(summary.medianFirstResponseSeconds, none),
            inline: true,
          },
          {
            name: bt(l, 'stats.resolution'),
            value: duration(summary.medianResolutionSeconds, none),
            inline: true,
          },
          {
            name: bt(l, 'stats.busiest'),
            value: summary.busiestCategories.map((c) => `${c.name} (${c.opened})`).join(' · ') || none,
          },
          { name: bt(l, 'stats.commands'), value: topCommands || none },
        ],
      },
    ],
  });
}
