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
