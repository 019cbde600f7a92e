// OAuth2 authorization-code flow (with PKCE) as Discord runs it: an authorize page where a person picks a
// seeded user or denies, and form-encoded token, refresh and revoke endpoints.
import { createHash, timingSafeEqual } from 'node:crypto';
import { randomToken } from './snowflake';
import type { EmulatorState } from './state';

export const KNOWN_SCOPES = new Set([
  'identify',
  'email',
  'guilds',
  'guilds.members.read',
  'guilds.join',
  'connections',
  'openid',
  'role_connections.write',
  'applications.commands',
  'applications.commands.permissions.update',
]);

const CODE_LIFETIME_MS = 10 * 60 * 1000;
const ACCESS_LIFETIME_S = 7 * 24 * 3600;

export interface OAuthGrant {
  accessToken: string;
  refreshToken: string;
  userId: string;
  scopes: string[];
  expiresAt: number;
  revoked: boolean;
}

interface AuthCode {
  userId: string;
  scopes: string[];
  redirectUri: string;
  challenge: string | null;
  challengeMethod: string | null;
  expiresAt: number;
}

export interface OAuthClientConfig {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

type PageResult = { status: number; html: string } | { status: 302; location: string };

export class OAuthServer {
  private readonly codes = new Map<string, AuthCode>();
  private readonly byAccess = new Map<string, OAuthGrant>();
  private readonly byRefresh = new Map<string, OAuthGrant>();

  constructor(
    private readonly state: EmulatorState,
    readonly client: OAuthClientConfig | null,
  ) {}

  /** The grant behind a bearer token, if it is valid. */
  grant(accessToken: string): OAuthGrant | undefined {
    const g = this.byAccess.get(accessToken);
    if (!g || g.revoked || g.expiresAt < Date.now()) return undefined;
    return g;
  }

  /** Validates an authorize request; returns an error page, an error redirect, or the parsed request. */
  private parseAuthorize(params: URLSearchParams): PageResult | { request: AuthorizeRequest } {
    const client = this.client;
    if (!client || params.get('client_id') !== client.clientId) {
      return {
        status: 400,
        html: page('Unknown application', '<p>The client_id is not a known application.</p>'),
      };
    }
    let redirectUri = params.get('redirect_uri');
    if (redirectUri === null && client.redirectUris.length === 1)
      redirectUri = client.redirectUris[0] ?? null;
    if (!redirectUri || !client.redirectUris.includes(redirectUri)) {
      return {
        status: 400,
        html: page(
          'Invalid OAuth2 redirect_uri',
          `<p>${escapeHtml(redirectUri ?? '(none)')} is not registered for this application.</p>`,
        ),
      };
    }
    const state = params.get('state');
    const fail = (error: string, description: string): PageResult => ({
      status: 302,
      location: withParams(redirectUri, { error, error_description: description, state }),
    });
    if (params.get('response_type') !== 'code') {
      return fail('unsupported_response_type', 'Only response_type=code is supported');
    }
    const scopes = (params.get('scope') ?? '').split(/[\s+]+/).filter(Boolean);
    if (scopes.length === 0) return fail('invalid_scope', 'No scope requested');
    const unknown = scopes.filter((s) => !KNOWN_SCOPES.has(s));
    if (unknown.length > 0)
      return fail('invalid_scope', `Unknown or unsupported scope(s): ${unknown.join(' ')}`);
    const challenge = params.get('code_challenge');
    const method = params.get('code_challenge_method') ?? (challenge ? 'plain' : null);
    if (method && method !== 'S256' && method !== 'plain') {
      return fail('invalid_request', 'code_challenge_method must be S256 or plain');
    }
    return { request: { clientId: client.clientId, redirectUri, scopes, state, challenge, method } };
  }

  /** GET /oauth2/authorize: the consent page. */
  authorizePage(params: URLSearchParams): PageResult {
    const parsed = this.parseAuthorize(params);
    if (!('request' in parsed)) return parsed;
    const { request } = parsed;
    const hidden = [...params.entries()]
      .filter(([k]) => k !== 'user_id' && k !== 'decision')
      .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
      .join('');
    const users = [...this.state.users.values()].filter((u) => !u.bot);
    const buttons = users
      .map(
        (u) =>
          `<button type="submit" name="user_id" value="${u.id}" class="user">` +
          `<strong>${escapeHtml(u.globalName ?? u.username)}</strong> <span>@${escapeHtml(u.username)}</span></button>`,
      )
      .join('');
    const body = `
      <p>An application wants to access your account with these scopes:</p>
      <ul class="scopes">${request.scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('')}</ul>
      <p>Log in as one of the seeded users to authorize it:</p>
      <form method="post" action="/oauth2/authorize">${hidden}
        <input type="hidden" name="decision" value="approve">
        <div class="users">${buttons}</div>
      </form>
      <form method="post" action="/oauth2/authorize">${hidden}
        <button type="submit" name="decision" value="deny" class="deny">Cancel (deny)</button>
      </form>
      <p class="muted">Redirects to <code>${escapeHtml(request.redirectUri)}</code></p>`;
    return { status: 200, html: page('Authorize access — Discord emulator', body) };
  }

  /** POST /oauth2/authorize: the person's decision. */
  decide(form: URLSearchParams): PageResult {
    const parsed = this.parseAuthorize(form);
    if (!('request' in parsed)) return parsed;
    const { request } = parsed;
    if (form.get('decision') === 'deny') {
      return {
        status: 302,
        location: withParams(request.redirectUri, {
          error: 'access_denied',
          error_description: 'The resource owner or authorization server denied the request',
          state: request.state,
        }),
      };
    }
    const userId = form.get('user_id') ?? '';
    const user = this.state.users.get(userId);
    if (!user || user.bot)
      return { status: 400, html: page('Unknown user', '<p>Pick one of the seeded users.</p>') };
    const code = randomToken(30);
    this.codes.set(code, {
      userId,
      scopes: request.scopes,
      redirectUri: request.redirectUri,
      challenge: request.challenge,
      challengeMethod: request.method,
      expiresAt: Date.now() + CODE_LIFETIME_MS,
    });
    return { status: 302, location: withParams(request.redirectUri, { code, state: request.state }) };
  }

  /** In-process helper: what the browser would be redirected to after the person approves (or denies). */
  consent(authorizeUrl: string | URL, userId: string, opts: { deny?: boolean } = {}): string {
    const params = new URL(authorizeUrl).searchParams;
    params.set('decision', opts.deny ? 'deny' : 'approve');
    params.set('user_id', userId);
    const result = this.decide(params);
    if (result.status !== 302 || !('location' in result)) {
      throw new Error(`Authorization refused: ${'html' in result ? stripTags(result.html) : result.status}`);
    }
    return result.location;
  }

  private authenticateClient(form: URLSearchParams, authorization: string | undefined): string | null {
    const client = this.client;
    if (!client) return 'invalid_client';
    let id = form.get('client_id');
    let secret = form.get('client_secret');
    // HTTP Basic or client_id/client_secret in the form, as Discord takes them
    // (https://discord.com/developers/docs/topics/oauth2#authorization-code-grant).
    if (authorization?.startsWith('Basic ')) {
      const decoded = Buffer.from(authorization.slice(6), 'base64').toString();
      const i = decoded.indexOf(':');
      id = decodeURIComponent(decoded.slice(0, i));
      secret = decodeURIComponent(decoded.slice(i + 1));
    }
    if (id !== client.clientId) return 'invalid_client';
    if (secret !== null && !safeEqual(secret, client.clientSecret)) return 'invalid_client';
    return secret === null ? 'public' : null;
  }

  /** POST /oauth2/token */
  token(request: TokenRequest): { status: number; body: unknown } {
    const form = tokenForm(request);
    const grantType = form.get('grant_type');
    // The grant type is read first: a JSON body (no form fields) is answered unsupported_grant_type, as
    // Discord answers it (https://github.com/discord/discord-api-docs/issues/5249).
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
      return {
        status: 400,
        body: {
          error: 'unsupported_grant_type',
          error_description: `Grant type ${grantType ?? 'None'} is not supported`,
        },
      };
    }
    const clientError = this.authenticateClient(form, request.authorization);
    if (clientError === 'invalid_client') {
      return { status: 401, body: { error: 'invalid_client' } };
    }
    const missing = (field: string) => ({
      status: 400,
      body: { error: 'invalid_request', error_description: `Missing "${field}" in request.` },
    });
    const invalid = (d: string) => ({
      status: 400,
      body: { error: 'invalid_grant', error_description: d },
    });
    if (grantType === 'authorization_code') {
      const codeValue = form.get('code');
      if (!codeValue) return missing('code');
      // Required, and it must be the one the authorization was made with (docs: "the redirect_uri
      // associated with this authorization").
      const redirect = form.get('redirect_uri');
      if (!redirect) return missing('redirect_uri');
      const code = this.codes.get(codeValue);
      if (!code || code.expiresAt < Date.now()) return invalid('Invalid "code" in request.');
      this.codes.delete(codeValue);
      if (redirect !== code.redirectUri) return invalid('Invalid "redirect_uri" in request.');
      if (code.challenge) {
        const verifier = form.get('code_verifier');
        if (!verifier) return invalid('Missing "code_verifier".');
        const computed =
          code.challengeMethod === 'S256'
            ? createHash('sha256').update(verifier).digest('base64url')
            : verifier;
        if (!safeEqual(computed, code.challenge)) return invalid('Invalid "code_verifier".');
      } else if (clientError === 'public') {
        return { status: 401, body: { error: 'invalid_client' } };
      }
      return { status: 200, body: this.issue(code.userId, code.scopes) };
    }
    const refresh = form.get('refresh_token');
    if (!refresh) return missing('refresh_token');
    const old = this.byRefresh.get(refresh);
    if (!old || old.revoked) return invalid('Invalid "refresh_token" in request.');
    this.byRefresh.delete(old.refreshToken);
    old.revoked = true;
    return { status: 200, body: this.issue(old.userId, old.scopes) };
  }

  /** POST /oauth2/token/revoke: revokes the whole grant behind an access or refresh token. */
  revoke(request: TokenRequest): { status: number; body: unknown } {
    const form = tokenForm(request);
    if (this.authenticateClient(form, request.authorization) === 'invalid_client') {
      return { status: 401, body: { error: 'invalid_client' } };
    }
    const token = form.get('token');
    if (!token) {
      return {
        status: 400,
        body: { error: 'invalid_request', error_description: 'Missing "token" in request.' },
      };
    }
    const grant = this.byAccess.get(token) ?? this.byRefresh.get(token);
    if (grant) {
      grant.revoked = true;
      this.byAccess.delete(grant.accessToken);
      this.byRefresh.delete(grant.refreshToken);
    }
    // RFC 7009 §2.2: an unknown token is answered 200 as well.
    return { status: 200, body: {} };
  }

  private issue(userId: string, scopes: string[]) {
    const grant: OAuthGrant = {
      accessToken: randomToken(30),
      refreshToken: randomToken(30),
      userId,
      scopes,
      expiresAt: Date.now() + ACCESS_LIFETIME_S * 1000,
      revoked: false,
    };
    this.byAccess.set(grant.accessToken, grant);
    this.byRefresh.set(grant.refreshToken, grant);
    return {
      access_token: grant.accessToken,
      token_type: 'Bearer',
      expires_in: ACCESS_LIFETIME_S,
      refresh_token: grant.refreshToken,
      scope: scopes.join(' '),
    };
  }
}

/** A token or revoke request as it reached the server. */
export interface TokenRequest {
  /** The parsed body: URLSearchParams for a form, anything else for other content types. */
  body: unknown;
  contentType: string | null;
  authorization: string | undefined;
}

/**
 * The token and revoke URLs take application/x-www-form-urlencoded only ("JSON content is not permitted":
 * https://discord.com/developers/docs/topics/oauth2#shared-resources-oauth2-urls); any other body, and the
 * query string, contribute no field.
 */
function tokenForm(request: TokenRequest): URLSearchParams {
  const type = (request.contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded' && request.body instanceof URLSearchParams)
    return request.body;
  return new URLSearchParams();
}

interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string | null;
  challenge: string | null;
  method: string | null;
}

function withParams(base: string, params: Record<string, string | null>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v !== null) url.searchParams.set(k, v);
  return url.toString();
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function stripTags(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><link rel="stylesheet" href="/sandbox/style.css"></head>
<body class="oauth"><main class="card"><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}
