// The auth module's public face: the only way the rest of the dashboard reaches Lucia and arctic.
// `auth()` is the process-wide instance configured from the environment.
import { env } from '@ticketbyte/db/env';
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
  const header = request.headers.get('cookie') ?? '';
  const values = new Map<string, string>();
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) values.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
  }
  const readOnly: import('./cookies.js').CookieJar = {
    get: (name) => values.get(name),
    set: () => {},
    delete: () => {},
  };
  const { user, session } = await auth().validate(readOnly);
  return user && session ? { userId: user.id, sessionId: session.id } : null;
}
