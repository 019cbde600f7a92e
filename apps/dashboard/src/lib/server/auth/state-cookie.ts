// The short-lived cookie that carries one login attempt across the Discord round-trip: the OAuth2
// `state` (binding the callback to this browser), the PKCE verifier and where to go afterwards.
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { baseCookieOptions, type CookieJar } from './cookies.js';

export const STATE_COOKIE_NAME = '__Host-ticketbyte_oauth';
export const STATE_LIFETIME_SECONDS = 10 * 60;

const loginAttempt = z.object({
  state: z.string().min(22).max(128),
  verifier: z.string().min(43).max(128),
  next: z.string().max(512),
});
export type LoginAttempt = z.infer<typeof loginAttempt>;

export function writeLoginAttempt(cookies: CookieJar, attempt: LoginAttempt): void {
  const value = Buffer.from(JSON.stringify(loginAttempt.parse(attempt)), 'utf8').toString('base64url');
  cookies.set(STATE_COOKIE_NAME, value, { ...baseCookieOptions, maxAge: STATE_LIFETIME_SECONDS });
}

/** Reads the attempt and deletes the cookie at once: a state is good for one callback only. */
export function takeLoginAttempt(cookies: CookieJar): LoginAttempt | null {
  const raw = cookies.get(STATE_COOKIE_NAME);
  if (raw === undefined) return null;
  cookies.delete(STATE_COOKIE_NAME, baseCookieOptions);
  try {
    const parsed = loginAttempt.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Constant-time comparison of the state Discord echoed with the one this browser was given. */
export function stateMatches(expected: string, received: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}
