// The auth module against a real FerretDB and the Discord emulator's OAuth2: the privacy policy's
// promises about login, cookies and tokens, each checked where it is kept.
import { createHash } from 'node:crypto';
import { OAuthAccount, readDiscordTokens, Session, User } from '@ticketbyte/db';
import { parseEnv } from '@ticketbyte/db/env';
import { startTestDatabase, type TestDatabase } from '@ticketbyte/db/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { RecordingCookieJar } from '../../../test-support/cookie-jar.js';
import { startTestEmulator, type TestEmulator } from '../../../test-support/emulator.js';
import {
  type Auth,
  authConfigFromEnv,
  createAuth,
  hashSessionToken,
  LoginError,
  SESSION_COOKIE_NAME,
  STATE_COOKIE_NAME,
} from './index.js';

const ORIGIN = 'http://localhost:4999';
const SEVEN_DAYS = 7 * 24 * 60 * 60;
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

let db: TestDatabase;
let emulator: TestEmulator;
let auth: Auth;
const logs: string[] = [];
let admin: string;
let member: string;

beforeAll(async () => {
  db = await startTestDatabase();
  emulator = await startTestEmulator([`${ORIGIN}/login/callback`]);
  const oauth = emulator.seed.oauth!;
  const config = authConfigFromEnv(
    parseEnv({
      DISCORD_APPLICATION_ID: oauth.clientId,
      DISCORD_CLIENT_SECRET: oauth.clientSecret,
      DISCORD_API_URL: emulator.restUrl,
      DISCORD_OAUTH_AUTHORIZE_URL: emulator.oauthUrls.authorize,
      DISCORD_OAUTH_TOKEN_URL: emulator.oauthUrls.token,
      DISCORD_OAUTH_REVOKE_URL: emulator.oauthUrls.revoke,
      PUBLIC_URL: ORIGIN,
    }),
  );
  auth = createAuth(config, (line) => logs.push(line));
  const users = emulator.seed.users;
  admin = users.find((u) => u.username === 'ada_admin')!.id;
  member = users.find((u) => u.username === 'alice')!.id;
});

afterAll(async () => {
  try {
    await emulator?.close();
  } finally {
    await db?.stop();
  }
});

afterEach(() => {
  vi.restoreAllMocks();
});

function readAttempt(jar: RecordingCookieJar): { state: string; verifier: string; next: string } {
  return JSON.parse(Buffer.from(jar.get(STATE_COOKIE_NAME)!, 'base64url').toString('utf8'));
}

/** The person approves on the emulator's authorize page; returns where Discord sends the browser. */
function consent(authorizeUrl: URL, userId: string, opts: { deny?: boolean } = {}): URL {
  return new URL(emulator.actions.oauthConsent(authorizeUrl, userId, opts));
}

async function login(jar: RecordingCookieJar, userId: string, next?: string): Promise<string> {
  const url = auth.beginLogin(jar, next);
  return auth.finishLogin(jar, consent(url, userId), FIREFOX);
}

async function expectLoginError(promise: Promise<unknown>, reason: string): Promise<void> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LoginError);
  expect((error as LoginError).reason).toBe(reason);
}

describe('the authorization URL', () => {
  it('asks Discord for exactly `identify guilds` — never `email`', () => {
    const url = auth.beginLogin(new RecordingCookieJar());
    expect(url.origin + url.pathname).toBe(emulator.oauthUrls.authorize);
    expect(url.searchParams.get('scope')).toBe('identify guilds');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('client_id')).toBe(emulator.seed.oauth!.clientId);
    expect(url.searchParams.get('redirect_uri')).toBe(`${ORIGIN}/login/callback`);
  });

  it('carries a state of at least 128 random bits, bound to this browser by a short-lived cookie', () => {
    const jar = new RecordingCookieJar();
    const url = auth.beginLogin(jar);
    const state = url.searchParams.get('state')!;
    // arctic's state: 20 random bytes in base32 (5 bits a character).
    expect(state.length * 5).toBeGreaterThanOrEqual(128);
    expect(readAttempt(jar).state).toBe(state);
    expect(auth.beginLogin(new RecordingCookieJar()).searchParams.get('state')).not.toBe(state);
    const cookie = jar.lastSet(STATE_COOKIE_NAME)!;
    expect(cookie.name.startsWith('__Host-')).toBe(true);
    expect(cookie.options).toEqual({ path: '/', httpOnly: true, secure: true, sameSite: 'lax', maxAge: 600 });
  });

  it('uses PKCE with S256: the challenge is the hash of the verifier kept in the browser', () => {
    const jar = new RecordingCookieJar();
    const url = auth.beginLogin(jar);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    const { verifier } = readAttempt(jar);
    expect(url.searchParams.get('code_challenge')).toBe(
      createHash('sha256').update(verifier).digest('base64url'),
    );
  });
});

describe('the callback', () => {
  it('creates the user, stores the Discord tokens encrypted and sets exactly one session cookie', async () => {
    const jar = new RecordingCookieJar();
    const next = await login(jar, admin);
    expect(next).toBe('/');

    // One TicketByte cookie remains: the state cookie is gone.
    expect([...jar.values.keys()]).toEqual([SESSION_COOKIE_NAME]);
    expect(jar.lastSet(STATE_COOKIE_NAME)?.deleted).toBe(true);
    const cookie = jar.lastSet(SESSION_COOKIE_NAME)!;
    expect(cookie.options).toEqual({
      path: '/',
      httpOnly: true,
      secure: true,
      sameSite: 'lax',
      maxAge: SEVEN_DAYS,
    });

    const user = await User.findOne({ discordId: admin }).lean();
    expect(user).toMatchObject({ username: 'ada_admin', globalName: 'Ada (Admin)' });
    expect(user?.profileSyncedAt).toBeInstanceOf(Date);
    expect(Object.keys(user!).some((k) => /mail/i.test(k))).toBe(false);

    const tokens = await readDiscordTokens(admin);
    expect(tokens?.scopes.sort()).toEqual(['guilds', 'identify']);
    const raw = JSON.stringify(await OAuthAccount.collection.find({ userId: admin }).toArray());
    expect(raw).not.toContain(tokens!.accessToken);
    expect(raw).not.toContain(tokens!.refreshToken!);
    const me = await fetch(`${emulator.restUrl}/v10/users/@me`, {
      headers: { authorization: `Bearer ${tokens!.accessToken}` },
    });
    expect(me.status).toBe(200);
  });

  it('stores only the SHA-256 hash of the session token, with device and last-seen, expiring in 7 days', async () => {
    const jar = new RecordingCookieJar();
    await login(jar, admin);
    const token = jar.get(SESSION_COOKIE_NAME)!;
    const rows = await Session.collection.find({}).toArray();
    expect(JSON.stringify(rows)).not.toContain(token);
    const row = rows.find((r) => r._id === (hashSessionToken(token) as never))!;
    expect(row).toBeDefined();
    expect(row._id).toBe(createHash('sha256').update(token).digest('hex'));
    expect(row.device).toBe('Firefox on Linux');
    expect(Math.abs(row.lastSeenAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(Math.abs(row.expiresAt.getTime() - (Date.now() + SEVEN_DAYS * 1000))).toBeLessThan(60_000);
  });

  it('gives a new session id at every login and ends the one this browser had', async () => {
    const jar = new RecordingCookieJar();
    await login(jar, admin);
    const first = jar.get(SESSION_COOKIE_NAME)!;
    await login(jar, admin);
    const second = jar.get(SESSION_COOKIE_NAME)!;
    expect(second).not.toBe(first);
    expect(await Session.exists({ _id: hashSessionToken(first) })).toBeNull();
    expect(await Session.exists({ _id: hashSessionToken(second) })).not.toBeNull();
  });

  it('refuses a callback whose state does not match, and the state cannot be tried again', async () => {
    const jar = new RecordingCookieJar();
    const callback = consent(auth.beginLogin(jar), member);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'a'.repeat(32));
    const before = await Session.countDocuments();
    await expectLoginError(auth.finishLogin(jar, forged, FIREFOX), 'state_mismatch');
    expect(jar.values.size).toBe(0);
    // Single use: even the genuine callback is refused now that the state cookie is spent.
    await expectLoginError(auth.finishLogin(jar, callback, FIREFOX), 'missing_state');
    expect(await Session.countDocuments()).toBe(before);
  });

  it('refuses a callback without the state cookie (another browser) or without a state parameter', async () => {
    const callback = consent(auth.beginLogin(new RecordingCookieJar()), member);
    await expectLoginError(auth.finishLogin(new RecordingCookieJar(), callback, FIREFOX), 'missing_state');

    const jar = new RecordingCookieJar();
    const noState = consent(auth.beginLogin(jar), member);
    noState.searchParams.delete('state');
    await expectLoginError(auth.finishLogin(jar, noState, FIREFOX), 'invalid_callback');
  });

  it('refuses a successful callback replayed after login', async () => {
    const jar = new RecordingCookieJar();
    const callback = consent(auth.beginLogin(jar), member);
    await auth.finishLogin(jar, callback, FIREFOX);
    await expectLoginError(auth.finishLogin(jar, callback, FIREFOX), 'missing_state');
  });

  it('reports a denied consent and saves nothing', async () => {
    const jar = new RecordingCookieJar();
    const callback = consent(auth.beginLogin(jar), member, { deny: true });
    await expectLoginError(auth.finishLogin(jar, callback, FIREFOX), 'denied');
    expect(jar.values.size).toBe(0);
  });

  it('sends the PKCE verifier on the code exchange, and a wrong verifier fails the login', async () => {
    const jar = new RecordingCookieJar();
    const url = auth.beginLogin(jar);
    const { verifier } = readAttempt(jar);
    const bodies: string[] = [];
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      if (input instanceof Request && input.url === emulator.oauthUrls.token)
        bodies.push(await input.clone().text());
      return realFetch(input, init);
    });
    await auth.finishLogin(jar, consent(url, member), FIREFOX);
    expect(bodies).toHaveLength(1);
    const sent = new URLSearchParams(bodies[0]);
    expect(sent.get('code_verifier')).toBe(verifier);
    expect(sent.get('grant_type')).toBe('authorization_code');

    const tampered = new RecordingCookieJar();
    const url2 = auth.beginLogin(tampered);
    const attempt = readAttempt(tampered);
    tampered.values.set(
      STATE_COOKIE_NAME,
      Buffer.from(JSON.stringify({ ...attempt, verifier: 'x'.repeat(64) })).toString('base64url'),
    );
    await expectLoginError(auth.finishLogin(tampered, consent(url2, member), FIREFOX), 'exchange_failed');
    expect(tampered.get(SESSION_COOKIE_NAME)).toBeUndefined();
  });

  it('redirects afterwards only to a same-origin path', async () => {
    expect(await login(new RecordingCookieJar(), member, '/guilds/1?tab=tickets')).toBe(
      '/guilds/1?tab=tickets',
    );
    expect(await login(new RecordingCookieJar(), member, 'https://evil.example/steal')).toBe('/');
    expect(await login(new RecordingCookieJar(), member, '//evil.example/steal')).toBe('/');
  });
});

describe('sessions', () => {
  it('validates the cookie into the user and a session identified by its hash', async () => {
    const jar = new RecordingCookieJar();
    await login(jar, admin);
    const token = jar.get(SESSION_COOKIE_NAME)!;
    const { user, session } = await auth.validate(jar);
    expect(user).toEqual({ id: admin, username: 'ada_admin', globalName: 'Ada (Admin)', avatar: null });
    expect(session?.id).toBe(hashSessionToken(token));
    expect(session?.device).toBe('Firefox on Linux');
  });

  it('has an absolute 7-day lifetime: using a session does not extend it or reissue the cookie', async () => {
    const jar = new RecordingCookieJar();
    await login(jar, admin);
    const id = hashSessionToken(jar.get(SESSION_COOKIE_NAME)!);
    const inTwoDays = new Date(Date.now() + 2 * 86_400_000);
    const longAgo = new Date(Date.now() - 3 * 86_400_000);
    await Session.updateOne({ _id: id }, { $set: { expiresAt: inTwoDays, lastSeenAt: longAgo } });
    const writes = jar.log.length;
    const { session } = await auth.validate(jar);
    expect(session).not.toBeNull();
    expect(jar.log.length).toBe(writes);
    const row = await Session.findById(id).lean();
    expect(row?.expiresAt.getTime()).toBe(inTwoDays.getTime());
    // ... but last-seen is recorded.
    expect(row!.lastSeenAt.getTime()).toBeGreaterThan(longAgo.getTime());
  });

  it('ends an expired session: deleted server-side and the cookie removed', async () => {
    const jar = new RecordingCookieJar();
    await login(jar, admin);
    const id = hashSessionToken(jar.get(SESSION_COOKIE_NAME)!);
    await Session.updateOne({ _id: id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await auth.validate(jar)).toEqual({ user: null, session: null });
    expect(await Session.exists({ _id: id })).toBeNull();
    expect(jar.values.size).toBe(0);
    expect(jar.lastSet(SESSION_COOKIE_NAME)).toMatchObject({
      deleted: true,
      options: { path: '/', secure: true },
    });
  });

  it('ignores and removes a cookie that is not a valid session token', async () => {
    const jar = new RecordingCookieJar();
    jar.values.set(SESSION_COOKIE_NAME, 'not-a-token');
    expect(await auth.validate(jar)).toEqual({ user: null, session: null });
    expect(jar.values.size).toBe(0);
  });

  it('a stored hash used as a cookie logs nobody in', async () => {
    const jar = new RecordingCookieJar();
    await login(jar, admin);
    const stolen = new RecordingCookieJar();
    stolen.values.set(SESSION_COOKIE_NAME, hashSessionToken(jar.get(SESSION_COOKIE_NAME)!));
    expect((await auth.validate(stolen)).user).toBeNull();
  });
});

describe('logout', () => {
  it('deletes the session server-side and the cookie; other devices stay logged in', async () => {
    const laptop = new RecordingCookieJar();
    const phone = new RecordingCookieJar();
    await login(laptop, member);
    await login(phone, member);
    const laptopId = hashSessionToken(laptop.get(SESSION_COOKIE_NAME)!);

    await auth.logout(laptop);
    expect(await Session.exists({ _id: laptopId })).toBeNull();
    expect(laptop.values.size).toBe(0);
    expect(laptop.lastSet(SESSION_COOKIE_NAME)).toMatchObject({
      deleted: true,
      options: { path: '/', secure: true, httpOnly: true, sameSite: 'lax' },
    });
    expect((await auth.validate(phone)).user?.id).toBe(member);
    expect(await readDiscordTokens(member)).not.toBeNull();
  });

  it('after the last session ends, revokes the Discord grant and forgets the tokens', async () => {
    await Session.deleteMany({ userId: admin });
    const jar = new RecordingCookieJar();
    await login(jar, admin);
    const tokens = await readDiscordTokens(admin);
    await auth.logout(jar);
    expect(await Session.countDocuments({ userId: admin })).toBe(0);
    expect(await OAuthAccount.countDocuments({ userId: admin })).toBe(0);
    const me = await fetch(`${emulator.restUrl}/v10/users/@me`, {
      headers: { authorization: `Bearer ${tokens!.accessToken}` },
    });
    expect(me.status).toBe(401);
  });

  it('is harmless without a session', async () => {
    const jar = new RecordingCookieJar();
    await expect(auth.logout(jar)).resolves.toBeUndefined();
    expect(jar.log).toEqual([]);
  });
});

describe('logs', () => {
  it('never contain a token or cookie value', async () => {
    const jar = new RecordingCookieJar();
    await login(jar, member);
    const secrets = [jar.get(SESSION_COOKIE_NAME)!, (await readDiscordTokens(member))!.accessToken];
    const tampered = new RecordingCookieJar();
    const url = auth.beginLogin(tampered);
    const attempt = readAttempt(tampered);
    tampered.values.set(
      STATE_COOKIE_NAME,
      Buffer.from(JSON.stringify({ ...attempt, verifier: 'y'.repeat(64) })).toString('base64url'),
    );
    const callback = consent(url, member);
    await auth.finishLogin(tampered, callback, FIREFOX).catch(() => undefined);
    secrets.push(callback.searchParams.get('code')!, attempt.state);
    expect(logs.length).toBeGreaterThan(0);
    for (const line of logs) for (const secret of secrets) expect(line).not.toContain(secret);
  });
});
