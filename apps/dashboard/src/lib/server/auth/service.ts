// Discord login and dashboard sessions: the OAuth2 authorization-code flow with PKCE (arctic's generic
// client, so the same code serves Discord and the emulator) and Lucia sessions in the database.
import { OAuthAccount, readDiscordTokens, Session, saveDiscordTokens, User } from '@ticketbyte/db';
import { CodeChallengeMethod, OAuth2Client, generateCodeVerifier, generateState } from 'arctic';
import { z } from 'zod';
import { MongooseSessionAdapter } from './adapter.js';
import type { AuthConfig } from './config.js';
import { baseCookieOptions, type CookieJar } from './cookies.js';
import { summariseUserAgent } from './device.js';
import { fetchDiscordProfile } from './discord-profile.js';
import { createLucia, SESSION_COOKIE_NAME } from './lucia.js';
import { safeNextPath } from './redirect.js';
import { stateMatches, takeLoginAttempt, writeLoginAttempt } from './state-cookie.js';
import { hashSessionToken } from './token-hash.js';

/** What TicketByte asks Discord for: who you are and which servers you are in. Never `email`. */
export const DISCORD_SCOPES = ['identify', 'guilds'] as const;

/** lastSeenAt is rewritten at most this often, not on every request. */
const LAST_SEEN_RESOLUTION_MS = 5 * 60 * 1000;

// Lucia's session ids: 25 random bytes in lowercase base32.
const sessionToken = z.string().regex(/^[a-z2-7]{40}$/);

const callbackParams = z.object({
  code: z.string().min(1).max(512),
  state: z.string().min(1).max(128),
});

export interface AuthUser {
  id: string;
  username: string;
  globalName: string | null;
  avatar: string | null;
}

export interface AuthSession {
  /** The stored hash of the session token: safe to show and to compare, useless as a login. */
  id: string;
  userId: string;
  expiresAt: Date;
  device: string;
  lastSeenAt: Date;
}

export type LoginFailure =
  | 'denied'
  | 'missing_state'
  | 'state_mismatch'
  | 'invalid_callback'
  | 'exchange_failed'
  | 'profile_failed';

const failureMessages: Record<LoginFailure, string> = {
  denied: 'You cancelled the Discord login. Nothing was saved — you can try again whenever you like.',
  missing_state:
    'This login link has expired or was already used. Start again from the login button (and make sure cookies are allowed for this site).',
  state_mismatch:
    'This login response does not belong to this browser, so it was refused. Please log in again.',
  invalid_callback: 'Discord sent back an incomplete response. Please log in again.',
  exchange_failed: 'Discord did not accept the login. Please try again in a moment.',
  profile_failed: 'Your Discord profile could not be read. Please try again in a moment.',
};

export class LoginError extends Error {
  override name = 'LoginError';
  constructor(readonly reason: LoginFailure) {
    super(failureMessages[reason]);
  }
}

export interface Auth {
  readonly config: AuthConfig;
  /** Starts a login: remembers state and PKCE verifier in this browser, returns Discord's URL. */
  beginLogin(cookies: CookieJar, next?: string | null): URL;
  /** Finishes a login from Discord's redirect; returns the same-origin path to go to. */
  finishLogin(cookies: CookieJar, callbackUrl: URL, userAgent: string | null): Promise<string>;
  /** The session behind this browser's cookie, or nulls (and the stale cookie removed). */
  validate(
    cookies: CookieJar,
  ): Promise<{ user: AuthUser; session: AuthSession } | { user: null; session: null }>;
  /** Ends this browser's session server-side and removes its cookies. */
  logout(cookies: CookieJar): Promise<void>;
  /** Removes every session whose 7 days are over (for the retention sweep). */
  deleteExpiredSessions(): Promise<void>;
}

export function createAuth(config: AuthConfig, log: (line: string) => void = console.warn): Auth {
  const adapter = new MongooseSessionAdapter();
  const lucia = createLucia(adapter);
  const oauth = new OAuth2Client(config.clientId, config.clientSecret, config.redirectUri);

  const clearSessionCookie = (cookies: CookieJar) => {
    if (cookies.get(SESSION_COOKIE_NAME) !== undefined)
      cookies.delete(SESSION_COOKIE_NAME, baseCookieOptions);
  };

  /** Once no session of a user is left, their Discord tokens have no purpose: revoke and forget them. */
  const forgetTokensIfUnused = async (userId: string) => {
    if ((await Session.countDocuments({ userId })) > 0) return;
    const tokens = await readDiscordTokens(userId).catch(() => null);
    if (tokens) {
      await oauth
        .revokeToken(config.revokeUrl, tokens.refreshToken ?? tokens.accessToken)
        .catch((error: unknown) => log(`logout: revoking the Discord grant failed (${describe(error)})`));
    }
    await OAuthAccount.deleteOne({ userId, provider: 'discord' });
  };

  return {
    config,

    beginLogin(cookies, next) {
      const state = generateState();
      const verifier = generateCodeVerifier();
      writeLoginAttempt(cookies, { state, verifier, next: safeNextPath(next, config.origin) });
      return oauth.createAuthorizationURLWithPKCE(
        config.authorizeUrl,
        state,
        CodeChallengeMethod.S256,
        verifier,
        [...DISCORD_SCOPES],
      );
    },

    async finishLogin(cookies, callbackUrl, userAgent) {
      const attempt = takeLoginAttempt(cookies);
      const params = Object.fromEntries(callbackUrl.searchParams);
      if (!attempt) throw new LoginError('missing_state');
      if (typeof params.error === 'string') throw new LoginError('denied');
      const parsed = callbackParams.safeParse(params);
      if (!parsed.success) throw new LoginError('invalid_callback');
      if (!stateMatches(attempt.state, parsed.data.state)) throw new LoginError('state_mismatch');

      let tokens: Awaited<ReturnType<OAuth2Client['validateAuthorizationCode']>>;
      try {
        tokens = await oauth.validateAuthorizationCode(config.tokenUrl, parsed.data.code, attempt.verifier);
      } catch (error) {
        log(`login: the code exchange failed (${describe(error)})`);
        throw new LoginError('exchange_failed');
      }
      const accessToken = tokens.accessToken();

      let profile: Awaited<ReturnType<typeof fetchDiscordProfile>>;
      try {
        profile = await fetchDiscordProfile(config.apiUrl, accessToken);
      } catch (error) {
        log(`login: reading the Discord profile failed (${describe(error)})`);
        throw new LoginError('profile_failed');
      }

      const now = new Date();
      await User.updateOne(
        { discordId: profile.id },
        {
          $set: {
            username: profile.username,
            globalName: profile.globalName,
            avatar: profile.avatar,
            profileSyncedAt: now,
          },
        },
        { upsert: true },
      );
      await saveDiscordTokens(profile.id, {
        accessToken,
        refreshToken: tokens.hasRefreshToken() ? tokens.refreshToken() : null,
        scopes: tokens.hasScopes() ? tokens.scopes() : [...DISCORD_SCOPES],
        accessTokenExpiresAt: safeExpiry(() => tokens.accessTokenExpiresAt()),
      });

      // A new session id at every login; a session this browser already had ends here.
      const previous = sessionToken.safeParse(cookies.get(SESSION_COOKIE_NAME));
      if (previous.success) await lucia.invalidateSession(previous.data);
      const session = await lucia.createSession(profile.id, {
        device: summariseUserAgent(userAgent),
        lastSeenAt: now,
      });
      const cookie = lucia.createSessionCookie(session.id);
      cookies.set(cookie.name, cookie.value, { ...baseCookieOptions, maxAge: cookie.attributes.maxAge });
      return safeNextPath(attempt.next, config.origin);
    },

    async validate(cookies) {
      const raw = cookies.get(SESSION_COOKIE_NAME);
      if (raw === undefined) return { user: null, session: null };
      const token = sessionToken.safeParse(raw);
      const result = token.success ? await lucia.validateSession(token.data) : { user: null, session: null };
      if (!result.session || !token.success) {
        clearSessionCookie(cookies);
        return { user: null, session: null };
      }
      const now = Date.now();
      let lastSeenAt = result.session.lastSeenAt;
      if (now - lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
        lastSeenAt = new Date(now);
        await adapter.touchSession(token.data, lastSeenAt);
      }
      return {
        user: {
          id: result.user.id,
          username: result.user.username,
          globalName: result.user.globalName,
          avatar: result.user.avatar,
        },
        session: {
          id: hashSessionToken(token.data),
          userId: result.session.userId,
          expiresAt: result.session.expiresAt,
          device: result.session.device,
          lastSeenAt,
        },
      };
    },

    async logout(cookies) {
      const token = sessionToken.safeParse(cookies.get(SESSION_COOKIE_NAME));
      clearSessionCookie(cookies);
      // A login abandoned half-way leaves nothing behind either.
      takeLoginAttempt(cookies);
      if (!token.success) return;
      const [session] = await adapter.getSessionAndUser(token.data);
      await lucia.invalidateSession(token.data);
      if (session) await forgetTokensIfUnused(session.userId);
    },

    deleteExpiredSessions: () => lucia.deleteExpiredSessions(),
  };
}

function safeExpiry(read: () => Date): Date | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** An error's kind and message for operators; callers never pass token-bearing values in here. */
function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 200);
  return 'unknown error';
}
