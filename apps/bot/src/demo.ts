// Demo mode (`TICKETBYTE_DEMO=1`, against the emulator): prepares the demo guild through the router
// as TicketByte itself — Support as staff, #ticket-logs for logs, the Tickets category, transcripts
// ON (the panel says so), "General" and "Billing" categories with opening questions, and a panel in
// #support. Idempotent: a guild whose panel is already published is left alone.
import { type BotDeps, SYSTEM } from './lib/deps.js';
import { bt } from './i18n/index.js';

/** The emulator's fixed demo ids; loaded only in demo mode (the emulator is not a production dependency). */
export async function demoIds() {
  return (await import('@ticketbyte/discord-emulator')).DEMO;
}

export async function prepareDemoGuild(deps: BotDeps, guildId?: string): Promise<boolean> {
  const DEMO = await demoIds();
  guildId ??= DEMO.guildId;
  const api = deps.caller(SYSTEM);
  const existing = await api.config.panels.list({ guildId }).catch(() => []);
  if (existing.some((p) => p.messageId)) return false;

  const { categoryId } = await api.config.setup({
    guildId,
    staffRoleId: DEMO.roles.support,
    logChannelId: DEMO.channels.ticketLogs,
    ticketParentChannelId: DEMO.channels.ticketsCategory,
    transcriptsEnabled: true,
  });
  await api.config.categories.update({
    guildId,
    categoryId,
    name: 'General',
    description: 'Questions, ideas, anything else',
    questions: [
      {
        questionId: 'question',
        label: 'How can we help?',
        style: 'paragraph',
        placeholder: 'Tell us what you need',
        required: true,
        minLength: 0,
        maxLength: 1000,
      },
    ],
  });
  const categories = await api.config.categories.list({ guildId });
  if (!categories.some((c) => c.name === 'Billing')) {
    await api.config.categories.create({
      guildId,
      name: 'Billing',
      emoji: '💳',
      description: 'Payments, invoices and refunds',
      questions: [
        {
          questionId: 'order',
          label: 'Order number',
          style: 'short',
          placeholder: 'e.g. A-1234',
          required: true,
          minLength: 0,
          maxLength: 40,
        },
        {
          questionId: 'details',
          label: 'What happened?',
          style: 'paragraph',
          placeholder: '',
          required: false,
          minLength: 0,
          maxLength: 1000,
        },
      ],
    });
  }
  const { panel } = await api.config.setup({ guildId, panelChannelId: DEMO.channels.support });
  if (panel) {
    await api.config.panels.update({
      guildId,
      panelId: panel.id,
      title: 'Need help?',
      description: bt('en', 'demo.panelDescription'),
    });
    await api.config.panels.publish({ guildId, panelId: panel.id, channelId: DEMO.channels.support });
  }
  deps.config.forget(guildId);
  deps.log.info('bot.demo.prepared', { guildId });
  return true;
}
