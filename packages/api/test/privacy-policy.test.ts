// Each promise of the privacy policy (../shared/seed/privacy-policy.txt), as a test named after it.
import {
  ApiToken,
  DailyStats,
  DataRequest,
  Guild,
  mongoose,
  OAuthAccount,
  readDiscordTokens,
  Session,
  Ticket,
  TranscriptMessage,
  User,
} from '@ticketbyte/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/services/api-tokens.js';
import { settleBackgroundWork } from '../src/services/background.js';
import { exportUserData } from '../src/services/privacy.js';
import { DEMO, type Harness, member, setUpDemoGuild, signIn, startHarness, system } from './harness.js';

let h: Harness;
const G = DEMO.guildId;
const DAY = 86_400_000;

beforeAll(async () => {
  h = await startHarness();
  await setUpDemoGuild(h);
  await h.caller(system).config.update({ guildId: G, maxOpenTicketsPerUser: 25 });
});
afterAll(async () => {
  if (process.env.SHOW_LOGS) console.error(h.logs.lines.filter((l) => l.includes('error')).join('\n'));
  await h.stop();
});

/** Every document of every collection, as stored (what a database dump would show). */
async function rawDump(): Promise<string> {
  const db = mongoose.connection.db!;
  const parts: string[] = [];
  for (const { name } of await db.listCollections().toArray()) {
    parts.push(JSON.stringify(await db.collection(name).find({}).toArray()));
  }
  return parts.join('\n');
}

async function sendInTicket(
  channelId: string,
  authorId: string,
  messageId: string,
  content: string,
  at = new Date(),
) {
  return h.caller(system).ticket.recordMessage({
    guildId: G,
    channelId,
    messageId,
    authorId,
    authorName: authorId === DEMO.users.staff ? 'Sam' : 'Alice',
    authorRoleIds: authorId === DEMO.users.staff ? [DEMO.roles.support] : [],
    content,
    sentAt: at,
  });
}

function userActor(userId: string, sessionId?: string) {
  return h.caller({ kind: 'user', userId, sessionId });
}

describe('1. Data We Collect', () => {
  it('Ticket Content: messages within ticket channels — only stored when transcripts are enabled by your server admin', async () => {
    await h.caller(system).config.update({ guildId: G, transcriptsEnabled: false });
    const { ticket } = await h
      .caller(member(h, DEMO.users.bob))
      .ticket.open({ guildId: G, openKey: 'policy-off' });
    const secret = 'launch code 8675309 do not store';
    await sendInTicket(ticket.channelId!, DEMO.users.bob, '1600000000000000001', secret);
    await h
      .caller(member(h, DEMO.users.staff))
      .ticket.close({ guildId: G, ticketId: ticket.id, reason: 'done' });
    await settleBackgroundWork();
    expect(await rawDump()).not.toContain('8675309');
    expect(h.logs.lines.join('\n')).not.toContain('8675309');
  });

  it('Analytics Data: aggregate counts of tickets opened/closed and commands used per day, per server — no identity of members', async () => {
    const stats = await DailyStats.find({ guildId: G }).lean();
    expect(stats.length).toBeGreaterThan(0);
    const text = JSON.stringify(stats);
    expect(text).not.toContain(DEMO.users.bob);
    expect(text).not.toContain(DEMO.users.alice);
  });
});

describe('3. Data Storage & Security', () => {
  it('OAuth2 access tokens are stored in the database (encrypted), never readable in a dump', async () => {
    await signIn(h, DEMO.users.alice);
    const tokens = await readDiscordTokens(DEMO.users.alice);
    const dump = await rawDump();
    expect(dump).not.toContain(tokens!.accessToken);
    expect(dump).not.toContain(tokens!.refreshToken!);
  });

  it('stored transcript content is encrypted: a database dump reveals no message content', async () => {
    await h.caller(system).config.update({ guildId: G, transcriptsEnabled: true });
    const { ticket } = await h
      .caller(member(h, DEMO.users.alice))
      .ticket.open({ guildId: G, openKey: 'policy-on' });
    await sendInTicket(
      ticket.channelId!,
      DEMO.users.alice,
      '1600000000000000002',
      'my address is 42 Wallaby Way',
    );
    const stored = await h
      .caller(member(h, DEMO.users.staff))
      .ticket.get({ guildId: G, ticketId: ticket.id });
    expect(stored.transcript?.map((m) => m.content)).toContain('my address is 42 Wallaby Way');
    expect(await rawDump()).not.toContain('Wallaby');
  });

  it('API tokens are stored only as hashes', async () => {
    const { token } = await createApiToken({
      name: 'dump-check',
      scopes: ['tickets:read'],
      guildIds: [G],
      createdById: 'test',
    });
    expect(await rawDump()).not.toContain(token);
    expect(await ApiToken.countDocuments({ name: 'dump-check' })).toBe(1);
  });

  it('logs never contain message content, tokens or cookie values', async () => {
    const tokens = await readDiscordTokens(DEMO.users.alice);
    const logs = h.logs.lines.join('\n');
    expect(logs).not.toContain('Wallaby');
    expect(logs).not.toContain(tokens!.accessToken);
    expect(logs).not.toMatch(/tb_[A-Za-z0-9_-]{20,}/);
    expect(logs).not.toMatch(/__Host-/);
  });
});

describe('5. Data Retention', () => {
  it('Ticket transcripts are retained for up to 90 days by default', async () => {
    const settings = await Guild.findOne({ guildId: G }).lean();
    expect(settings?.transcriptRetentionDays).toBe(90);
    const message = await TranscriptMessage.findOne({ messageId: '1600000000000000002' }).lean();
    expect(message!.expiresAt.getTime() - message!.sentAt.getTime()).toBe(90 * DAY);

    h.clock.now = new Date(message!.sentAt.getTime() + 89 * DAY);
    await h.caller(system).privacy.sweep();
    expect(await TranscriptMessage.exists({ messageId: '1600000000000000002' })).not.toBeNull();
    h.clock.now = new Date(message!.sentAt.getTime() + 90 * DAY + 1000);
    expect((await h.caller(system).privacy.sweep()).transcriptMessages).toBeGreaterThanOrEqual(1);
    expect(await TranscriptMessage.exists({ messageId: '1600000000000000002' })).toBeNull();
    h.clock.now = null;
  });

  it('a shortened retention applies to messages already stored', async () => {
    const { ticket } = await h
      .caller(member(h, DEMO.users.alice))
      .ticket.open({ guildId: G, openKey: 'policy-retention' });
    const tenDaysAgo = new Date(Date.now() - 10 * DAY);
    await sendInTicket(ticket.channelId!, DEMO.users.alice, '1600000000000000003', 'old message', tenDaysAgo);
    await h.caller(system).config.update({ guildId: G, transcriptRetentionDays: 7 });
    await h.caller(system).privacy.sweep();
    expect(await TranscriptMessage.exists({ messageId: '1600000000000000003' })).toBeNull();
    await h.caller(system).config.update({ guildId: G, transcriptRetentionDays: 90 });
  });

  it('Expired sessions are removed by the same sweep', async () => {
    await Session.create({
      _id: 'e'.repeat(64),
      userId: DEMO.users.bob,
      expiresAt: new Date(Date.now() - 1000),
      lastSeenAt: new Date(),
    });
    await h.caller(system).privacy.sweep();
    expect(await Session.exists({ _id: 'e'.repeat(64) })).toBeNull();
  });
});

describe('6. Your Rights', () => {
  it('Access — Request a copy of the data we hold about you.', async () => {
    await signIn(h, DEMO.users.alice);
    const summary = await userActor(DEMO.users.alice).privacy.summary();
    expect(summary.ticketsOpened).toEqual([
      expect.objectContaining({ guildId: G, guildName: 'TicketByte Demo' }),
    ]);
    expect(summary.discordConnection?.scopes).toEqual(['identify', 'guilds']);
    expect(JSON.stringify(summary)).not.toContain((await readDiscordTokens(DEMO.users.alice))!.accessToken);
    expect(await DataRequest.countDocuments({ requesterId: DEMO.users.alice, kind: 'access' })).toBe(1);
  });

  it('Portability — Request your data in a machine-readable format.', async () => {
    const { ticket } = await h
      .caller(member(h, DEMO.users.alice))
      .ticket.open({ guildId: G, openKey: 'policy-export' });
    await sendInTicket(ticket.channelId!, DEMO.users.alice, '1600000000000000004', 'please export me');
    let text = '';
    for await (const chunk of exportUserData(DEMO.users.alice, new Date())) text += chunk;
    const data = JSON.parse(text);
    expect(data.schemaVersion).toBe(1);
    expect(Object.keys(data)).toEqual([
      'schemaVersion',
      'generatedAt',
      'subject',
      'profile',
      'sessions',
      'discordConnection',
      'ticketsOpened',
      'ticketsParticipated',
      'transcriptMessages',
      'auditEntries',
      'blacklistEntries',
      'dataRequests',
    ]);
    expect(data.ticketsOpened.map((t: { id: string }) => t.id)).toContain(ticket.id);
    expect(data.transcriptMessages.map((m: { content: string }) => m.content)).toContain('please export me');
    expect(text).not.toContain('openKey');
  });

  it('Correction — Request correction of inaccurate data.', async () => {
    await User.updateOne(
      { discordId: DEMO.users.alice },
      { $set: { username: 'stale-name' } },
      { upsert: true, setDefaultsOnInsert: false },
    );
    await User.updateOne({ discordId: DEMO.users.alice }, { $set: { profileSyncedAt: new Date(0) } });
    const refreshed = await userActor(DEMO.users.alice).privacy.refreshProfile();
    expect(refreshed.username).toBe('alice');
    expect((await User.findOne({ discordId: DEMO.users.alice }).lean())?.username).toBe('alice');
    expect(refreshed.profileSyncedAt.getTime()).toBeGreaterThan(0);
  });

  it('Deletion — Request deletion of your data at any time.', async () => {
    const staff = h.caller(member(h, DEMO.users.staff));
    const { ticket } = await h
      .caller(member(h, DEMO.users.alice))
      .ticket.open({ guildId: G, openKey: 'policy-delete' });
    await sendInTicket(
      ticket.channelId!,
      DEMO.users.staff,
      '1600000000000000010',
      'Hi Alice, how can we help?',
    );
    await sendInTicket(ticket.channelId!, DEMO.users.alice, '1600000000000000011', 'My secret is swordfish');
    await sendInTicket(ticket.channelId!, DEMO.users.staff, '1600000000000000012', 'Thanks, fixed.');
    await Session.create({
      _id: 'a'.repeat(64),
      userId: DEMO.users.alice,
      expiresAt: new Date(Date.now() + DAY),
      lastSeenAt: new Date(),
    });
    const accessToken = (await readDiscordTokens(DEMO.users.alice))!.accessToken;

    await expect(
      userActor(DEMO.users.alice).privacy.deleteMyData({ confirm: 'yes' as never }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const result = await userActor(DEMO.users.alice, 'a'.repeat(64)).privacy.deleteMyData({
      confirm: 'delete my data',
    });
    expect(result.discordGrantRevoked).toBe(true);

    // The account, tokens and every session are gone — the current one too.
    expect(await User.exists({ discordId: DEMO.users.alice })).toBeNull();
    expect(await OAuthAccount.exists({ userId: DEMO.users.alice })).toBeNull();
    expect(await Session.exists({ userId: DEMO.users.alice })).toBeNull();
    // The grant was revoked at Discord: the token no longer works there.
    const me = await fetch(`${h.emu.restUrl}/v10/users/@me`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(me.status).toBe(401);
    // What they wrote is redacted, and staff's transcript still reads in order.
    const transcript = await staff.ticket.get({ guildId: G, ticketId: ticket.id });
    expect(transcript.transcript?.map((m) => m.content)).toEqual([
      'Hi Alice, how can we help?',
      '[deleted by request]',
      'Thanks, fixed.',
    ]);
    expect(transcript.transcript?.[1]?.authorName).toBe('[deleted]');
    // Tickets they opened keep only a pseudonym of the opener's id.
    expect(transcript.ticket.openerId).toMatch(/^anon:[a-f0-9]{32}$/);
    // Nothing anywhere still names them, but blacklist entries servers made (none here).
    const dump = await rawDump();
    expect(dump).not.toContain(DEMO.users.alice);
    expect(dump).not.toContain('swordfish');
    // The request itself is on record, under the pseudonym.
    expect(await DataRequest.countDocuments({ kind: 'deletion', status: 'completed' })).toBe(1);
  });
});

describe("For a guild's admins", () => {
  it('after the bot is removed, admins can still delete everything TicketByte stores for the server', async () => {
    await signIn(h, DEMO.users.admin);
    await h
      .caller(member(h, DEMO.users.staff))
      .config.blacklist.add({ guildId: G, targetType: 'user', targetId: DEMO.users.carol });
    await createApiToken({
      name: 'guild tool',
      scopes: ['tickets:read'],
      guildIds: [G],
      createdById: DEMO.users.admin,
    });
    h.emu.actions.removeBotFromGuild(G);
    await h.caller(system).config.guildLeft({ guildId: G });
    const picker = await userActor(DEMO.users.admin).account.guilds();
    expect(picker.guilds.find((g) => g.id === G)?.dataDeletedAfter).toBeInstanceOf(Date);

    await expect(
      userActor(DEMO.users.bob).privacy.deleteGuildData({ guildId: G, confirmGuildId: G }),
    ).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await userActor(DEMO.users.admin).privacy.deleteGuildData({ guildId: G, confirmGuildId: G });
    await settleBackgroundWork();
    expect(await rawDump()).not.toContain(G);
    expect(await Ticket.countDocuments({})).toBe(0);
  });

  it('the grace period deletes a removed server automatically; re-adding within it restores the settings', async () => {
    const guild = h.emu.actions.createGuild({ name: 'Grace', ownerId: DEMO.users.admin } as Parameters<
      Harness['emu']['actions']['createGuild']
    >[0]);
    await h.caller(system).config.guildJoined({ guildId: guild.id, name: 'Grace' });
    await h.caller(system).config.update({ guildId: guild.id, prefix: '$' });
    await h.caller(system).config.guildLeft({ guildId: guild.id });
    h.clock.now = new Date(Date.now() + 10 * DAY);
    await h.caller(system).privacy.sweep({ graceDays: 30 });
    expect((await h.caller(system).config.guildJoined({ guildId: guild.id, name: 'Grace' })).restored).toBe(
      true,
    );
    expect((await Guild.findOne({ guildId: guild.id }).lean())?.prefix).toBe('$');

    await h.caller(system).config.guildLeft({ guildId: guild.id });
    h.clock.now = new Date(Date.now() + 40 * DAY);
    expect((await h.caller(system).privacy.sweep({ graceDays: 30 })).guildsDeleted).toBe(1);
    h.clock.now = null;
    expect(await rawDump()).not.toContain(guild.id);
  });
});
