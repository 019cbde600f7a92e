// Login and logout in a real Chromium (Debian's /usr/bin/chromium; never downloaded): the __Host-,
// Secure session cookie is kept over http://localhost, exactly one TicketByte cookie exists while
// logged in and none after logout, the CSP is not violated and nothing third-party is requested.
// Screenshots go to artifacts/ (gitignored). Skipped, with a note, where Chromium is not installed.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appDir } from './test-support/dashboard-server.js';
import { startTestStack, type TestStack } from './test-support/stack.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const artifacts = join(appDir, 'artifacts');

if (!haveChromium)
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

describe.skipIf(!haveChromium)('in Chromium', () => {
  let stack: TestStack;
  let browser: Browser;
  const problems: string[] = [];
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    stack = await startTestStack();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  function watch(page: Page): void {
    const { origin } = stack.dashboard;
    const emulatorOrigin = new URL(stack.emulator.oauthUrls.authorize).origin;
    page.on('console', (message) => {
      if (message.type() === 'error' && page.url().startsWith(origin)) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => {
      const requestOrigin = new URL(request.url()).origin;
      if (requestOrigin !== origin && requestOrigin !== emulatorOrigin) foreignRequests.push(request.url());
    });
  }

  const dashboardCookies = async (page: Page) =>
    (await page.context().cookies(stack.dashboard.origin)).filter((c) => c.domain === 'localhost');

  it('logs in through Discord (the emulator) and out again, with one cookie in between', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    watch(page);

    await page.goto(`${stack.dashboard.origin}/`);
    await expect.poll(() => page.title()).toContain('TicketByte');
    await page.screenshot({ path: join(artifacts, 'home.png'), fullPage: true });

    await page.getByRole('main').getByRole('link', { name: 'Log in with Discord' }).click();
    await page.waitForURL((url) => url.href.startsWith(stack.emulator.oauthUrls.authorize));
    await page.getByRole('button', { name: /Ada \(Admin\)/ }).click();
    await page.waitForURL(`${stack.dashboard.origin}/`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Ada (Admin)');
    await page.screenshot({ path: join(artifacts, 'home-logged-in.png'), fullPage: true });

    const cookies = await dashboardCookies(page);
    expect(cookies.map((c) => c.name)).toEqual(['__Host-ticketbyte_session']);
    const [session] = cookies;
    expect(session).toMatchObject({ path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
    const lifetime = session!.expires - Date.now() / 1000;
    expect(lifetime).toBeGreaterThan(7 * 86_400 - 120);
    expect(lifetime).toBeLessThanOrEqual(7 * 86_400);
    // HttpOnly: page scripts cannot read it.
    expect(await page.evaluate(() => document.cookie)).toBe('');

    await page.getByRole('banner').getByRole('button', { name: 'Log out' }).click();
    await expect.poll(() => page.getByRole('banner').getByRole('link', { name: 'Log in' }).count()).toBe(1);
    expect(await dashboardCookies(page)).toEqual([]);
    await context.close();

    expect(problems).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });

  it('reads well at phone width in the dark theme', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, colorScheme: 'dark' });
    const page = await context.newPage();
    watch(page);
    await page.goto(`${stack.dashboard.origin}/`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(artifacts, 'home-phone-dark.png'), fullPage: true });
    await context.close();
    expect(problems).toEqual([]);
  });

  it('explains a failed login and a missing page in words people understand', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    watch(page);
    await page.goto(`${stack.dashboard.origin}/login/callback?code=stale&state=stale`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('expired or was already used');
    await page.screenshot({ path: join(artifacts, 'login-failed.png'), fullPage: true });
    const missing = await page.goto(`${stack.dashboard.origin}/no-such-page`);
    expect(missing?.status()).toBe(404);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    await page.screenshot({ path: join(artifacts, 'not-found.png'), fullPage: true });
    await context.close();
    // The 404 response itself is reported by Chromium as a console error; nothing else may be.
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
  });
});
