// The auth module's public face: the only way the rest of the dashboard reaches Lucia and arctic.
// `auth()` is the process-wide instance configured from the environment.
import { env } from '@ticketbyte/db/env';
import { parse as parseCookies } from 'cookie';
import { authConfigFromEnv } from './config.js';
import { type Auth, createAuth } from './service.js';

export { type AuthConfig, AuthConfigError, authConfigFromEnv } from './config.js';
export { baseCookieOptions, type CookieJar, type CookieOptions } from './cookies.js';
export { SESSION_COOKIE_NAME, SESSION_LIFETIME_SECONDS } from './lucia.js';
export {
  type Auth,
  type AuthSession,
  type AuthUser,
  createAuth,
  DISCORD_SCOPES,
  LoginError,
  type LoginFailure,
} from './service.js';
export { STATE_COOKIE_NAME } from './state-cookie.js';
export { hashSessionToken } from './token-hash.js';

let instance: Auth | undefined;

/** The configured auth module of this process (validates the login configuration on first use). */
export function auth(): Auth {
  instance ??= createAuth(authConfigFromEnv(env()));
  return instance;
}

/**
 * The session behind a request's cookie header, for handlers that only see a `Request` (the tRPC
 * endpoint). Read-only: a stale cookie is left for the next page load to remove.
 */
export async function sessionFromRequest(
  request: Request,
): Promise<{ userId: string; sessionId: string } | null> {
  // The parser SvelteKit's own `cookies` uses: a value that is not valid percent-encoding is kept
  // raw instead of throwing, so a stray cookie from another app on the host cannot break the API.
  const values = parseCookies(request.headers.get('cookie') ?? '');
  const readOnly: import('./cookies.js').CookieJar = {
    get: (name) => values[name],
    set: () => {},
    delete: () => {},
  };
  const { user, session } = await auth().validate(readOnly);
  return user && session ? { userId: user.id, sessionId: session.id } : null;
}
