// Every page of the dashboard in a real Chromium, against the real router, a throwaway FerretDB, the
// Discord emulator and the built server: an admin configures the server, publishes a panel, handles a
// member's ticket end to end and reads its transcript; a plain member reaches none of it. Until the
// bot exists, this test does the bot's part through the router (system and bot-member actors).
// Screenshots of each page land in artifacts/ (gitignored).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REST } from '@discordjs/rest';
import { type Actor, createCaller, createContext, createRestDiscordPort } from '@ticketbyte/api';
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

describe.skipIf(!haveChromium)('the dashboard pages in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;
  let caller: (actor: Actor) => ReturnType<typeof createCaller>;
  let ticket: { id: string; number: number; channelId: string };
  const problems: string[] = [];
  const foreignRequests: string[] = [];
  const base = () => `${stack.dashboard.origin}/servers/${G}`;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    stack = await startTestStack();
    const rest = new REST({ api: stack.emulator.restUrl, version: '10', retries: 1 }).setToken(
      stack.emulator.seed.bot.token,
    );
    const discord = createRestDiscordPort(rest);
    caller = (actor) => createCaller(createContext({ actor, discord }));
    // What the bot does when it joins a server, and a staff role and ticket category like /setup.
    const system = caller({ kind: 'system' });
    await system.config.guildJoined({ guildId: G, name: 'TicketByte Demo' });
    await system.config.update({
      guildId: G,
      staffRoleIds: [D.roles.support],
      ticketParentChannelId: D.channels.ticketsCategory,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await admin.newPage();
    watch(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  function watch(p: Page): void {
    const { origin } = stack.dashboard;
    const emulatorOrigin = new URL(stack.emulator.oauthUrls.authorize).origin;
    p.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('404')) problems.push(message.text());
    });
    p.on('pageerror', (error) => problems.push(error.message));
    p.on('request', (request) => {
      const requestOrigin = new URL(request.url()).origin;
      if (requestOrigin !== origin && requestOrigin !== emulatorOrigin) foreignRequests.push(request.url());
    });
  }

  async function loginAs(p: Page, who: RegExp): Promise<void> {
    await p.goto(`${stack.dashboard.origin}/login?next=/servers`);
    await p.getByRole('button', { name: who }).click();
    await p.waitForURL(`${stack.dashboard.origin}/servers`);
  }

  const shot = (p: Page, name: string) =>
    p.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });

  function member(userId: string): Actor {
    return {
      kind: 'bot-member',
      userId,
      username: userId === D.users.alice ? 'alice' : 'bob',
      guildId: G,
      channelId: null,
      roleIds: [],
      permissions: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages,
    };
  }

  it('logs the admin in through the emulator and lists the server', async () => {
    await loginAs(page, /Ada \(Admin\)/);
    const link = page.getByRole('link', { name: /TicketByte Demo/ });
    await expect.poll(() => link.count()).toBe(1);
    await shot(page, 'servers');
    await link.click();
    await page.waitForURL(base());
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Overview');
    await expect.poll(() => page.locator('canvas').count()).toBe(1);
    await shot(page, 'overview-empty');
  });

  it('changes settings, shows the router’s field errors inline, and keeps what was saved', async () => {
    await page.goto(`${base()}/settings`);
    const transcripts = page.getByRole('form', { name: 'Transcripts' });
    await transcripts.getByLabel('Keep transcripts of ticket channels').check();
    await transcripts.getByLabel(/Keep transcript messages for/).fill('9999');
    await transcripts.getByRole('button', { name: 'Save transcript settings' }).click();
    await expect.poll(() => transcripts.locator('#retention-error').textContent()).toMatch(/365/);
    await transcripts.getByLabel(/Keep transcript messages for/).fill('30');
    await transcripts.getByRole('button', { name: 'Save transcript settings' }).click();
    await expect.poll(() => transcripts.getByRole('status').textContent()).toContain('saved');

    const channels = page.getByRole('form', { name: 'Channels' });
    await channels.getByLabel('Log channel').selectOption(D.channels.ticketLogs);
    await channels.getByRole('button', { name: 'Save channels' }).click();
    await expect.poll(() => channels.getByRole('status').textContent()).toContain('saved');

    await page.reload();
    expect(await page.getByLabel('Keep transcripts of ticket channels').isChecked()).toBe(true);
    expect(await page.getByLabel(/Keep transcript messages for/).inputValue()).toBe('30');
    expect(await page.getByLabel('Log channel').inputValue()).toBe(D.channels.ticketLogs);
    await shot(page, 'settings');
  });

  it('creates a category with opening questions', async () => {
    await page.goto(`${base()}/settings/categories`);
    const form = page.getByRole('region', { name: 'New category' });
    await form.getByLabel('Emoji').fill('💳');
    await form.getByLabel('Name').fill('Billing');
    await form.getByLabel('Description').fill('Payments and refunds');
    await form.getByRole('textbox', { name: 'Question 1' }).fill('Order number');
    await form.getByRole('button', { name: 'Add a question' }).click();
    await form.getByRole('textbox', { name: 'Question 2' }).fill('What went wrong?');
    await form.getByLabel('Answer').nth(1).selectOption('paragraph');
    await form.getByRole('button', { name: 'Create category' }).click();
    await expect.poll(() => page.getByText('2 questions').count()).toBe(1);
    await shot(page, 'categories');
  });

  it('designs a panel with a live preview and publishes it to a channel', async () => {
    await page.goto(`${base()}/settings/panels`);
    const form = page.getByRole('region', { name: 'New panel' });
    await form.getByLabel('Title').fill('Support desk');
    await expect.poll(() => form.getByText('Support desk', { exact: true }).count()).toBeGreaterThan(0);
    await form.getByLabel(/Billing/).check();
    await form.getByRole('button', { name: 'Create panel' }).click();
    const panel = page.getByRole('region', { name: 'Support desk' });
    await expect.poll(() => panel.count()).toBe(1);
    await panel.getByLabel('Channel').selectOption(D.channels.support);
    await panel.getByRole('button', { name: 'Publish to channel' }).click();
    await expect.poll(() => panel.getByRole('status').last().textContent()).toContain('Published');
    const published = stack.emulator.inspect.messages(D.channels.support).at(-1);
    expect(published?.embeds[0]?.title).toBe('Support desk');
    await shot(page, 'panels');
  });

  it('shows a ticket a member opened, closes it, and Discord reacts', async () => {
    const alice = caller(member(D.users.alice));
    const [billing] = (await alice.config.categories.list({ guildId: G })).filter(
      (c) => c.name === 'Billing',
    );
    const opened = await alice.ticket.open({
      guildId: G,
      categoryId: billing!.id,
      topic: 'Refund for order A-1042',
      answers: { 'order-number': 'A-1042', 'what-went-wrong': 'Charged twice <script>alert(1)</script>' },
      openKey: 'e2e-1',
    });
    ticket = { id: opened.ticket.id, number: opened.ticket.number, channelId: opened.ticket.channelId! };
    // The member writes in the channel; the bot would report it (the transcript is on).
    const sent = await stack.emulator.actions.sendMessage({
      channelId: ticket.channelId,
      userId: D.users.alice,
      content: 'Hello <b>team</b>, I was charged twice.',
    });
    await caller({ kind: 'system' }).ticket.recordMessage({
      guildId: G,
      channelId: ticket.channelId,
      messageId: sent.id,
      authorId: D.users.alice,
      authorName: 'Alice',
      content: sent.content,
      attachments: [
        {
          name: 'receipt.pdf',
          size: 48213,
          contentType: 'application/pdf',
          url: 'https://cdn.example.test/receipt.pdf',
        },
      ],
      sentAt: new Date(),
    });

    await page.goto(`${base()}/tickets`);
    const row = page.getByRole('link', { name: /Refund for order A-1042/ });
    await expect.poll(() => row.count()).toBe(1);
    await page.getByLabel('Search').fill('no such topic');
    await expect.poll(() => page.getByText('No tickets match these filters').count()).toBe(1);
    await page.getByLabel('Search').fill('A-1042');
    await expect.poll(() => row.count()).toBe(1);
    await shot(page, 'tickets');

    await row.click();
    await page.waitForURL(`${base()}/tickets/${ticket.id}`);
    await page.getByRole('button', { name: 'Claim ticket' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('claimed');
    await page.getByLabel('Priority').selectOption('high');
    await page.getByRole('button', { name: 'Set' }).click();
    await expect.poll(() => page.getByText('High priority').count()).toBe(1);
    await page.getByLabel(/Reason for closing/).fill('Refund issued');
    await page.getByRole('button', { name: 'Close ticket' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Reopen ticket' }).count()).toBe(1);

    // Discord reacted: the opener can no longer write, and the log channel says so.
    expect(stack.emulator.inspect.permissionNames(D.users.alice, ticket.channelId)).not.toContain(
      'SendMessages',
    );
    const log = stack.emulator.inspect.messages(D.channels.ticketLogs).map((m) => m.embeds[0]?.title);
    expect(log).toContain(`Ticket #${ticket.number} closed`);
  });

  it('renders the transcript with user content escaped and attachments as links', async () => {
    const transcript = page.getByRole('list', { name: 'Transcript' });
    await expect.poll(() => transcript.textContent()).toContain('Hello <b>team</b>, I was charged twice.');
    expect(await transcript.locator('b').count()).toBe(0);
    expect(await page.locator('script:not([nonce])').count()).toBe(0);
    const attachment = transcript.getByRole('link', { name: 'receipt.pdf' });
    expect(await attachment.getAttribute('href')).toBe('https://cdn.example.test/receipt.pdf');
    await shot(page, 'ticket');
    const download = await page.request.get(`${base()}/tickets/${ticket.id}/transcript?format=json`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toMatch(/^attachment/);
  });

  it('shows the overview with numbers, the audit log, and API tokens (shown once)', async () => {
    await page.goto(base());
    // One ticket opened (and closed) today.
    await expect.poll(() => page.locator('.stat .value').nth(1).textContent()).toBe('1');
    await shot(page, 'overview');

    await page.goto(`${base()}/audit`);
    await expect.poll(() => page.getByText('Closed a ticket').count()).toBeGreaterThan(0);
    await shot(page, 'audit');

    await page.goto(`${base()}/tokens`);
    await page.getByRole('button', { name: 'Create token' }).click();
    await expect.poll(() => page.locator('#name-error').count()).toBe(1);
    await page.getByLabel('Name').fill('Weekly report');
    await page.getByLabel('Read analytics').check();
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = page.getByLabel('New API token');
    await expect.poll(() => token.inputValue()).toMatch(/^tb_/);
    await shot(page, 'tokens');
    await page.reload();
    expect(await page.getByLabel('New API token').count()).toBe(0);
    await page.getByRole('button', { name: /Revoke/ }).click();
    await expect.poll(() => page.getByText(/^Revoked/).count()).toBe(1);
  });

  it('reads well at phone width in the dark theme', async () => {
    const phone = await browser.newContext({
      viewport: { width: 375, height: 740 },
      colorScheme: 'dark',
      storageState: await admin.storageState(),
    });
    const p = await phone.newPage();
    watch(p);
    for (const [path, name] of [
      ['', 'overview-phone-dark'],
      [`/tickets/${ticket.id}`, 'ticket-phone-dark'],
      ['/settings', 'settings-phone-dark'],
    ] as const) {
      await p.goto(`${base()}${path}`);
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
      await shot(p, name);
    }
    await phone.close();
  });

  it('logs out and leaves no TicketByte cookie', async () => {
    await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
    await expect.poll(() => page.getByRole('banner').getByRole('link', { name: 'Log in' }).count()).toBe(1);
    const cookies = (await admin.cookies(stack.dashboard.origin)).filter((c) => c.domain === 'localhost');
    expect(cookies).toEqual([]);
    const after = await page.goto(`${base()}/settings`);
    expect(new URL(after!.url()).origin).not.toBe(stack.dashboard.origin);
  });

  it('shows a plain member none of the server’s pages (404, never data)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await context.newPage();
    watch(p);
    await loginAs(p, /^Bob/);
    await expect.poll(() => p.getByText('No servers to show yet').count()).toBe(1);
    for (const path of [
      '',
      '/tickets',
      `/tickets/${ticket.id}`,
      '/settings',
      '/settings/panels',
      '/audit',
      '/tokens',
    ]) {
      const response = await p.goto(`${base()}${path}`);
      expect(response?.status(), path).toBe(404);
      const text = (await p.textContent('main')) ?? '';
      expect(text).not.toContain('Billing');
      expect(text).not.toContain('A-1042');
    }
    await shot(p, 'member-404');
    // Over HTTP too: the API answers with an error, not the settings.
    const api = await p.request.get(
      `${stack.dashboard.origin}/api/trpc/config.get?input=${encodeURIComponent(JSON.stringify({ json: { guildId: G } }))}`,
    );
    expect([403, 404]).toContain(api.status());
    expect(await api.text()).not.toContain('ticketNameTemplate');
    await context.close();
    expect(problems).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});
