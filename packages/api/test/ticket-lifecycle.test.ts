import { DailyStats, Ticket, TranscriptMessage } from '@ticketbyte/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleBackgroundWork } from '../src/services/background.js';
import { DEMO, type Harness, member, setUpDemoGuild, startHarness, system } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  if (process.env.SHOW_LOGS) console.error(h.logs.lines.join('\n'));
  await h.stop();
});

const G = DEMO.guildId;

describe('ticket lifecycle through the router and the emulated Discord', () => {
  it('open → channel with the right overwrites and a welcome message → claim → add member → close → reopen', async () => {
    await setUpDemoGuild(h);
    const admin = h.caller(member(h, DEMO.users.admin));
    const { category } = await admin.config.categories.create({
      guildId: G,
      name: 'Billing',
      questions: [{ questionId: 'order', label: 'Order number', required: true }],
    });

    const alice = h.caller(member(h, DEMO.users.alice));
    const opened = await alice.ticket.open({
      guildId: G,
      categoryId: category.id,
      topic: 'Refund please',
      answers: { order: 'A-1234' },
      openKey: '1400000000000000001',
    });
    expect(opened.created).toBe(true);
    const ticket = opened.ticket;
    expect(ticket.status).toBe('open');
    const channelId = ticket.channelId!;
    const channel = h.emu.inspect.channel(channelId);
    expect(channel && 'parent_id' in channel ? channel.parent_id : null).toBe(DEMO.channels.ticketsCategory);

    // The opener and staff can see the channel; other members and @everyone cannot.
    expect(h.emu.inspect.canView(DEMO.users.alice, channelId)).toBe(true);
    expect(h.emu.inspect.canView(DEMO.users.staff, channelId)).toBe(true);
    expect(h.emu.inspect.canView(DEMO.users.bob, channelId)).toBe(false);

    const welcome = h.emu.inspect.messages(channelId)[0]!;
    expect(welcome.embeds[0]?.title).toBe(`Ticket #${ticket.number}`);
    expect(JSON.stringify(welcome.embeds[0]?.fields)).toContain('A-1234');
    const buttons =
      welcome.components?.[0] && 'components' in welcome.components[0]
        ? welcome.components[0].components
        : [];
    expect(buttons.map((b) => ('label' in b ? b.label : ''))).toEqual(['Claim', 'Close']);

    const staff = h.caller(member(h, DEMO.users.staff));
    const claimed = await staff.ticket.claim({ guildId: G, ticketId: ticket.id });
    expect(claimed.ticket.claimedById).toBe(DEMO.users.staff);
    await expect(
      h.caller(member(h, DEMO.users.admin)).ticket.claim({ guildId: G, ticketId: ticket.id }),
    ).rejects.toThrow(/already claimed/);

    await staff.ticket.addMember({ guildId: G, channelId, memberId: DEMO.users.bob });
    expect(h.emu.inspect.canView(DEMO.users.bob, channelId)).toBe(true);

    const closed = await staff.ticket.close({ guildId: G, channelId, reason: 'Refund issued' });
    expect(closed.ticket).toMatchObject({
      status: 'closed',
      closeReason: 'Refund issued',
      closedById: DEMO.users.staff,
    });
    // The opener still reads the channel but can no longer write in it.
    expect(h.emu.inspect.canView(DEMO.users.alice, channelId)).toBe(true);
    expect(h.emu.inspect.permissionNames(DEMO.users.alice, channelId)).not.toContain('SendMessages');
    await settleBackgroundWork();
    const log = h.emu.inspect.messages(DEMO.channels.ticketLogs);
    expect(log.map((m) => m.embeds[0]?.title)).toEqual([
      `Ticket #${ticket.number} opened`,
      `Ticket #${ticket.number} claimed`,
      `Ticket #${ticket.number} closed`,
    ]);
    expect(log[2]?.attachments).toHaveLength(0);
    expect(await TranscriptMessage.countDocuments({})).toBe(0);

    const today = new Date().toISOString().slice(0, 10);
    const stats = await DailyStats.findOne({ guildId: G, day: today }).lean();
    expect(stats).toMatchObject({ opened: 1, closed: 1 });

    const unclaimedOpen = await staff.ticket.list({ guildId: G, unclaimed: true });
    expect(unclaimedOpen.items.map((t) => t.id)).not.toContain(ticket.id);
    const history = await staff.ticket.history({ guildId: G, ticketId: ticket.id });
    expect(history.map((e) => e.action)).toEqual([
      'ticket.open',
      'ticket.claim',
      'ticket.addMember',
      'ticket.close',
    ]);
    expect(history[3]).toMatchObject({ actorId: DEMO.users.staff, fields: ['reason'] });

    const reopened = await staff.ticket.reopen({ guildId: G, ticketId: ticket.id });
    expect(reopened.ticket.status).toBe('open');
    expect(h.emu.inspect.permissionNames(DEMO.users.alice, channelId)).toContain('SendMessages');
  });

  it('stores transcripts only when the guild turned them on, encrypted, and attaches them on close', async () => {
    const admin = h.caller(member(h, DEMO.users.admin));
    const alice = h.caller(member(h, DEMO.users.alice));
    const secret = 'my card number is 4111 1111 1111 1111';

    await admin.config.update({ guildId: G, transcriptsEnabled: false });
    const off = (await alice.ticket.open({ guildId: G, openKey: 'transcripts-off' })).ticket;
    const recordedOff = await h.caller(system).ticket.recordMessage({
      guildId: G,
      channelId: off.channelId!,
      messageId: '1500000000000000001',
      authorId: DEMO.users.alice,
      authorName: 'Alice',
      content: secret,
      sentAt: new Date(),
    });
    expect(recordedOff).toMatchObject({ stored: false });
    expect(await TranscriptMessage.countDocuments({})).toBe(0);
    await alice.ticket.close({ guildId: G, ticketId: off.id });

    await admin.config.update({ guildId: G, transcriptsEnabled: true });
    const on = (await alice.ticket.open({ guildId: G, openKey: 'transcripts-on' })).ticket;
    const message = {
      guildId: G,
      channelId: on.channelId!,
      messageId: '1500000000000000002',
      authorId: DEMO.users.alice,
      authorName: 'Alice <script>',
      content: secret,
      sentAt: new Date(),
    };
    await h.caller(system).ticket.recordMessage(message);
    // A resumed gateway replays events: the same message delivered again is stored once.
    const replayed = await h.caller(system).ticket.recordMessage(message);
    expect(replayed).toMatchObject({ stored: true });
    expect(await TranscriptMessage.countDocuments({ ticketId: on.id })).toBe(1);
    const raw = await TranscriptMessage.collection.findOne({ messageId: '1500000000000000002' });
    expect(JSON.stringify(raw)).not.toContain('4111');
    const staff = h.caller(member(h, DEMO.users.staff));
    const html = await staff.ticket.transcript({ guildId: G, ticketId: on.id, format: 'html' });
    expect(html.body).toContain('4111 1111 1111 1111');
    expect(html.body).toContain('Alice &lt;script&gt;');
    expect(html.body).not.toContain('<script>');

    await staff.ticket.close({ guildId: G, ticketId: on.id, reason: 'done' });
    await settleBackgroundWork();
    const last = h.emu.inspect.messages(DEMO.channels.ticketLogs).at(-1)!;
    expect(last.attachments.map((a) => a.filename).sort()).toEqual([
      `transcript-${on.number}.html`,
      `transcript-${on.number}.json`,
    ]);
    expect(await Ticket.countDocuments({ status: 'opening' })).toBe(0);
  });

  it("a staff reply arriving with the opener's messages still counts as the first response", async () => {
    // Regression: on FerretDB an unlocked update rewrote the whole ticket, so an opener's message
    // recorded at the same moment could erase the staff reply's firstStaffResponseAt.
    const bob = h.caller(member(h, DEMO.users.bob));
    const opened = [];
    for (const key of ['race-1', 'race-2', 'race-3']) {
      const { ticket } = await bob.ticket.open({ guildId: G, openKey: key });
      opened.push(ticket);
    }
    let id = 1_600_000_000_000_000_000n;
    const say = (channelId: string, authorId: string, authorRoleIds: string[]) =>
      h.caller(system).ticket.recordMessage({
        guildId: G,
        channelId,
        messageId: String(id++),
        authorId,
        authorName: 'someone',
        authorRoleIds,
        content: 'hello',
        sentAt: new Date(),
      });
    await Promise.all(
      opened.flatMap((t) => [
        say(t.channelId!, DEMO.users.bob, []),
        say(t.channelId!, DEMO.users.staff, [DEMO.roles.support]),
        say(t.channelId!, DEMO.users.bob, []),
        say(t.channelId!, DEMO.users.bob, []),
      ]),
    );
    const stored = await Ticket.find({ _id: { $in: opened.map((t) => t.id) } }).lean();
    expect(stored.map((t) => t.firstStaffResponseAt instanceof Date)).toEqual([true, true, true]);
    for (const t of opened) await bob.ticket.close({ guildId: G, ticketId: t.id });
  });
});
