// Every slash subcommand and prefix command, with the refusals a member would see: not an admin,
// not staff, not in a ticket channel, blacklisted (user and role), over the limit, unknown category.
import { DailyStats, Ticket } from '@ticketbyte/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/lib/deps.js';
import {
  buttonsOf,
  click,
  DEMO,
  findButton,
  type Harness,
  prefix,
  sendAndSettle,
  slash,
  startHarness,
} from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  if (process.env.SHOW_LOGS) console.error(h.logs.lines.join('\n'));
  await h?.stop();
});

const G = DEMO.guildId;
const { alice, bob, carol, staff, admin } = DEMO.users;
const support = DEMO.channels.support;
const REFERENCE = /\n-# Reference: [0-9a-f-]{36}$/;
const system = () => h.bot.deps.caller(SYSTEM);

async function updateSettings(changes: Parameters<ReturnType<typeof system>['config']['update']>[0]) {
  await system().config.update(changes);
  h.bot.deps.config.forget(G);
}

function channelOf(content: string): string {
  const id = /<#(\d+)>/.exec(content)?.[1];
  if (!id) throw new Error(`no channel mention in "${content}"`);
  return id;
}

let ticketChannel = '';
let number = 0;

describe('/setup', () => {
  it('refuses members who are not admins, with a reference id', async () => {
    const refused = await slash(h, alice, 'setup', undefined);
    expect(refused.content).toMatch(/^Only server admins can do that\./);
    expect(refused.content).toMatch(REFERENCE);
    expect(refused.ephemeral).toBe(true);
  });

  it('sets the guild up with the chosen staff role, log channel and category, transcripts off, and a panel', async () => {
    const done = await slash(h, admin, 'setup', undefined, {
      'staff-role': DEMO.roles.support,
      'log-channel': DEMO.channels.ticketLogs,
      'ticket-category': DEMO.channels.ticketsCategory,
    });
    const embed = done.embeds[0]!;
    expect(embed.title).toBe('TicketByte is set up');
    expect(JSON.stringify(embed.fields)).toContain(`<@&${DEMO.roles.support}>`);
    expect(JSON.stringify(embed.fields)).toContain('Off: no message content is stored.');
    expect(findButton(h, support, 'tb:open:v1:')).toBeDefined();
    // Running it again is safe: still one panel.
    await slash(h, admin, 'setup', undefined);
    expect(h.emu.inspect.messages(support).filter((m) => m.embeds[0]?.title === 'Need help?')).toHaveLength(
      1,
    );
  });
});

describe('/ticket', () => {
  it('open: opens a ticket at once when the category has no questions', async () => {
    const opened = await slash(h, alice, 'ticket', 'open', { topic: 'Printer' });
    expect(opened.content).toMatch(/^Your ticket is open: <#\d+>$/);
    ticketChannel = channelOf(opened.content);
    number = (await Ticket.findOne({ channelId: ticketChannel }).lean())!.number;
  });

  it('open: refuses an unknown category name and a member over the limit', async () => {
    const unknown = await slash(h, alice, 'ticket', 'open', { category: 'Nope' });
    expect(unknown.content).toBe('There is no ticket category called "Nope". Categories: General.');
    await updateSettings({ guildId: G, maxOpenTicketsPerUser: 1 });
    const limited = await slash(h, alice, 'ticket', 'open', {});
    expect(limited.content).toMatch(
      /^You already have 1 open ticket\(s\)\. Close one before opening another\./,
    );
    expect(limited.content).toMatch(REFERENCE);
    await updateSettings({ guildId: G, maxOpenTicketsPerUser: 3 });
  });

  it('claim / unclaim: staff only, and only inside a ticket channel', async () => {
    const notStaff = await slash(h, alice, 'ticket', 'claim', {}, ticketChannel);
    expect(notStaff.content).toMatch(/^Only staff can do that\./);
    const notTicket = await slash(h, staff, 'ticket', 'claim', {}, support);
    expect(notTicket.content).toMatch(/^This command only works inside a ticket channel\./);
    expect((await slash(h, staff, 'ticket', 'claim', {}, ticketChannel)).content).toBe(
      `You claimed ticket #${number}.`,
    );
    expect((await slash(h, staff, 'ticket', 'unclaim', {}, ticketChannel)).content).toBe(
      `You released ticket #${number}.`,
    );
    const notClaimed = await slash(h, staff, 'ticket', 'unclaim', {}, ticketChannel);
    expect(notClaimed.content).toMatch(/^This ticket is not claimed\./);
  });

  it('add / remove: members get and lose access; the opener cannot be removed', async () => {
    expect((await slash(h, staff, 'ticket', 'add', { member: bob }, ticketChannel)).content).toBe(
      `<@${bob}> can now see ticket #${number}.`,
    );
    expect(h.emu.inspect.canView(bob, ticketChannel)).toBe(true);
    expect((await slash(h, staff, 'ticket', 'remove', { member: bob }, ticketChannel)).content).toBe(
      `<@${bob}> was removed from ticket #${number}.`,
    );
    expect(h.emu.inspect.canView(bob, ticketChannel)).toBe(false);
    const opener = await slash(h, staff, 'ticket', 'remove', { member: alice }, ticketChannel);
    expect(opener.content).toMatch(/^The person who opened the ticket cannot be removed from it\./);
    const byMember = await slash(h, alice, 'ticket', 'add', { member: bob }, ticketChannel);
    expect(byMember.content).toMatch(/^Only staff can do that\./);
  });

  it('rename, priority and topic', async () => {
    expect((await slash(h, staff, 'ticket', 'rename', { name: 'Printer Help' }, ticketChannel)).content).toBe(
      'The channel is now called printer-help.',
    );
    const channel = h.emu.inspect.channel(ticketChannel);
    expect(channel && 'name' in channel ? channel.name : '').toBe('printer-help');
    expect((await slash(h, staff, 'ticket', 'priority', { level: 'high' }, ticketChannel)).content).toBe(
      `Priority of ticket #${number} is now High.`,
    );
    expect(
      (await slash(h, alice, 'ticket', 'topic', { text: 'Printer on fire' }, ticketChannel)).content,
    ).toBe(`Topic of ticket #${number} updated.`);
    const ticket = await Ticket.findOne({ channelId: ticketChannel }).lean();
    expect(ticket).toMatchObject({ priority: 'high', topic: 'Printer on fire' });
    const notStaff = await slash(h, alice, 'ticket', 'priority', { level: 'urgent' }, ticketChannel);
    expect(notStaff.content).toMatch(/^Only staff can do that\./);
  });

  it('close-request: the opener can keep the ticket open, or accept and close it', async () => {
    const asked = await slash(h, staff, 'ticket', 'close-request', { reason: 'Fixed?' }, ticketChannel);
    expect(asked.content).toBe(`The opener was asked whether ticket #${number} can be closed.`);
    const pending = await slash(h, staff, 'ticket', 'close-request', {}, ticketChannel);
    expect(pending.content).toMatch(/^A close request is already waiting for an answer\./);
    const deny = findButton(h, ticketChannel, 'tb:close-deny:v1:')!;
    const notOpener = await click(h, staff, ticketChannel, deny);
    expect(notOpener.content).toMatch(/^You are not allowed to do that\./);
    expect((await click(h, alice, ticketChannel, deny)).content).toBe('The ticket stays open.');

    await slash(h, staff, 'ticket', 'close-request', {}, ticketChannel);
    const accept = findButton(h, ticketChannel, 'tb:close-accept:v1:')!;
    expect((await click(h, alice, ticketChannel, accept)).content).toBe(`Ticket #${number} is closed.`);
  });

  it('reopen (staff only) and close with a reason', async () => {
    const refused = await slash(h, alice, 'ticket', 'reopen', {}, ticketChannel);
    expect(refused.content).toMatch(/^Only staff can do that\./);
    expect((await slash(h, staff, 'ticket', 'reopen', {}, ticketChannel)).content).toBe(
      `Ticket #${number} is open again.`,
    );
    const stillOpen = await slash(h, staff, 'ticket', 'reopen', {}, ticketChannel);
    expect(stillOpen.content).toMatch(/^This ticket is still open\./);
    expect((await slash(h, alice, 'ticket', 'close', { reason: 'Works now' }, ticketChannel)).content).toBe(
      `Ticket #${number} is closed.`,
    );
    const again = await slash(h, alice, 'ticket', 'close', {}, ticketChannel);
    expect(again.content).toMatch(/^This ticket is already closed\./);
    expect((await Ticket.findOne({ channelId: ticketChannel }).lean())?.closeReason).toBe('Works now');
  });
});

describe('/blacklist', () => {
  it('add / list / remove a user: a blacklisted member is refused', async () => {
    const notStaff = await slash(h, alice, 'blacklist', 'add', { target: bob });
    expect(notStaff.content).toMatch(/^Only staff can do that\./);
    expect((await slash(h, staff, 'blacklist', 'add', { target: bob, reason: 'spam' })).content).toBe(
      `<@${bob}> can no longer open tickets.`,
    );
    const twice = await slash(h, staff, 'blacklist', 'add', { target: bob });
    expect(twice.content).toMatch(/^That user is already on the blacklist\./);
    const list = await slash(h, staff, 'blacklist', 'list', {});
    expect(list.embeds[0]?.description).toBe(`<@${bob}> — spam`);
    const refused = await slash(h, bob, 'ticket', 'open', {});
    expect(refused.content).toMatch(/^You are not allowed to open tickets on this server\./);
    expect(refused.content).toMatch(REFERENCE);
    expect((await slash(h, staff, 'blacklist', 'remove', { target: bob })).content).toBe(
      `<@${bob}> may open tickets again.`,
    );
    const notListed = await slash(h, staff, 'blacklist', 'remove', { target: bob });
    expect(notListed.content).toMatch(/^That user is not on the blacklist\./);
  });

  it('a blacklisted role refuses its members', async () => {
    const role = h.emu.actions.createRole(G, { name: 'Muted' });
    h.emu.actions.setMemberRoles(G, carol, [role.id]);
    expect((await slash(h, staff, 'blacklist', 'add', { target: role.id })).content).toBe(
      `<@&${role.id}> can no longer open tickets.`,
    );
    const refused = await slash(h, carol, 'ticket', 'open', {});
    expect(refused.content).toMatch(/^You are not allowed to open tickets on this server\./);
    await slash(h, staff, 'blacklist', 'remove', { target: role.id });
    h.emu.actions.setMemberRoles(G, carol, []);
  });
});

describe('/stats, /help, /privacy and languages', () => {
  it('/stats shows the numbers to staff only; command uses were counted', async () => {
    const refused = await slash(h, alice, 'stats', undefined);
    expect(refused.content).toMatch(/^Only staff can do that\./);
    const stats = await slash(h, staff, 'stats', undefined, { days: 7 });
    expect(stats.embeds[0]?.title).toBe('Tickets in the last 7 days');
    expect(stats.embeds[0]?.fields?.find((f) => f.name === 'Opened')?.value).toBe('1');
    const day = new Date().toISOString().slice(0, 10);
    const counters = await DailyStats.findOne({ guildId: G, day }).lean();
    const commands = counters!.commands as unknown as Record<string, number>;
    expect(commands['ticket-open']).toBeGreaterThanOrEqual(4);
    expect(commands['ticket-claim']).toBe(3);
    expect(commands.setup).toBe(3);
  });

  it('/help and /privacy', async () => {
    const help = await slash(h, carol, 'help', undefined);
    expect(JSON.stringify(help.embeds)).toContain('!new [topic]');
    const privacy = await slash(h, carol, 'privacy', undefined);
    expect(privacy.embeds[0]?.title).toBe('Your data and TicketByte');
    expect(JSON.stringify(privacy.embeds)).toContain('Transcripts are off: no message content is stored.');
  });

  it('replies in the language the guild chose', async () => {
    await updateSettings({ guildId: G, language: 'de' });
    const refused = await slash(h, alice, 'ticket', 'claim', {}, support);
    expect(refused.content).toMatch(/^Dieser Befehl funktioniert nur in einem Ticket-Kanal\.\n-# Referenz: /);
    const help = await slash(h, alice, 'help', undefined);
    expect(help.embeds[0]?.fields?.[0]?.name).toBe('Für alle');
    await updateSettings({ guildId: G, language: 'en' });
  });
});

describe('prefix commands (Message Content intent on)', () => {
  let channel = '';

  it('!help and !new', async () => {
    const help = await prefix(h, alice, support, '!help');
    expect(help.embeds[0]?.title).toBe('TicketByte');
    const opened = await prefix(h, alice, support, '!new Scanner jammed');
    expect(opened.content).toMatch(/^Your ticket is open: <#\d+>$/);
    channel = channelOf(opened.content);
    expect((await Ticket.findOne({ channelId: channel }).lean())?.topic).toBe('Scanner jammed');
  });

  it('!claim, !add, !remove as staff; refused for members and outside tickets', async () => {
    expect((await prefix(h, alice, channel, '!claim')).content).toMatch(/^Only staff can do that\./);
    expect((await prefix(h, staff, support, '!claim')).content).toMatch(
      /^This command only works inside a ticket channel\./,
    );
    const n = (await Ticket.findOne({ channelId: channel }).lean())!.number;
    expect((await prefix(h, staff, channel, '!claim')).content).toBe(`You claimed ticket #${n}.`);
    expect((await prefix(h, staff, channel, `!add <@${bob}>`)).content).toBe(
      `<@${bob}> can now see ticket #${n}.`,
    );
    expect((await prefix(h, staff, channel, `!remove <@${bob}>`)).content).toBe(
      `<@${bob}> was removed from ticket #${n}.`,
    );
    expect((await prefix(h, staff, channel, '!add')).embeds[0]?.title).toBe('TicketByte');
    expect((await prefix(h, alice, channel, '!close all good')).content).toBe(`Ticket #${n} is closed.`);
  });

  it('a blacklisted member is refused; the guild prefix is configurable', async () => {
    await slash(h, staff, 'blacklist', 'add', { target: bob });
    expect((await prefix(h, bob, support, '!new')).content).toMatch(
      /^You are not allowed to open tickets on this server\./,
    );
    await updateSettings({ guildId: G, prefix: '?' });
    expect((await prefix(h, carol, support, '?help')).embeds[0]?.title).toBe('TicketByte');
    const ignored = await sendAndSettle(h, carol, support, '!help');
    expect(h.emu.inspect.messages(support).some((m) => m.message_reference?.message_id === ignored.id)).toBe(
      false,
    );
    await updateSettings({ guildId: G, prefix: '!' });
  });

  it('without the Message Content intent, prefix commands are off and /help says so', async () => {
    await h.restartBot({ messageContent: false });
    const sent = await sendAndSettle(h, carol, support, '!help');
    expect(h.emu.inspect.messages(support).some((m) => m.message_reference?.message_id === sent.id)).toBe(
      false,
    );
    const help = await slash(h, carol, 'help', undefined);
    expect(JSON.stringify(help.embeds)).toContain('Prefix commands are not enabled');
    expect(buttonsOf(undefined)).toEqual([]);
  });
});
