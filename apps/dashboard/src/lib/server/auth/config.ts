// Login configuration from the validated environment: Discord OAuth2 endpoints, client credentials and
// the dashboard's own origin (where Discord sends people back to).
import type { Env } from '@ticketbyte/db/env';
import { z } from 'zod';

export interface AuthConfig {
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  /** Discord's HTTP API base, e.g. https://discord.com/api (no trailing slash). */
  apiUrl: string;
  /** The dashboard's origin, e.g. https://tickets.example.com. */
  origin: string;
  /** origin + /login/callback, registered as the OAuth2 redirect URI. */
  redirectUri: string;
}

export class AuthConfigError extends Error {
  override name = 'AuthConfigError';
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const publicOrigin = z.url({ protocol: /^https?$/ }).transform((raw, ctx) => {
  const url = new URL(raw);
  // The session cookie is Secure with the __Host- prefix: browsers keep it only over HTTPS, or over
  // plain HTTP on loopback addresses, which they treat as potentially trustworthy.
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    ctx.addIssue({ code: 'custom', message: 'must be https:// (or http://localhost for local use)' });
    return z.NEVER;
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be an origin without a path, e.g. https://tickets.example.com',
    });
    return z.NEVER;
  }
  return url.origin;
});

/** Derives the login configuration; the error names the variable at fault, never its value. */
export function authConfigFromEnv(env: Env): AuthConfig {
  const problems: string[] = [];
  if (!env.DISCORD_APPLICATION_ID) problems.push('DISCORD_APPLICATION_ID: required for dashboard login');
  if (!env.DISCORD_CLIENT_SECRET) problems.push('DISCORD_CLIENT_SECRET: required for dashboard login');
  const origin = publicOrigin.safeParse(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`);
  if (!origin.success) problems.push(`PUBLIC_URL: ${origin.error.issues[0]?.message ?? 'invalid'}`);
  if (problems.length > 0 || !origin.success) {
    throw new AuthConfigError(`Invalid configuration — ${problems.join('; ')}. See .env.example.`);
  }
  return {
    clientId: env.DISCORD_APPLICATION_ID!,
    clientSecret: env.DISCORD_CLIENT_SECRET!,
    authorizeUrl: env.DISCORD_OAUTH_AUTHORIZE_URL,
    tokenUrl: env.DISCORD_OAUTH_TOKEN_URL,
    revokeUrl: env.DISCORD_OAUTH_REVOKE_URL,
    apiUrl: env.DISCORD_API_URL.replace(/\/+$/, ''),
    origin: origin.data,
    redirectUri: `${origin.data}/login/callback`,
  };
}
