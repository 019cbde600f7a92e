// The sandbox page: served by the emulator, self-contained (no external requests), CSP-friendly.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../src/index';
import { startTestEmulator } from './support/emulator';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ seed: 'demo' });
});
afterAll(() => emu?.close());

describe('sandbox page', () => {
  it('serves HTML, JS and CSS with a strict Content-Security-Policy', async () => {
    const page = await fetch(emu.sandboxUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('<script src="/sandbox/app.js" defer></script>');
    expect(html).not.toMatch(/<script>|\sstyle="|\son[a-z]+="/); // no inline script, style or handlers
    const js = await fetch(`${emu.baseUrl}/sandbox/app.js`);
    expect(js.headers.get('content-type')).toContain('javascript');
    const css = await fetch(`${emu.baseUrl}/sandbox/style.css`);
    expect(css.headers.get('content-type')).toContain('text/css');
  });

  it('makes no external requests', () => {
    for (const file of ['index.html', 'app.js', 'style.css']) {
      const text = readFileSync(new URL(`../src/sandbox/${file}`, import.meta.url), 'utf8');
      expect(text).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
      expect(text).not.toMatch(/@import|url\(/);
    }
  });

  it('only talks to the control API it relies on', async () => {
    const js = readFileSync(new URL('../src/sandbox/app.js', import.meta.url), 'utf8');
    for (const path of ['/seed', '/changes', '/interactions/', '/messages', '/commands'])
      expect(js).toContain(path);
    const seed = (await (await fetch(`${emu.controlUrl}/seed`)).json()) as { users: unknown[] };
    expect(seed.users.length).toBeGreaterThan(3);
    const changes = (await (await fetch(`${emu.controlUrl}/changes?since=-1`)).json()) as {
      version: unknown;
    };
    expect(typeof changes.version).toBe('number');
  });
});
