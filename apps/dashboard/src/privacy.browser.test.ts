// The Privacy centre in a real Chromium, against the real router, a throwaway FerretDB, the Discord
// emulator and the built server (the same stack as pages.browser.test.ts). A member sees what is held
// about them, corrects their profile from Discord, ends another session, downloads everything and
// deletes it; an admin exports their server's data and, after the bot was removed, deletes it all —
// and no collection mentions the server afterwards. Screenshots land in artifacts/ (gitignored).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REST } from '@discordjs/rest';
import { type Actor, createCaller, createContext, createRestDiscordPort } from '@ticketbyte/api';
import { mongoose, Session, TranscriptMessage, User } from '@ticketbyte/db';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDir } from './test-support/dashboard-server.js';
import { DEMO_IDS as D } from './test-support/emulator.js';
import { startTestStack, type TestStack } from './test-support/stack.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const artifacts = join(appDir, 'artifacts');
const G = D.guildId;
const ALICE = D.users.alice;
const SESSION_COOKIE = '__Host-ticketbyte_session';

describe.skipIf(!haveChromium)('the Privacy centre in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let alice: BrowserContext;
  let page: Page;
  let caller: (actor: Actor) => ReturnType<typeof createCaller>;
  let ticket: { id: string; number: number; channelId: string };
  const problems: string[] = [];
  const foreignRequests: string[] = [];
  const origin = () => stack.dashboard.origin;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    stack = await startTestStack();
    const rest = new REST({ api: stack.emulator.restUrl, version: '10', retries: 1 }).setToken(
      stack.emulator.seed.bot.token,
    );
    const discord = createRestDiscordPort(rest);
    caller = (actor) => createCaller(createContext({ actor, discord }));
    // The bot joins and is set up (transcripts on); Alice opens a ticket and writes in it twice.
    const system = caller({ kind: 'system' });
    await system.config.guildJoined({ guildId: G, name: 'TicketByte Demo' });
    const setup = await system.config.setup({
      guildId: G,
      staffRoleId: D.roles.support,
      ticketParentChannelId: D.channels.ticketsCategory,
      logChannelId: D.channels.ticketLogs,
      transcriptsEnabled: true,
      panelChannelId: D.channels.support,
    });
    const opened = await caller(member(ALICE, 'alice')).ticket.open({
      guildId: G,
      categoryId: setup.categoryId,
      topic: 'My order never arrived',
      openKey: 'privacy-1',
    });
    ticket = { id: opened.ticket.id, number: opened.ticket.number, channelId: opened.ticket.channelId! };
    for (const content of ['Hello, my parcel is lost.', 'Order number P-5150, in case it helps.']) {
      const sent = await stack.emulator.actions.sendMessage({
        channelId: ticket.channelId,
        userId: ALICE,
        content,
      });
      await system.ticket.recordMessage({
        guildId: G,
        channelId: ticket.channelId,
        messageId: sent.id,
        authorId: ALICE,
        authorName: 'Alice',
        content,
        attachments: [],
        sentAt: new Date(),
      });
    }
    // Staff blacklist her afterwards: an entry about her that the server keeps.
    await caller(admin()).config.blacklist.add({
      guildId: G,
      targetType: 'user',
      targetId: ALICE,
      reason: 'Spamming the support channel',
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    alice = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await alice.newPage();
    watch(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  function member(userId: string, username: string): Actor {
    return {
      kind: 'bot-member',
      userId,
      username,
      guildId: G,
      channelId: null,
      roleIds: [],
      permissions: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages,
    };
  }

  function admin(): Actor {
    return {
      kind: 'bot-member',
      userId: D.users.admin,
      username: 'ada_admin',
      guildId: G,
      channelId: null,
      roleIds: [D.roles.admin],
      permissions: PermissionFlagsBits.Administrator,
    };
  }

  function watch(p: Page): void {
    const emulatorOrigin = new URL(stack.emulator.oauthUrls.authorize).origin;
    p.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('404')) problems.push(message.text());
    });
    p.on('pageerror', (error) => problems.push(error.message));
    p.on('request', (request) => {
      const requestOrigin = new URL(request.url()).origin;
      if (requestOrigin !== origin() && requestOrigin !== emulatorOrigin) foreignRequests.push(request.url());
    });
  }

  async function loginAs(p: Page, who: RegExp, next = '/privacy'): Promise<void> {
    await p.goto(`${origin()}/login?next=${next}`);
    await p.getByRole('button', { name: who }).click();
    await p.waitForURL(`${origin()}${next}`);
  }

  const shot = (p: Page, name: string) =>
    p.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

  const ticketbyteCookies = async (context: BrowserContext) =>
    (await context.cookies(origin())).filter((c) => c.domain === 'localhost');

  it('shows a member each kind of data held about them, with counts', async () => {
    await loginAs(page, /^Alice/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Privacy centre');
    const glance = page.getByRole('region', { name: 'At a glance' });
    await expect.poll(() => glance.textContent()).toMatch(/1\s*ticket opened/);
    expect(await glance.textContent()).toMatch(/2\s*messages in transcripts/);
    const tickets = page.getByRole('table', { name: 'Tickets per server' });
    expect(await tickets.getByRole('row', { name: /TicketByte Demo/ }).textContent()).toMatch(
      /TicketByte Demo\s*1/,
    );
    const messages = page.getByRole('table', { name: 'Transcript messages per server' });
    expect(await messages.getByRole('row', { name: /TicketByte Demo/ }).textContent()).toMatch(
      /TicketByte Demo\s*2/,
    );
    expect(await page.getByRole('region', { name: 'Blacklist entries about you' }).textContent()).toContain(
      'Spamming the support channel',
    );
    // Looking was recorded as an access request.
    expect(await page.getByRole('table', { name: 'Past requests' }).textContent()).toContain(
      'Looked at your data',
    );
    expect(
      await page.getByRole('banner').getByRole('link', { name: 'Privacy' }).getAttribute('aria-current'),
    ).toBe('page');
    await shot(page, 'privacy');
    // A member is not an admin of the server: its Data & privacy page and export are a 404.
    expect((await page.request.get(`${origin()}/servers/${G}/privacy`)).status()).toBe(404);
    expect((await page.request.get(`${origin()}/servers/${G}/privacy/export`)).status()).toBe(404);
  });

  it('refreshes the profile from Discord, the source of truth', async () => {
    stack.emulator.actions.createUser({ id: ALICE, username: 'alice', globalName: 'Alice Liddell' });
    const profile = page.getByRole('region', { name: 'Your profile' });
    await profile.getByRole('button', { name: 'Refresh from Discord' }).click();
    await expect.poll(() => profile.getByRole('status').textContent()).toContain('Alice Liddell');
    expect(await profile.textContent()).toContain('Alice Liddell');
    await expect.poll(() => page.getByRole('banner').textContent()).toContain('Alice Liddell');
    expect(await page.getByRole('table', { name: 'Past requests' }).textContent()).toContain(
      'Refreshed your profile from Discord',
    );
  });

  it('lists the sessions of two browsers and ends the other one', async () => {
    const other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p2 = await other.newPage();
    watch(p2);
    await loginAs(p2, /^Alice/);
    await page.reload();
    const sessions = page.getByRole('table', { name: 'Sessions' });
    await expect.poll(() => sessions.getByRole('row').count()).toBe(3); // header + 2
    expect(await sessions.getByText('This browser').count()).toBe(1);
    const otherRow = sessions.getByRole('row').filter({ hasNotText: 'This browser' }).last();
    await otherRow.getByRole('button', { name: /^End/ }).click();
    await expect
      .poll(() => page.getByRole('region', { name: 'Where you are signed in' }).getByRole('status').count())
      .toBe(1);
    await expect.poll(() => sessions.getByRole('row').count()).toBe(2);
    await shot(page, 'privacy-sessions');
    // The other browser is logged out: its next page goes to the login.
    await p2.goto(`${origin()}/privacy`);
    expect(new URL(p2.url()).pathname).not.toBe('/privacy');
    expect((await ticketbyteCookies(other)).map((c) => c.name)).not.toContain(SESSION_COOKIE);
    await other.close();
  });

  it('downloads everything as one JSON file (schemaVersion 1)', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download my data' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^ticketbyte-export-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(file.schemaVersion).toBe(1);
    expect(file.subject).toEqual({ discordId: ALICE });
    for (const section of [
      'profile',
      'sessions',
      'discordConnection',
      'ticketsOpened',
      'ticketsParticipated',
      'transcriptMessages',
      'auditEntries',
      'blacklistEntries',
      'dataRequests',
    ]) {
      expect(file, section).toHaveProperty(section);
    }
    expect(file.profile.globalName).toBe('Alice Liddell');
    expect(file.ticketsOpened.map((t: { id: string }) => t.id)).toEqual([ticket.id]);
    expect(file.transcriptMessages.map((m: { content: string }) => m.content)).toEqual([
      'Hello, my parcel is lost.',
      'Order number P-5150, in case it helps.',
    ]);
    const response = await page.request.get(`${origin()}/privacy/export`);
    expect(response.headers()['content-type']).toMatch(/^application\/json/);
    expect(response.headers()['cache-control']).toBe('no-store');
    expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="ticketbyte-export-/);
  });

  it('deletes their data after the typed confirmation, and logs the browser out', async () => {
    await page.goto(`${origin()}/privacy`);
    await page.getByRole('link', { name: 'Delete my data…' }).click();
    await page.waitForURL(`${origin()}/privacy/delete`);
    const goes = page.getByRole('region', { name: 'What goes' });
    expect(await goes.textContent()).toContain('[deleted by request]');
    expect(await page.getByRole('region', { name: 'What stays' }).textContent()).toContain(
      'Blacklist entries',
    );
    await shot(page, 'privacy-delete');
    await page.getByLabel(/to confirm/).fill('delete my stuff');
    await page.getByRole('button', { name: 'Delete my data permanently' }).click();
    await expect.poll(() => page.locator('#confirm-error').textContent()).toContain('delete my data');
    expect(await User.countDocuments({ discordId: ALICE })).toBe(1);

    await page.getByLabel(/to confirm/).fill('delete my data');
    await page.getByRole('button', { name: 'Delete my data permanently' }).click();
    await page.waitForURL(/\/privacy\/deleted\?/);
    const done = page.getByRole('region', { name: 'Your data was deleted' });
    await expect.poll(() => done.textContent()).toContain('2 transcript messages now read');
    expect(await done.textContent()).toContain('1 ticket you opened is now under a pseudonym');
    await expect.poll(() => page.getByRole('banner').getByRole('link', { name: 'Log in' }).count()).toBe(1);
    await shot(page, 'privacy-deleted');

    expect(await ticketbyteCookies(alice)).toEqual([]);
    expect(await Session.countDocuments({ userId: ALICE })).toBe(0);
    expect(await User.countDocuments({ discordId: ALICE })).toBe(0);
    const written = await TranscriptMessage.find({ ticketId: ticket.id }).sort({ sentAt: 1 }).lean();
    expect(written).toHaveLength(2);
    for (const m of written) {
      expect(m.authorId).not.toBe(ALICE);
      expect(m.redacted).toBe(true);
    }
    // Nothing anywhere in the database names her any more, except the server's blacklist entry.
    expect(await documentsMentioning(ALICE)).toEqual(['blacklists']);
  });

  it('lets an admin export the server’s data, and shows the member’s messages redacted', async () => {
    const ada = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await ada.newPage();
    watch(p);
    await loginAs(p, /Ada \(Admin\)/, `/servers/${G}/privacy`);
    await expect.poll(() => p.getByRole('heading', { level: 1 }).textContent()).toBe('Data & privacy');
    expect(
      await p
        .getByRole('navigation', { name: 'Server pages' })
        .getByRole('link', { name: 'Data & privacy' })
        .getAttribute('aria-current'),
    ).toBe('page');
    await shot(p, 'server-privacy');
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('link', { name: 'Export server data' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^ticketbyte-server-${G}-\\d{4}-\\d{2}-\\d{2}\\.json$`),
    );
    const file = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(file.schemaVersion).toBe(1);
    expect(file.guildId).toBe(G);
    const ticketsSection = Object.values(file).find(
      (v) =>
        Array.isArray(v) && v.some((t: { id?: string; _id?: string }) => String(t._id ?? t.id) === ticket.id),
    );
    expect(ticketsSection, 'the export holds the ticket').toBeDefined();

    // Staff still read the conversation in order, with her words gone.
    await p.goto(`${origin()}/servers/${G}/tickets/${ticket.id}`);
    const transcript = p.getByRole('list', { name: 'Transcript' });
    await expect.poll(() => transcript.textContent()).toContain('[deleted by request]');
    expect(await transcript.textContent()).not.toContain('parcel');
    await ada.close();
  });

  it('after the bot was removed, shows the pending deletion and lets an admin delete everything', async () => {
    stack.emulator.actions.removeBotFromGuild(G);
    await caller({ kind: 'system' }).config.guildLeft({ guildId: G });

    const ada = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await ada.newPage();
    watch(p);
    await loginAs(p, /Ada \(Admin\)/, '/servers');
    const pending = p.getByRole('list', { name: 'Servers whose data is pending deletion' });
    await expect
      .poll(() => pending.textContent())
      .toMatch(/Bot removed — data deleted automatically on \d+ \w+ \d{4}/);
    expect(await p.getByRole('list', { name: 'Servers with TicketByte' }).count()).toBe(0);
    await shot(p, 'servers-pending-deletion');
    // The server's other pages are gone with the bot; its Data & privacy page is not.
    expect((await p.request.get(`${origin()}/servers/${G}/settings`)).status()).toBe(404);
    await pending.getByRole('link', { name: /Data & privacy/ }).click();
    await p.waitForURL(`${origin()}/servers/${G}/privacy`);
    await expect
      .poll(() => p.getByRole('note').textContent())
      .toContain('TicketByte was removed from this server');
    expect((await p.request.get(`${origin()}/servers/${G}/privacy/export`)).status()).toBe(200);
    await shot(p, 'server-privacy-removed');

    await p.getByLabel(/Type the server id/).fill('1300000000000000999');
    await p.getByRole('button', { name: 'Delete all server data' }).click();
    await expect.poll(() => p.locator('#confirmGuildId-error').count()).toBe(1);
    await p.getByLabel(/Type the server id/).fill(G);
    await p.getByRole('button', { name: 'Delete all server data' }).click();
    await p.waitForURL(/\/servers\?dataDeleted=/);
    await expect
      .poll(() => p.getByRole('status').textContent())
      .toContain('Everything TicketByte stored for TicketByte Demo was deleted');
    await shot(p, 'servers-after-deletion');

    expect(await documentsMentioning(G)).toEqual([]);
    await ada.close();
  });

  it('reads well at phone width in the dark theme', async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 }, colorScheme: 'dark' });
    const p = await phone.newPage();
    watch(p);
    await loginAs(p, /^Bob/);
    for (const [path, name] of [
      ['/privacy', 'privacy-phone-dark'],
      ['/privacy/delete', 'privacy-delete-phone-dark'],
    ] as const) {
      await p.goto(`${origin()}${path}`);
      await shot(p, name);
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await phone.close();
    expect(problems).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});

/** Names of the collections holding any document whose stored form contains `needle`. */
async function documentsMentioning(needle: string): Promise<string[]> {
  const db = mongoose.connection.db!;
  const found: string[] = [];
  for (const { name } of await db.listCollections().toArray()) {
    if (name.startsWith('system.')) continue;
    for await (const doc of db.collection(name).find({})) {
      if (JSON.stringify(doc).includes(needle)) {
        found.push(name);
        break;
      }
    }
  }
  return found.sort();
}
