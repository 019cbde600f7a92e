import { Guild, OpenTicketSlot, Ticket } from '@ticketbyte/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleBackgroundWork } from '../src/services/background.js';
import { postLogEntry } from '../src/services/log-channel.js';
import { DEMO, type Harness, member, setUpDemoGuild, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await setUpDemoGuild(h);
});
afterAll(() => h.stop());

const G = DEMO.guildId;

describe('opening limits, blacklist and idempotency', () => {
  it('refuses the (limit+1)th open with a clear message, and allows it again after a close', async () => {
    const admin = h.caller(member(h, DEMO.users.admin));
    await admin.config.update({ guildId: G, maxOpenTicketsPerUser: 2 });
    const bob = h.caller(member(h, DEMO.users.bob));
    const first = await bob.ticket.open({ guildId: G, openKey: 'bob-1' });
    await bob.ticket.open({ guildId: G, openKey: 'bob-2' });
    await expect(bob.ticket.open({ guildId: G, openKey: 'bob-3' })).rejects.toThrow(
      'You already have 2 open ticket(s). Close one before opening another.',
    );
    await bob.ticket.close({ guildId: G, ticketId: first.ticket.id });
    expect((await bob.ticket.open({ guildId: G, openKey: 'bob-3' })).created).toBe(true);
  });

  it('refuses a blacklisted user and a member holding a blacklisted role', async () => {
    const staff = h.caller(member(h, DEMO.users.staff));
    await staff.config.blacklist.add({
      guildId: G,
      targetType: 'user',
      targetId: DEMO.users.carol,
      reason: 'spam',
    });
    await expect(h.caller(member(h, DEMO.users.carol)).ticket.open({ guildId: G })).rejects.toThrow(
      'You are not allowed to open tickets on this server.',
    );

    const role = h.emu.actions.createRole(G, { name: 'Muted' });
    h.emu.actions.setMemberRoles(G, DEMO.users.alice, [role.id]);
    await staff.config.blacklist.add({ guildId: G, targetType: 'role', targetId: role.id });
    await expect(h.caller(member(h, DEMO.users.alice)).ticket.open({ guildId: G })).rejects.toThrow(
      /not allowed to open/,
    );

    await staff.config.blacklist.remove({ guildId: G, targetType: 'role', targetId: role.id });
    expect(
      (await h.caller(member(h, DEMO.users.alice)).ticket.open({ guildId: G, openKey: 'alice-ok' })).created,
    ).toBe(true);
    await h.caller(member(h, DEMO.users.alice)).ticket.close({
      guildId: G,
      channelId: (await Ticket.findOne({ openKey: `${G}:alice-ok` }))!.channelId!,
    });
  });

  it('20 concurrent opens with one interaction id create exactly one ticket, and every caller gets it', async () => {
    const admin = h.caller(member(h, DEMO.users.admin));
    await admin.config.update({ guildId: G, maxOpenTicketsPerUser: 3 });
    const alice = h.caller(member(h, DEMO.users.alice));
    const before = h.emu.inspect.channels(G).length;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => alice.ticket.open({ guildId: G, openKey: '1400000000000000777' })),
    );
    expect(new Set(results.map((r) => r.ticket.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await Ticket.countDocuments({ openKey: `${G}:1400000000000000777` })).toBe(1);
    expect(h.emu.inspect.channels(G).length).toBe(before + 1);
  });

  it('20 concurrent opens from one member with a limit of 3 create exactly 3 tickets', async () => {
    const admin = h.caller(member(h, DEMO.users.admin));
    const staffMember = h.caller(member(h, DEMO.users.staff));
    await admin.config.update({ guildId: G, maxOpenTicketsPerUser: 3 });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        staffMember.ticket.open({ guildId: G, openKey: `staff-burst-${i}` }),
      ),
    );
    const opened = results.filter((r) => r.status === 'fulfilled');
    expect(opened).toHaveLength(3);
    const refusals = results
      .filter((r) => r.status === 'rejected')
      .map((r) => (r as PromiseRejectedResult).reason.message);
    expect(new Set(refusals)).toEqual(
      new Set(['You already have 3 open ticket(s). Close one before opening another.']),
    );
    expect(await Ticket.countDocuments({ guildId: G, openerId: DEMO.users.staff, status: 'open' })).toBe(3);
    expect(await OpenTicketSlot.countDocuments({ guildId: G, userId: DEMO.users.staff })).toBe(3);
  });

  it('numbers tickets without gaps when many members open at once', async () => {
    const users = Array.from({ length: 15 }, (_, i) => h.emu.actions.createUser({ username: `burst${i}` }));
    for (const u of users) h.emu.actions.addMember(G, u.id);
    const before = (await Ticket.find({ guildId: G }).sort({ number: -1 }).limit(1).lean())[0]?.number ?? 0;
    await settleBackgroundWork();
    const logPostsBefore = h.emu.inspect.messages(DEMO.channels.ticketLogs).length;
    const opened = await Promise.all(
      users.map((u, i) => h.caller(member(h, u.id)).ticket.open({ guildId: G, openKey: `many-${i}` })),
    );
    expect(opened.map((o) => o.ticket.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 15 }, (_, i) => before + i + 1),
    );

    // Every one of them has its log entry (some may share a message).
    await settleBackgroundWork();
    const posts = h.emu.inspect.messages(DEMO.channels.ticketLogs).slice(logPostsBefore);
    const logged = posts.flatMap((m) => m.embeds.map((e) => Number(/#(\d+)/.exec(e.title ?? '')?.[1])));
    expect(logged.sort((a, b) => a - b)).toEqual(opened.map((o) => o.ticket.number).sort((a, b) => a - b));
  });

  it('log entries queued behind a post go out together, in order, at most 10 to a message', async () => {
    const before = h.emu.inspect.messages(DEMO.channels.ticketLogs).length;
    const entry = (n: number) => ({ embeds: [{ title: `entry ${n}` }] });
    // All queued at once: the first is posted alone, the 14 behind it in messages of 10 and 4.
    await Promise.all(
      Array.from({ length: 15 }, (_, n) => postLogEntry(h.discord, DEMO.channels.ticketLogs, entry(n))),
    );
    const posts = h.emu.inspect.messages(DEMO.channels.ticketLogs).slice(before);
    expect(posts.map((m) => m.embeds.length)).toEqual([1, 10, 4]);
    expect(posts.flatMap((m) => m.embeds.map((e) => e.title))).toEqual(
      Array.from({ length: 15 }, (_, n) => `entry ${n}`),
    );
  });

  it('an admin saving settings while members open tickets neither repeats nor loses a number', async () => {
    // Regression: numbers once came from a counter on the guild document, and on FerretDB an
    // unlocked settings save could put it back while a number was being allocated.
    const users = Array.from({ length: 10 }, (_, i) => h.emu.actions.createUser({ username: `save${i}` }));
    for (const u of users) h.emu.actions.addMember(G, u.id);
    const admin = h.caller(member(h, DEMO.users.admin));
    const before = (await Ticket.find({ guildId: G }).sort({ number: -1 }).limit(1).lean())[0]?.number ?? 0;
    const [opened] = await Promise.all([
      Promise.all(
        users.map((u, i) => h.caller(member(h, u.id)).ticket.open({ guildId: G, openKey: `save-${i}` })),
      ),
      Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          admin.config.update({ guildId: G, autoCloseAfterHours: 24 + i }),
        ),
      ),
    ]);
    expect(opened.map((o) => o.ticket.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 10 }, (_, i) => before + i + 1),
    );
    expect((await Guild.findOne({ guildId: G }).lean())?.autoCloseAfterHours).toBeGreaterThanOrEqual(24);
  });
});
