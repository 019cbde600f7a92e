// Headers every response carries. Pages get their Content-Security-Policy from SvelteKit (kit.csp, with
// nonces); anything else (JSON, redirects) gets a deny-all policy here.
const FALLBACK_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function applySecurityHeaders(headers: Headers, options: { https: boolean }): void {
  headers.set('x-content-type-options', 'nosniff');
  headers.set('referrer-policy', 'same-origin');
  headers.set('x-frame-options', 'DENY');
  headers.set('cross-origin-opener-policy', 'same-origin');
  headers.set('cross-origin-resource-policy', 'same-origin');
  headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  if (!headers.has('content-security-policy')) headers.set('content-security-policy', FALLBACK_CSP);
  if (options.https) headers.set('strict-transport-security', 'max-age=63072000; includeSubDomains');
}
