// Where to send someone after login: only a path on this site, never another origin.
import { z } from 'zod';

const candidate = z.string().min(1).max(512);
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const controlOrBackslash = /[\u0000-\u001f\\]/;

/** The same-origin path in `next`, or `/` when it is missing, malformed or points elsewhere. */
export function safeNextPath(next: unknown, origin: string): string {
  const parsed = candidate.safeParse(next);
  if (!parsed.success) return '/';
  const raw = parsed.data;
  // Only absolute paths; `//host` and `/\host` are protocol-relative in browsers.
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\') || controlOrBackslash.test(raw)) {
    return '/';
  }
  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return '/';
  }
  if (url.origin !== origin) return '/';
  // Going back into the login flow would loop.
  if (url.pathname === '/login' || url.pathname.startsWith('/login/') || url.pathname === '/logout')
    return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
