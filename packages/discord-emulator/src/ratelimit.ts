// Rate-limit headers on every response, Discord's limits in 'realistic' mode, and injected faults.
import { createHash } from 'node:crypto';

export type RateLimitMode = 'off' | 'realistic';

export interface BucketRule {
  limit: number;
  windowMs: number;
}

/**
 * Per-route limits in realistic mode. Discord documents the global limit (50 requests/s per bot) and that
 * per-route limits are discovered from headers; these values mirror what bots observe in practice.
 */
const ROUTE_RULES: { method: string; template: string; rule: BucketRule }[] = [
  { method: 'POST', template: '/channels/:channel_id/messages', rule: { limit: 5, windowMs: 5000 } },
  {
    method: 'PATCH',
    template: '/channels/:channel_id/messages/:message_id',
    rule: { limit: 5, windowMs: 5000 },
  },
  {
    method: 'DELETE',
    template: '/channels/:channel_id/messages/:message_id',
    rule: { limit: 5, windowMs: 1000 },
  },
  {
    method: 'POST',
    template: '/channels/:channel_id/messages/bulk-delete',
    rule: { limit: 1, windowMs: 1000 },
  },
  { method: 'PATCH', template: '/channels/:channel_id', rule: { limit: 10, windowMs: 10_000 } },
  { method: 'DELETE', template: '/channels/:channel_id', rule: { limit: 5, windowMs: 5000 } },
  {
    method: 'PUT',
    template: '/channels/:channel_id/permissions/:overwrite_id',
    rule: { limit: 10, windowMs: 10_000 },
  },
  {
    method: 'DELETE',
    template: '/channels/:channel_id/permissions/:overwrite_id',
    rule: { limit: 10, windowMs: 10_000 },
  },
  { method: 'POST', template: '/guilds/:guild_id/channels', rule: { limit: 5, windowMs: 5000 } },
  { method: 'POST', template: '/users/@me/channels', rule: { limit: 5, windowMs: 5000 } },
  { method: 'POST', template: '/webhooks/:webhook_id/:webhook_token', rule: { limit: 5, windowMs: 2000 } },
  {
    method: 'PATCH',
    template: '/webhooks/:webhook_id/:webhook_token/messages/:message_id',
    rule: { limit: 5, windowMs: 2000 },
  },
  { method: 'PUT', template: '/applications/:application_id/commands', rule: { limit: 2, windowMs: 60_000 } },
  {
    method: 'PUT',
    template: '/applications/:application_id/guilds/:guild_id/commands',
    rule: { limit: 2, windowMs: 60_000 },
  },
];
/** Renaming a channel or changing its topic: 2 per 10 minutes per channel (a "shared"-looking sub-limit). */
export const CHANNEL_RENAME_RULE: BucketRule = { limit: 2, windowMs: 600_000 };
const DEFAULT_READ_RULE: BucketRule = { limit: 50, windowMs: 1000 };
const DEFAULT_WRITE_RULE: BucketRule = { limit: 10, windowMs: 10_000 };
export const GLOBAL_LIMIT_PER_SECOND = 50;

export interface RateLimitVerdict {
  headers: Record<string, string>;
  /** Set when the request is refused with 429. */
  limited?: { retryAfter: number; global: boolean; scope: 'user' | 'global' | 'shared' };
}

interface Window {
  count: number;
  resetAt: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private globalWindow: Window = { count: 0, resetAt: 0 };
  readonly counters = { limited: 0, globalLimited: 0 };

  constructor(public mode: RateLimitMode) {}

  /**
   * `majorKey` is the route's top-level resource (channel, guild or webhook id + token) that Discord
   * scopes buckets by. `global` says whether the request counts against the per-bot global limit.
   */
  check(
    method: string,
    template: string,
    majorKey: string,
    global: boolean,
    subLimit?: BucketRule,
  ): RateLimitVerdict {
    const rule = ruleFor(method, template);
    const bucket = bucketHash(method, template);
    const now = Date.now();
    if (this.mode === 'off') {
      return {
        headers: rateLimitHeaders(rule.limit, rule.limit - 1, now + rule.windowMs, now, bucket),
      };
    }
    if (global) {
      if (now >= this.globalWindow.resetAt) this.globalWindow = { count: 0, resetAt: now + 1000 };
      if (this.globalWindow.count >= GLOBAL_LIMIT_PER_SECOND) {
        this.counters.limited++;
        this.counters.globalLimited++;
        return {
          headers: {},
          limited: { retryAfter: (this.globalWindow.resetAt - now) / 1000, global: true, scope: 'global' },
        };
      }
    }
    const key = `${bucket}:${majorKey}`;
    const w = this.window(key, rule, now);
    if (w.count >= rule.limit) {
      this.counters.limited++;
      return {
        headers: rateLimitHeaders(rule.limit, 0, w.resetAt, now, bucket),
        limited: { retryAfter: (w.resetAt - now) / 1000, global: false, scope: 'user' },
      };
    }
    if (subLimit) {
      const sw = this.window(`${key}:sub`, subLimit, now);
      if (sw.count >= subLimit.limit) {
        this.counters.limited++;
        return {
          headers: rateLimitHeaders(rule.limit, rule.limit - w.count, w.resetAt, now, bucket),
          limited: { retryAfter: (sw.resetAt - now) / 1000, global: false, scope: 'shared' },
        };
      }
      sw.count++;
    }
    w.count++;
    if (global) this.globalWindow.count++;
    return { headers: rateLimitHeaders(rule.limit, rule.limit - w.count, w.resetAt, now, bucket) };
  }

  private window(key: string, rule: BucketRule, now: number): Window {
    let w = this.windows.get(key);
    if (!w || now >= w.resetAt) {
      w = { count: 0, resetAt: now + rule.windowMs };
      this.windows.set(key, w);
    }
    return w;
  }

  reset(): void {
    this.windows.clear();
    this.globalWindow = { count: 0, resetAt: 0 };
  }
}

function ruleFor(method: string, template: string): BucketRule {
  const found = ROUTE_RULES.find((r) => r.method === method && r.template === template);
  if (found) return found.rule;
  return method === 'GET' ? DEFAULT_READ_RULE : DEFAULT_WRITE_RULE;
}

export function bucketHash(method: string, template: string): string {
  return createHash('sha1').update(`${method} ${template}`).digest('hex').slice(0, 16);
}

export function rateLimitHeaders(
  limit: number,
  remaining: number,
  resetAt: number,
  now: number,
  bucket: string,
): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': String(Math.max(0, remaining)),
    'X-RateLimit-Reset': (resetAt / 1000).toFixed(3),
    'X-RateLimit-Reset-After': ((resetAt - now) / 1000).toFixed(3),
    'X-RateLimit-Bucket': bucket,
  };
}

/** Headers and body of a 429, as Discord sends them. */
export function tooManyRequests(
  retryAfter: number,
  global: boolean,
  scope: 'user' | 'global' | 'shared',
  base: Record<string, string>,
): { headers: Record<string, string>; body: unknown } {
  const headers: Record<string, string> = {
    ...base,
    'Retry-After': String(Math.max(1, Math.ceil(retryAfter))),
    'X-RateLimit-Scope': scope,
  };
  if (global) headers['X-RateLimit-Global'] = 'true';
  const body = {
    message: 'You are being rate limited.',
    retry_after: Math.round(retryAfter * 1000) / 1000,
    global,
    code: 0,
  };
  return { headers, body };
}

// ---------------------------------------------------------------- faults

export interface FaultSpec {
  /** HTTP method to match (any when left out). */
  method?: string;
  /** A RegExp tested against the path after /api/v10, or a template like '/channels/:id/messages'. */
  route: RegExp | string;
  /** Status to answer with (429, 500, 502, 503, ...). Ignored when `hang` is set. */
  status?: number;
  /** For 429: seconds in Retry-After / retry_after (default 1). */
  retryAfterSeconds?: number;
  /** For 429: a global rate limit (X-RateLimit-Global, scope "global"). */
  global?: boolean;
  /** For 429: X-RateLimit-Scope (default "user", or "global" with `global`). */
  scope?: 'user' | 'global' | 'shared';
  /** Never answer (the client's timeout fires). */
  hang?: boolean;
  /** How many matching requests the fault applies to (default: until removed). */
  times?: number;
}

export interface Fault {
  readonly id: number;
  readonly spec: FaultSpec;
  /** How many requests this fault has answered so far. */
  hits: number;
  remove(): void;
}

export class FaultInjector {
  private readonly faults: (Fault & { matcher: RegExp; remaining: number })[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const matcher = typeof spec.route === 'string' ? templateToRegExp(spec.route) : spec.route;
    const fault = {
      id: this.nextId++,
      spec,
      hits: 0,
      matcher,
      remaining: spec.times ?? Number.POSITIVE_INFINITY,
      remove: () => {
        const i = this.faults.indexOf(fault);
        if (i >= 0) this.faults.splice(i, 1);
      },
    };
    this.faults.push(fault);
    return fault;
  }

  clear(): void {
    this.faults.length = 0;
  }

  list(): {
    id: number;
    method?: string;
    route: string;
    status?: number;
    hang?: boolean;
    hits: number;
    remaining: number;
  }[] {
    return this.faults.map((f) => ({
      id: f.id,
      method: f.spec.method,
      route: String(f.spec.route),
      status: f.spec.status,
      hang: f.spec.hang,
      hits: f.hits,
      remaining: f.remaining,
    }));
  }

  remove(id: number): boolean {
    const f = this.faults.find((x) => x.id === id);
    f?.remove();
    return f !== undefined;
  }

  /** The fault that applies to this request, if any (consumes one of its `times`). */
  take(method: string, path: string): FaultSpec | undefined {
    const f = this.faults.find(
      (x) =>
        (!x.spec.method || x.spec.method.toUpperCase() === method) && x.matcher.test(path) && x.remaining > 0,
    );
    if (!f) return undefined;
    f.remaining--;
    f.hits++;
    if (f.remaining <= 0) f.remove();
    return f.spec;
  }
}

export function templateToRegExp(template: string): RegExp {
  const escaped = template
    .split('/')
    .map((part) =>
      part.startsWith(':') || /^\{.+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${escaped}$`);
}
