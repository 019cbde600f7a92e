// The HTTP surface of the router (mounted by the dashboard at /api/trpc). Callers are either a
// browser with the session cookie — mutations must then come from our own origin (CSRF) — or an
// internal tool with `Authorization: Bearer tb_…` (no cookie involved). Every actor is rate-limited.
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { Actor } from '../actor.js';
import { createContext } from '../context.js';
import type { DiscordPort } from '../discord/port.js';
import { defaultLogger, type Logger } from '../logger.js';
import { appRouter } from '../root.js';
import { actorForApiToken } from '../services/api-tokens.js';
import { TokenBucketLimiter } from './rate-limit.js';

export interface TrpcHttpOptions {
  endpoint: string;
  discord: DiscordPort;
  /** The dashboard's own origin, e.g. https://tickets.example.com. */
  allowedOrigin: string;
  /** Resolves the session cookie of a browser request to its user (the dashboard's auth module). */
  resolveSessionUser(request: Request): Promise<{ userId: string; sessionId: string } | null>;
  limiter?: TokenBucketLimiter;
  log?: Logger;
  now?: () => Date;
}

function jsonError(status: number, message: string, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ error: { message, code: status } }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** 120 requests of burst, refilled at 10 per second, per actor. */
export function defaultLimiter() {
  return new TokenBucketLimiter(120, 10);
}

export function createTrpcHttpHandler(options: TrpcHttpOptions) {
  const limiter = options.limiter ?? defaultLimiter();
  const log = options.log ?? defaultLogger;
  return async function handle(request: Request): Promise<Response> {
    let actor: Actor = { kind: 'anonymous' };
    const authorization = request.headers.get('authorization');
    if (authorization) {
      const match = /^Bearer (\S+)$/.exec(authorization);
      const tokenActor = match ? await actorForApiToken(match[1]!) : null;
      if (!tokenActor) return jsonError(401, 'Invalid or revoked API token.');
      actor = tokenActor;
    } else {
      const session = await options.resolveSessionUser(request);
      if (session) {
        // Cookies ride along on cross-site requests; only our own pages may change things with them.
        if (request.method !== 'GET' && request.method !== 'HEAD') {
          const origin = request.headers.get('origin');
          if (origin !== options.allowedOrigin) return jsonError(403, 'Cross-site request refused.');
        }
        actor = { kind: 'user', userId: session.userId, sessionId: session.sessionId };
      }
    }

    const key =
      actor.kind === 'api-token'
        ? `token:${actor.tokenId}`
        : actor.kind === 'user'
          ? `user:${actor.userId}`
          : `ip:${request.headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? 'unknown'}`;
    const wait = limiter.take(key);
    if (wait > 0)
      return jsonError(429, 'Too many requests. Please wait a moment and try again.', {
        'retry-after': String(wait),
      });

    return fetchRequestHandler({
      endpoint: options.endpoint,
      req: request,
      router: appRouter,
      createContext: () => createContext({ actor, discord: options.discord, log, now: options.now }),
      onError({ error, path, ctx }) {
        if (error.code === 'INTERNAL_SERVER_ERROR')
          log.error('http.procedure.failed', { path, requestId: ctx?.requestId });
      },
    });
  };
}
