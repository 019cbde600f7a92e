// The dashboard's login: arctic's generic OAuth2Client against the emulator's authorize/token/revoke URLs.
import {
  CodeChallengeMethod,
  generateCodeVerifier,
  generateState,
  OAuth2Client,
  OAuth2RequestError,
} from 'arctic';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type Emulator } from '../src/index';
import { startTestEmulator } from './support/emulator';

const REDIRECT = 'http://127.0.0.1:5173/auth/callback';
let emu: Emulator;
let client: OAuth2Client;

beforeAll(async () => {
  emu = await startTestEmulator({ seed: 'demo' });
  client = new OAuth2Client(DEMO.clientId, DEMO.clientSecret, REDIRECT);
});
afterAll(() => emu?.close());

/** What a browser does: open the authorize page, pick a user in the form, follow the redirect. */
async function loginThroughPage(authorizeUrl: URL, userId: string, decision = 'approve'): Promise<URL> {
  const page = await fetch(authorizeUrl);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain(`value="${userId}"`);
  expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  const form = new URLSearchParams(authorizeUrl.searchParams);
  form.set('decision', decision);
  form.set('user_id', userId);
  const res = await fetch(`${emu.baseUrl}/oauth2/authorize`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') ?? '');
}

describe('OAuth2 with arctic', () => {
  it('runs the PKCE flow: state round-trip, code exchange, @me without email, guilds with permissions, refresh, revoke', async () => {
    const state = generateState();
    const verifier = generateCodeVerifier();
    const url = client.createAuthorizationURLWithPKCE(
      emu.oauthUrls.authorize,
      state,
      CodeChallengeMethod.S256,
      verifier,
      ['identify', 'guilds'],
    );
    const callback = await loginThroughPage(url, DEMO.users.admin);
    expect(callback.origin + callback.pathname).toBe(REDIRECT);
    expect(callback.searchParams.get('state')).toBe(state);
    const code = callback.searchParams.get('code') ?? '';

    const tokens = await client.validateAuthorizationCode(emu.oauthUrls.token, code, verifier);
    expect(tokens.tokenType()).toBe('Bearer');
    expect(tokens.scopes()).toEqual(['identify', 'guilds']);
    const headers = { Authorization: `Bearer ${tokens.accessToken()}` };

    const me = await (await fetch(`${emu.restUrl}/v10/users/@me`, { headers })).json();
    expect(me).toMatchObject({ id: DEMO.users.admin, username: 'ada_admin' });
    expect(me).not.toHaveProperty('email');

    const guilds = (await (await fetch(`${emu.restUrl}/v10/users/@me/guilds`, { headers })).json()) as {
      id: string;
      owner: boolean;
      permissions: string;
    }[];
    expect(guilds).toHaveLength(1);
    expect(guilds[0]).toMatchObject({ id: DEMO.guildId, owner: true });
    expect(BigInt(guilds[0]!.permissions) & 8n).toBe(8n); // Administrator

    // Codes are single use.
    await expect(
      client.validateAuthorizationCode(emu.oauthUrls.token, code, verifier),
    ).rejects.toBeInstanceOf(OAuth2RequestError);

    const refreshed = await client.refreshAccessToken(emu.oauthUrls.token, tokens.refreshToken(), []);
    expect(refreshed.accessToken()).not.toBe(tokens.accessToken());
    const fresh = { Authorization: `Bearer ${refreshed.accessToken()}` };
    expect((await fetch(`${emu.restUrl}/v10/users/@me`, { headers: fresh })).status).toBe(200);

    await client.revokeToken(emu.oauthUrls.revoke, refreshed.accessToken());
    expect((await fetch(`${emu.restUrl}/v10/users/@me`, { headers: fresh })).status).toBe(401);
  });

  it('returns email only with the email scope, and member guild permissions from roles', async () => {
    const url = client.createAuthorizationURL(emu.oauthUrls.authorize, 's1', ['identify', 'email', 'guilds']);
    const location = new URL(emu.actions.oauthConsent(url, DEMO.users.staff));
    const tokens = await client.validateAuthorizationCode(
      emu.oauthUrls.token,
      location.searchParams.get('code')!,
      null,
    );
    const headers = { Authorization: `Bearer ${tokens.accessToken()}` };
    const me = await (await fetch(`${emu.restUrl}/v10/users/@me`, { headers })).json();
    expect(me).toMatchObject({ email: 'sam@example.test', verified: true });
    const [guild] = (await (await fetch(`${emu.restUrl}/v10/users/@me/guilds`, { headers })).json()) as {
      permissions: string;
      owner: boolean;
    }[];
    expect(guild?.owner).toBe(false);
    expect(BigInt(guild!.permissions) & 0x2000n).toBe(0x2000n); // Manage Messages from Support
    expect(BigInt(guild!.permissions) & 8n).toBe(0n);
  });

  it('reports a denial with error=access_denied and the state', async () => {
    const url = client.createAuthorizationURL(emu.oauthUrls.authorize, 'deny-state', ['identify']);
    const callback = await loginThroughPage(url, DEMO.users.bob, 'deny');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe('deny-state');
  });

  it('refuses an unregistered redirect URI and does not redirect to it', async () => {
    const bad = new OAuth2Client(DEMO.clientId, DEMO.clientSecret, 'http://127.0.0.1:9/evil');
    const res = await fetch(bad.createAuthorizationURL(emu.oauthUrls.authorize, 's', ['identify']), {
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('redirect_uri');
  });

  it('refuses a wrong client secret and a wrong PKCE verifier', async () => {
    const verifier = generateCodeVerifier();
    const url = client.createAuthorizationURLWithPKCE(
      emu.oauthUrls.authorize,
      's',
      CodeChallengeMethod.S256,
      verifier,
      ['identify'],
    );
    const code = new URL(emu.actions.oauthConsent(url, DEMO.users.alice)).searchParams.get('code')!;
    const wrongSecret = new OAuth2Client(DEMO.clientId, 'wrong-secret-123', REDIRECT);
    await expect(
      wrongSecret.validateAuthorizationCode(emu.oauthUrls.token, code, verifier),
    ).rejects.toThrow();
    const code2 = new URL(emu.actions.oauthConsent(url, DEMO.users.alice)).searchParams.get('code')!;
    await expect(
      client.validateAuthorizationCode(emu.oauthUrls.token, code2, generateCodeVerifier()),
    ).rejects.toBeInstanceOf(OAuth2RequestError);
  });

  it('does not list guilds without the guilds scope', async () => {
    const url = client.createAuthorizationURL(emu.oauthUrls.authorize, 's', ['identify']);
    const code = new URL(emu.actions.oauthConsent(url, DEMO.users.alice)).searchParams.get('code')!;
    const tokens = await client.validateAuthorizationCode(emu.oauthUrls.token, code, null);
    const res = await fetch(`${emu.restUrl}/v10/users/@me/guilds`, {
      headers: { Authorization: `Bearer ${tokens.accessToken()}` },
    });
    expect(res.status).toBe(403);
  });
});

describe('token endpoint strictness', () => {
  const basic = `Basic ${Buffer.from(`${DEMO.clientId}:${DEMO.clientSecret}`).toString('base64')}`;
  const codeFor = (userId: string, redirect = REDIRECT) => {
    const url = new OAuth2Client(DEMO.clientId, DEMO.clientSecret, redirect).createAuthorizationURL(
      emu.oauthUrls.authorize,
      's',
      ['identify'],
    );
    return new URL(emu.actions.oauthConsent(url, userId)).searchParams.get('code') ?? '';
  };
  const post = (url: string, body: string, headers: Record<string, string>) =>
    fetch(url, { method: 'POST', body, headers }).then(async (r) => ({
      status: r.status,
      body: await r.json(),
    }));
  const form = 'application/x-www-form-urlencoded';

  it('refuses a JSON body as Discord does (unsupported_grant_type), leaving the code usable', async () => {
    const code = codeFor(DEMO.users.alice);
    const fields = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT };
    const json = await post(emu.oauthUrls.token, JSON.stringify(fields), {
      'content-type': 'application/json',
      authorization: basic,
    });
    expect(json).toEqual({
      status: 400,
      body: { error: 'unsupported_grant_type', error_description: 'Grant type None is not supported' },
    });
    // Nor are fields read from the query string.
    const query = await post(`${emu.oauthUrls.token}?${new URLSearchParams(fields)}`, '', {
      'content-type': form,
      authorization: basic,
    });
    expect(query.body).toMatchObject({ error: 'unsupported_grant_type' });
    const ok = await post(emu.oauthUrls.token, new URLSearchParams(fields).toString(), {
      'content-type': form,
      authorization: basic,
    });
    expect(ok.status).toBe(200);
  });

  it('requires redirect_uri and matches it against the one the authorization used', async () => {
    const code = codeFor(DEMO.users.bob);
    const missing = await post(
      emu.oauthUrls.token,
      new URLSearchParams({ grant_type: 'authorization_code', code }).toString(),
      { 'content-type': form, authorization: basic },
    );
    expect(missing).toEqual({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Missing "redirect_uri" in request.' },
    });
    const other = 'http://localhost:5173/auth/callback'; // registered, but not the one authorized
    const mismatch = await post(
      emu.oauthUrls.token,
      new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: other }).toString(),
      { 'content-type': form, authorization: basic },
    );
    expect(mismatch).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid "redirect_uri" in request.' },
    });
    // A mismatch spends the code, as a failed exchange of a leaked code should.
    const retry = await post(
      emu.oauthUrls.token,
      new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }).toString(),
      { 'content-type': form, authorization: basic },
    );
    expect(retry.body).toMatchObject({ error: 'invalid_grant' });
  });

  it('authenticates the client with HTTP Basic or with client_id and client_secret in the form', async () => {
    const viaForm = await post(
      emu.oauthUrls.token,
      new URLSearchParams({
        grant_type: 'authorization_code',
        code: codeFor(DEMO.users.carol),
        redirect_uri: REDIRECT,
        client_id: DEMO.clientId,
        client_secret: DEMO.clientSecret,
      }).toString(),
      { 'content-type': form },
    );
    expect(viaForm.status).toBe(200);
    const wrong = await post(
      emu.oauthUrls.token,
      new URLSearchParams({
        grant_type: 'authorization_code',
        code: codeFor(DEMO.users.carol),
        redirect_uri: REDIRECT,
        client_id: DEMO.clientId,
        client_secret: 'not-the-secret',
      }).toString(),
      { 'content-type': form },
    );
    expect(wrong).toEqual({ status: 401, body: { error: 'invalid_client' } });
  });

  it('revokes only from a form body', async () => {
    const tokens = await new OAuth2Client(
      DEMO.clientId,
      DEMO.clientSecret,
      REDIRECT,
    ).validateAuthorizationCode(emu.oauthUrls.token, codeFor(DEMO.users.admin), null);
    const headers = { Authorization: `Bearer ${tokens.accessToken()}` };
    const json = await post(emu.oauthUrls.revoke, JSON.stringify({ token: tokens.accessToken() }), {
      'content-type': 'application/json',
      authorization: basic,
    });
    expect(json).toEqual({
      status: 400,
      body: { error: 'invalid_request', error_description: 'Missing "token" in request.' },
    });
    expect((await fetch(`${emu.restUrl}/v10/users/@me`, { headers })).status).toBe(200);
    const ok = await post(
      emu.oauthUrls.revoke,
      new URLSearchParams({ token: tokens.accessToken() }).toString(),
      {
        'content-type': form,
        authorization: basic,
      },
    );
    expect(ok.status).toBe(200);
    expect((await fetch(`${emu.restUrl}/v10/users/@me`, { headers })).status).toBe(401);
  });
});
