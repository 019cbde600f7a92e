// Full lifecycles as members and staff drive them: panel click → form → ticket channel with the
// right overwrites → messages → claim → close with a reason → log entry (with the transcript when
// transcripts are on; no stored content when they are off) → transcript button → reopen → delete.
import { mongoose, Ticket, TranscriptMessage } from '@ticketbyte/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allLogs,
  buttonsOf,
  click,
  DEMO,
  findButton,
  type Harness,
  outcome,
  slash,
  startHarness,
  EVENT_CEILING_MS,
} from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ bot: { demo: true } });
});
afterAll(async () => {
  if (process.env.SHOW_LOGS) console.error(h.logs.lines.join('\n'));
  await h?.stop();
});

const G = DEMO.guildId;
const { alice, bob, staff, admin } = DEMO.users;

function channelOf(content: string): string {
  const id = /<#(\d+)>/.exec(content)?.[1];
  if (!id) throw new Error(`no channel mention in "${content}"`);
  return id;
}

async function submit(userId: string, channelId: string, customId: string, fields: Record<string, string>) {
  const handle = await h.emu.actions.submitModal({ guildId: G, channelId, userId, customId, fields });
  return outcome(h, handle);
}

/** Every document of every collection, as one string (for "stored nowhere" checks). */
async function everythingStored(): Promise<string> {
  const db = mongoose.connection.db!;
  const parts: string[] = [];
  for (const c of await db.listCollections().toArray()) {
    parts.push(JSON.stringify(await db.collection(c.name).find({}).toArray()));
  }
  return parts.join('\n');
}

describe('ticket lifecycle with transcripts on (the demo guild)', () => {
  let channelId = '';
  let number = 0;

  it('panel button → opening form → ticket channel only the opener and staff can see', async () => {
    const billing = findButton(h, DEMO.channels.support, 'tb:open:v1:');
    const panel = h.emu.inspect.messages(DEMO.channels.support).find((m) => m.id === billing?.messageId)!;
    const button = buttonsOf(panel).find((b) => b.label === 'Billing')!;
    const form = await click(h, alice, DEMO.channels.support, {
      messageId: panel.id,
      customId: button.customId,
    });
    expect(form.modal?.title).toBe('Open a ticket: Billing');
    expect(form.ackMs).toBeLessThan(3000);

    const opened = await submit(alice, DEMO.channels.support, form.modal!.customId, {
      order: 'A-1234',
      details: 'Charged <b>twice</b>',
    });
    expect(opened.ephemeral).toBe(true);
    expect(opened.content).toMatch(/^Your ticket is open: <#\d+>$/);
    channelId = channelOf(opened.content);

    const channel = h.emu.inspect.channel(channelId);
    expect(channel && 'parent_id' in channel ? channel.parent_id : null).toBe(DEMO.channels.ticketsCategory);
    expect(h.emu.inspect.canView(alice, channelId)).toBe(true);
    expect(h.emu.inspect.canView(staff, channelId)).toBe(true);
    expect(h.emu.inspect.canView(bob, channelId)).toBe(false);
    const welcome = h.emu.inspect.messages(channelId)[0]!;
    number = Number(/#(\d+)/.exec(welcome.embeds[0]?.title ?? '')?.[1]);
    expect(number).toBeGreaterThan(0);
    expect(JSON.stringify(welcome.embeds[0]?.fields)).toContain('A-1234');
    expect(buttonsOf(welcome).map((b) => b.label)).toEqual(['Claim', 'Close']);
  });

  it('messages, edits and deletions in the channel are recorded through the router', async () => {
    const first = await h.emu.actions.sendMessage({
      channelId,
      userId: alice,
      content: 'card <script>alert(1)</script> 4111',
    });
    await h.emu.actions.sendMessage({ channelId, userId: staff, content: 'Looking into it' });
    const oops = await h.emu.actions.sendMessage({ channelId, userId: alice, content: 'typo message' });
    await h.emu.waitFor(async () => (await TranscriptMessage.countDocuments({ channelId })) >= 3, {
      timeoutMs: EVENT_CEILING_MS,
    });
    await h.emu.actions.editMessage({
      channelId,
      messageId: first.id,
      userId: alice,
      content: 'card <script>alert(1)</script> 4111 (edited)',
    });
    await h.emu.actions.deleteMessage({ channelId, messageId: oops.id, userId: alice });
    await h.emu.waitFor(
      async () => {
        const [edited, deleted] = await Promise.all([
          TranscriptMessage.findOne({ messageId: first.id }).lean(),
          TranscriptMessage.findOne({ messageId: oops.id }).lean(),
        ]);
        return edited?.editedAt && deleted?.deletedAt;
      },
      { timeoutMs: EVENT_CEILING_MS },
    );
    const ticket = await Ticket.findOne({ channelId }).lean();
    expect(ticket?.firstStaffResponseAt).toBeInstanceOf(Date);
  });

  it('staff claim it; the opener pressing Close is asked to confirm; staff closing give a reason', async () => {
    const claim = await click(h, staff, channelId, findButton(h, channelId, 'tb:claim:v1:')!);
    expect(claim.content).toBe(`You claimed ticket #${number}.`);
    const claimedAgain = await click(h, admin, channelId, findButton(h, channelId, 'tb:claim:v1:')!);
    expect(claimedAgain.content).toContain(`This ticket is already claimed by <@${staff}>`);
    expect(claimedAgain.content).toMatch(/Reference: [0-9a-f-]{36}/);

    const asOpener = await click(h, alice, channelId, findButton(h, channelId, 'tb:close:v1:')!);
    expect(asOpener.content).toBe(`Close ticket #${number}? Staff can reopen it later.`);
    expect(buttonsOf(asOpener).map((b) => b.customId)[0]).toMatch(/^tb:close-confirm:v1:/);

    const asStaff = await click(h, staff, channelId, findButton(h, channelId, 'tb:close:v1:')!);
    expect(asStaff.modal?.title).toBe(`Close ticket #${number}`);
    const closed = await submit(staff, channelId, asStaff.modal!.customId, { reason: 'Refund issued' });
    expect(closed.content).toBe(`Ticket #${number} is closed.`);
    expect(h.emu.inspect.permissionNames(alice, channelId)).not.toContain('SendMessages');
  });

  it('the log channel has the close entry with its reason and the transcript attached', async () => {
    const entry = await h.emu.waitFor(
      () =>
        h.emu.inspect
          .messages(DEMO.channels.ticketLogs)
          .find((m) => m.embeds[0]?.title === `Ticket #${number} closed`),
      { timeoutMs: EVENT_CEILING_MS },
    );
    expect(entry.embeds[0]?.fields?.find((f) => f.name === 'Reason')?.value).toBe('Refund issued');
    expect(entry.attachments.map((a) => a.filename).sort()).toEqual([
      `transcript-${number}.html`,
      `transcript-${number}.json`,
    ]);
    const titles = h.emu.inspect.messages(DEMO.channels.ticketLogs).map((m) => m.embeds[0]?.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        `Ticket #${number} opened`,
        `Ticket #${number} claimed`,
        `Ticket #${number} closed`,
      ]),
    );
  });

  it('Transcript sends the HTML file ephemerally, every piece of user content escaped', async () => {
    const closedMessage = findButton(h, channelId, 'tb:transcript:v1:')!;
    const buttons = buttonsOf(
      h.emu.inspect.messages(channelId).find((m) => m.id === closedMessage.messageId),
    );
    expect(buttons.map((b) => b.label)).toEqual(['Reopen', 'Transcript', 'Delete']);
    const notStaff = await click(h, alice, channelId, closedMessage);
    expect(notStaff.content).toContain('Only staff can do that.');

    const file = await click(h, staff, channelId, closedMessage);
    expect(file.ephemeral).toBe(true);
    // Three member messages (one deleted, still listed as such) and the bot's notices in between.
    expect(file.content).toMatch(new RegExp(`^Transcript of ticket #${number} \\(\\d+ messages\\)\\.$`));
    expect(file.attachments.map((a) => a.filename)).toEqual([`transcript-${number}.html`]);
    const html = Buffer.from(h.emu.inspect.attachment(file.attachments[0]!.url)!.data).toString('utf8');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; 4111 (edited)');
    expect(html).not.toContain('<script>alert(1)');
  });

  it('staff reopen it, close it again and delete the channel', async () => {
    const reopened = await click(h, staff, channelId, findButton(h, channelId, 'tb:reopen:v1:')!);
    expect(reopened.content).toBe(`Ticket #${number} is open again.`);
    expect(h.emu.inspect.permissionNames(alice, channelId)).toContain('SendMessages');

    const closed = await slash(h, staff, 'ticket', 'close', { reason: 'Done' }, channelId);
    expect(closed.content).toBe(`Ticket #${number} is closed.`);
    // The answer lived in the channel that is deleted; the member saw the deferral, then the channel go.
    const del = findButton(h, channelId, 'tb:delete:v1:')!;
    const handle = await h.emu.actions.clickButton({ guildId: G, channelId, userId: staff, ...del });
    expect((await handle.waitForResponse()).ephemeral).toBe(true);
    await h.emu.waitFor(() => !h.emu.inspect.channel(channelId), { timeoutMs: EVENT_CEILING_MS });
    await h.emu.waitFor(
      () =>
        h.emu.inspect
          .messages(DEMO.channels.ticketLogs)
          .find((m) => m.embeds[0]?.title === `Ticket #${number} deleted`),
      { timeoutMs: EVENT_CEILING_MS },
    );
    expect((await Ticket.findOne({ number, guildId: G }).lean())?.channelId).toBeNull();
  });
});

describe('ticket lifecycle with transcripts off', () => {
  const secret = 'SECRET-OFF-7d1f2a my card is 5500 0000 0000 0004';

  it('/setup turns transcripts off and says so', async () => {
    const setup = await slash(h, admin, 'setup', undefined, { transcripts: false });
    const text = JSON.stringify(setup.embeds);
    expect(text).toContain('Off: no message content is stored.');
  });

  it('nothing typed in the ticket is stored anywhere or logged; the log says transcripts are off', async () => {
    const form = await slash(h, alice, 'ticket', 'open', { category: 'General', topic: 'Login' });
    expect(form.modal?.customId).toMatch(/^tb:open-form:v1:/);
    const opened = await submit(alice, DEMO.channels.support, form.modal!.customId, {
      question: 'I cannot log in',
      __topic: 'Login',
    });
    const channelId = channelOf(opened.content);
    const ticket = await Ticket.findOne({ channelId }).lean();
    expect(ticket?.topic).toBe('Login');

    const sent = await h.emu.actions.sendMessage({ channelId, userId: alice, content: secret });
    await h.emu.actions.editMessage({
      channelId,
      messageId: sent.id,
      userId: alice,
      content: `${secret} edited`,
    });
    // A channel's events are handled in order, so once this staff reply has been counted as the
    // first response, the member's message and edit before it have been through the router too.
    await h.emu.actions.sendMessage({ channelId, userId: staff, content: 'Staff here' });
    await h.emu.waitFor(async () => (await Ticket.findOne({ channelId }).lean())?.firstStaffResponseAt, {
      timeoutMs: EVENT_CEILING_MS,
    });

    const prompt = await click(h, alice, channelId, findButton(h, channelId, 'tb:close:v1:')!);
    const confirm = buttonsOf(prompt)[0]!;
    const promptMessage = h.emu.inspect
      .messages(channelId, { as: alice })
      .find((m) => buttonsOf(m).some((b) => b.customId === confirm.customId))!;
    const done = await click(h, alice, channelId, {
      messageId: promptMessage.id,
      customId: confirm.customId,
    });
    expect(done.content).toMatch(/^Ticket #\d+ is closed\.$/);
    expect(done.components).toEqual([]);

    const entry = await h.emu.waitFor(
      () =>
        h.emu.inspect
          .messages(DEMO.channels.ticketLogs)
          .find((m) => m.embeds[0]?.title === `Ticket #${ticket?.number} closed`),
      { timeoutMs: EVENT_CEILING_MS },
    );
    expect(entry.attachments).toHaveLength(0);
    expect(entry.embeds[0]?.description).toContain('Transcripts are off on this server');
    expect(await TranscriptMessage.countDocuments({ channelId })).toBe(0);
    expect(await everythingStored()).not.toContain('SECRET-OFF');
    expect(allLogs(h)).not.toContain('SECRET-OFF');
    // Nor was anything typed with transcripts on ever logged.
    expect(allLogs(h)).not.toContain('alert(1)');
  });
});
