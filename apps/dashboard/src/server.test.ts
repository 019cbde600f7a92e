// The built dashboard over real HTTP, against a real FerretDB and the Discord emulator: the routes
// others rely on, the headers on every response, and the cookies exactly as a browser receives them.
import { createHash } from 'node:crypto';
import { Session } from '@ticketbyte/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDashboard } from './test-support/dashboard-server.js';
import type { TestEmulator } from './test-support/emulator.js';
import { startTestStack, type TestStack } from './test-support/stack.js';

let stack: TestStack;
let emulator: TestEmulator;
let dashboard: RunningDashboard;

beforeAll(async () => {
  stack = await startTestStack();
  ({ emulator, dashboard } = stack);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

/** A minimal browser: keeps cookies per name, follows nothing automatically. */
class Browser {
  readonly cookies = new Map<string, string>();
  readonly setCookieHeaders: string[] = [];

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const url = path.startsWith('http') ? path : `${dashboard.url}${path}`;
    const headers = new Headers(init.headers);
    headers.set(
      'user-agent',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/148.0.0.0 Safari/537.36',
    );
    if (this.cookies.size > 0) {
      headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    }
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const header of response.headers.getSetCookie()) {
      this.setCookieHeaders.push(header);
      const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const maxAge = attributes.find((a) => a.toLowerCase().startsWith('max-age='));
      if (maxAge && Number(maxAge.split('=')[1]) <= 0) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1));
    }
    return response;
  }

  async login(userId: string, next?: string): Promise<Response> {
    const start = await this.request(next ? `/login?next=${encodeURIComponent(next)}` : '/login');
    expect(start.status).toBe(302);
    const callback = new URL(emulator.actions.oauthConsent(start.headers.get('location')!, userId));
    return this.request(`${callback.pathname}${callback.search}`);
  }

  logout(origin = dashboard.origin): Promise<Response> {
    return this.request('/logout', {
      method: 'POST',
      headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
  }
}

function userId(name: string): string {
  return stack.userId(name);
}

function attributesOf(header: string): string[] {
  return header
    .split(';')
    .slice(1)
    .map((a) => a.trim().toLowerCase());
}

describe('GET /healthz', () => {
  it('answers 200 { status: "ok" } when the database answers', async () => {
    const response = await fetch(`${dashboard.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });
});

describe('security headers', () => {
  it('every page has a strict CSP with a nonce, no third-party source, and frame-ancestors none', async () => {
    const response = await fetch(`${dashboard.url}/`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(csp).not.toMatch(/https?:|unsafe-inline|unsafe-eval|\*/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    // Served over plain HTTP here: no HSTS.
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('JSON, redirects, errors and static files carry them too', async () => {
    for (const path of ['/healthz', '/login', '/no-such-page', '/favicon.svg']) {
      const response = await fetch(`${dashboard.url}${path}`, { redirect: 'manual' });
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(response.headers.get('referrer-policy'), path).toBe('same-origin');
    }
  });

  it('pages load nothing from another origin', async () => {
    const html = await (await fetch(`${dashboard.url}/`)).text();
    const urls = [...html.matchAll(/(?:src|href|action)="([^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(new URL(url, dashboard.origin).origin, url).toBe(dashboard.origin);
  });
});

describe('login over HTTP', () => {
  it('GET /login answers 302 to the configured authorize URL with a __Host- state cookie', async () => {
    const browser = new Browser();
    const response = await browser.request('/login');
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(emulator.oauthUrls.authorize);
    expect(location.searchParams.get('scope')).toBe('identify guilds');
    expect(location.searchParams.get('redirect_uri')).toBe(`${dashboard.origin}/login/callback`);
    const [header] = browser.setCookieHeaders;
    expect(header).toMatch(/^__Host-ticketbyte_oauth=/);
    expect(attributesOf(header!).sort()).toEqual([
      'httponly',
      'max-age=600',
      'path=/',
      'samesite=lax',
      'secure',
    ]);
  });

  it('the callback sets one session cookie (HttpOnly, Secure, SameSite=Lax, Path=/, 7 days) and removes the state cookie', async () => {
    const browser = new Browser();
    const response = await browser.login(userId('ada_admin'));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    expect([...browser.cookies.keys()]).toEqual(['__Host-ticketbyte_session']);

    const session = browser.setCookieHeaders.find((h) => h.startsWith('__Host-ticketbyte_session='))!;
    expect(attributesOf(session).sort()).toEqual([
      'httponly',
      'max-age=604800',
      'path=/',
      'samesite=lax',
      'secure',
    ]);
    const removal = browser.setCookieHeaders.filter((h) => h.startsWith('__Host-ticketbyte_oauth=')).at(-1)!;
    expect(attributesOf(removal)).toEqual(expect.arrayContaining(['max-age=0', 'path=/', 'secure']));

    const home = await (await browser.request('/')).text();
    expect(home).toContain('Ada (Admin)');
    expect(home).toContain('action="/logout"');
    // The page never carries the session token.
    expect(home).not.toContain(browser.cookies.get('__Host-ticketbyte_session')!);
  });

  it('stores only the hash of the session token', async () => {
    const browser = new Browser();
    await browser.login(userId('sam_support'));
    const token = browser.cookies.get('__Host-ticketbyte_session')!;
    const rows = await Session.collection.find({}).toArray();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows.some((r) => r._id === (createHash('sha256').update(token).digest('hex') as never))).toBe(
      true,
    );
  });

  it('refuses to send anyone to another origin after login', async () => {
    const browser = new Browser();
    const response = await browser.login(userId('alice'), 'https://evil.example/phish');
    expect(response.headers.get('location')).toBe('/');
  });

  it('explains a callback that does not belong to this browser, and logs nobody in', async () => {
    const attacker = new Browser();
    const start = await attacker.request('/login');
    const callback = new URL(emulator.actions.oauthConsent(start.headers.get('location')!, userId('alice')));
    const victim = new Browser();
    const response = await victim.request(`${callback.pathname}${callback.search}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('expired or was already used');
    expect(victim.cookies.size).toBe(0);
  });
});

describe('POST /logout', () => {
  it('is not reachable with GET', async () => {
    const browser = new Browser();
    await browser.login(userId('alice'));
    const response = await browser.request('/logout');
    expect(response.status).toBe(405);
    expect((await browser.request('/')).status).toBe(200);
    expect(await (await browser.request('/')).text()).toContain('Alice');
  });

  it('refuses a cross-site post (CSRF)', async () => {
    const browser = new Browser();
    await browser.login(userId('bob'));
    const response = await browser.logout('https://evil.example');
    expect(response.status).toBe(403);
    expect(browser.cookies.has('__Host-ticketbyte_session')).toBe(true);
    expect(await (await browser.request('/')).text()).toContain('Bob');
  });

  it('refuses a forced logout whatever the body: JSON, empty, text, or a cross-site fetch without Origin', async () => {
    const attempts: Array<{ name: string; headers: Record<string, string>; body?: string }> = [
      {
        name: 'JSON from another origin',
        headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
        body: '{}',
      },
      { name: 'empty body from another origin', headers: { origin: 'https://evil.example' } },
      {
        name: 'text/plain from another origin',
        headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
        body: 'x',
      },
      { name: 'origin "null" (sandboxed frame)', headers: { origin: 'null' } },
      { name: 'cross-site fetch metadata, no Origin', headers: { 'sec-fetch-site': 'cross-site' } },
      { name: 'same-site sibling, no Origin', headers: { 'sec-fetch-site': 'same-site' } },
      { name: 'no Origin and no fetch metadata, with the cookie', headers: {} },
    ];
    const browser = new Browser();
    await browser.login(userId('bob'));
    for (const attempt of attempts) {
      const response = await browser.request('/logout', {
        method: 'POST',
        headers: attempt.headers,
        ...(attempt.body === undefined ? {} : { body: attempt.body }),
      });
      expect(response.status, attempt.name).toBe(403);
      expect(await response.text(), attempt.name).toMatch(/^Cross-site/);
    }
    expect(await (await browser.request('/')).text()).toContain('Bob');
    // The same request from the dashboard's own page still works.
    const own = await browser.request('/logout', {
      method: 'POST',
      headers: { origin: dashboard.origin, 'sec-fetch-site': 'same-origin' },
    });
    expect(own.status).toBe(303);
    expect(browser.cookies.has('__Host-ticketbyte_session')).toBe(false);
  });

  it('deletes the session server-side and the cookie; no TicketByte cookie remains', async () => {
    const browser = new Browser();
    await browser.login(userId('carol'));
    const token = browser.cookies.get('__Host-ticketbyte_session')!;
    const hash = createHash('sha256').update(token).digest('hex');
    expect(await Session.exists({ _id: hash })).not.toBeNull();

    const response = await browser.logout();
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    const removal = response.headers.getSetCookie().find((h) => h.startsWith('__Host-ticketbyte_session='))!;
    expect(attributesOf(removal)).toEqual(
      expect.arrayContaining(['max-age=0', 'path=/', 'secure', 'httponly']),
    );
    expect(browser.cookies.size).toBe(0);
    expect(await Session.exists({ _id: hash })).toBeNull();

    // The old token is worthless even if replayed.
    const replay = await fetch(`${dashboard.url}/`, {
      headers: { cookie: `__Host-ticketbyte_session=${token}` },
    });
    expect(await replay.text()).toContain('Log in with Discord');
  });
});

describe('malformed cookies', () => {
  // Any site on the host may set cookies; one that is not valid percent-encoding must be ignored,
  // not turn every API call into a 500.
  const badCookies = ['other=100%', 'broken=%E0%A4%A', 'noequals', '=novalue', 'quoted="%zz"'];

  it('an API call with a bad cookie beside the session answers as the signed-in person', async () => {
    const browser = new Browser();
    await browser.login(userId('ada_admin'));
    const session = browser.cookies.get('__Host-ticketbyte_session')!;
    const guilds = async (cookie: string) => {
      const response = await fetch(`${dashboard.url}/api/trpc/account.guilds`, { headers: { cookie } });
      const body = (await response.json()) as { result?: { data: { json: { guilds: { id: string }[] } } } };
      return { status: response.status, ids: body.result?.data.json.guilds.map((g) => g.id) };
    };
    const alone = await guilds(`__Host-ticketbyte_session=${session}`);
    expect(alone.status).toBe(200);
    expect(alone.ids?.length).toBeGreaterThan(0);
    for (const bad of badCookies) {
      expect(await guilds(`${bad}; __Host-ticketbyte_session=${session}`), bad).toEqual(alone);
    }
  });

  it('without a session, an API call with a bad cookie is an ordinary 401', async () => {
    for (const bad of badCookies) {
      const response = await fetch(`${dashboard.url}/api/trpc/account.guilds`, {
        headers: { cookie: bad },
      });
      expect(response.status, bad).toBe(401);
    }
  });

  it('pages load with a bad cookie too', async () => {
    const response = await fetch(`${dashboard.url}/`, { headers: { cookie: badCookies.join('; ') } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Log in with Discord');
  });
});

describe('GET /healthz without a database', () => {
  it('answers 503 once the database stops answering', async () => {
    await stack.db.server.stop();
    const response = await fetch(`${dashboard.url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'unavailable' });
  }, 60_000);
});
