// Cross-site request refusal for every state-changing request the dashboard serves itself. SvelteKit's
// own check only covers form content types, so a JSON or empty-bodied POST from another site (e.g. a
// forced logout) would pass it. A browser names the requesting site in `Origin` and, in every current
// engine, in `Sec-Fetch-Site` (https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Sec-Fetch-Site);
// either one pointing elsewhere is refused. /api/trpc applies the same rule in its own handler, where
// bearer-token callers (no cookie, no browser) are told apart.
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why this request must be refused as cross-site, or null when it may proceed. */
export function crossSiteRefusal(request: Request, origin: string): string | null {
  if (SAFE_METHODS.has(request.method)) return null;
  const fetchSite = request.headers.get('sec-fetch-site');
  if (fetchSite !== null && fetchSite !== 'same-origin') return `Sec-Fetch-Site: ${fetchSite}`;
  const from = request.headers.get('origin');
  if (from !== null) return from === origin ? null : `Origin: ${from}`;
  // Neither header: not a current browser's request. Without a cookie it cannot act for anyone;
  // with one it may be a browser that strips both, which is refused rather than trusted.
  return request.headers.get('cookie') ? 'no Origin header' : null;
}
