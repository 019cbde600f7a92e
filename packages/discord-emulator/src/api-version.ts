// Which REST API versions the emulator serves. Discord serves v10 and v9, keeps the deprecated v6–v8 running
// (an unversioned path is routed to its default, v6), and answers the discontinued v3–v5 with 400 Bad Request
// (https://discord.com/developers/docs/reference#api-versioning; 50041 "Invalid API version provided" in
// https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes).
// The emulator implements v10 only: it refuses every other version, including the ones Discord still serves,
// rather than answer them with v10 behaviour they do not have.

export const SERVED_API_VERSION = 10;

/** Versions Discord still serves, which the emulator refuses on purpose (it does not emulate their differences). */
const DISCORD_SERVES = new Set([6, 7, 8, 9]);
const DISCORD_DEFAULT_VERSION = 6;

/**
 * Discord documents the OAuth2 token and revocation URLs without a version (`/api/oauth2/token`), and they do
 * not change between versions, so they are served unversioned as well.
 */
const UNVERSIONED_PATHS = new Set(['/oauth2/token', '/oauth2/token/revoke']);

const API_PREFIX = /^\/api(?:\/v(\d+))?(?=\/)/;

export type ApiVersionVerdict =
  | { served: true; path: string }
  | { served: false; status: 400; body: { code: number; message: string } };

/** The REST path after the version prefix, or the refusal; null when `pathname` is not under /api/. */
export function resolveApiPath(pathname: string): ApiVersionVerdict | null {
  const prefix = API_PREFIX.exec(pathname);
  if (!prefix) return null;
  const path =
    pathname
      .slice(prefix[0].length)
      .split('/')
      .map((part) => {
        try {
          return decodeURIComponent(part);
        } catch {
          return part;
        }
      })
      .join('/') || '/';
  const version = prefix[1] === undefined ? null : Number(prefix[1]);
  if (version === SERVED_API_VERSION) return { served: true, path };
  if (version === null && UNVERSIONED_PATHS.has(path)) return { served: true, path };
  const effective = version ?? DISCORD_DEFAULT_VERSION;
  const message = DISCORD_SERVES.has(effective)
    ? `Invalid API version provided (the Discord emulator serves v${SERVED_API_VERSION} only; Discord still serves ${
        version === null ? 'unversioned paths as v6' : `v${version}`
      }, which behaves differently)`
    : 'Invalid API version provided';
  return { served: false, status: 400, body: { code: 50041, message } };
}
