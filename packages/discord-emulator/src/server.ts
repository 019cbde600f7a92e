// Wires state, REST, gateway, OAuth2, control API and sandbox into one loopback HTTP server.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { DiscordApiError, Errors } from './errors';
import { resolveApiPath } from './api-version';
import { Actions, type ControlDeps, handleControl, Inspect, type SeedInfo, seedInfo } from './control';
import { Gateway } from './gateway';
import { Interactions } from './interactions';
import type { UploadedFile } from './message-input';
import { OAuthServer } from './oauth';
import { OPENAPI_REPORT_ENV, writeTrafficReport } from './openapi/report-file';
import type { InvalidRequest, TrafficReport, ValidationMode } from './openapi/traffic';
import { OpenApiValidation } from './openapi/validation';
import {
  FaultInjector,
  type RateLimitMode,
  RateLimiter,
  CHANNEL_RENAME_RULE,
  tooManyRequests,
} from './ratelimit';
import { type Auth, matchRoute, type RestContext } from './rest';
import { demoSeed, parseSeed, type Seed } from './seed';
import { EmulatorState } from './state';
import { type WaitOptions, waitForCondition } from './wait';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** 'demo' (default) or a seed object. */
  seed?: 'demo' | Seed;
  rateLimits?: RateLimitMode;
  log?: (line: string) => void;
  /** Gateway heartbeat interval sent in HELLO (default 41250 ms, as Discord). */
  heartbeatIntervalMs?: number;
  /** How long the bot has for its first interaction callback (default 3000 ms, as Discord; 0 = no limit). */
  interactionResponseWindowMs?: number;
  /** Called after every REST exchange under /api (used by the conformance harness). */
  onExchange?: (exchange: RestExchange) => void;
  /**
   * Checks every REST request against Discord's OpenAPI description. 'enforce' (or true) answers an invalid
   * request with 400/50035 naming the failing fields and records it; 'record' only records; 'off' (or false,
   * the default) skips the check. See `emulator.openapi` and `assertConformingTraffic`.
   */
  validateRequests?: ValidationMode | boolean;
  /** The OpenAPI description to validate against (default: TICKETBYTE_DISCORD_OPENAPI or the repository's). */
  openapiPath?: string;
}

export interface RestExchange {
  method: string;
  /** Path after /api/v10 (or /api). */
  path: string;
  /** Matched route template (e.g. /channels/:channel_id/messages), null when no route matched. */
  template: string | null;
  query: string;
  status: number;
  requestContentType: string | null;
  requestBody: unknown;
  responseBody: unknown;
  responseHeaders: Record<string, string>;
}

export interface Emulator {
  readonly port: number;
  readonly baseUrl: string;
  readonly restUrl: string;
  readonly controlUrl: string;
  readonly sandboxUrl: string;
  readonly gatewayUrl: string;
  readonly oauthUrls: { authorize: string; token: string; revoke: string };
  /** Credentials and ids as they are now (bot, OAuth client, guilds with channels/roles/members, users). */
  readonly seed: SeedInfo;
  readonly state: EmulatorState;
  readonly actions: Actions;
  readonly inspect: Inspect;
  readonly faults: FaultInjector;
  readonly gateway: {
    dropConnections(): void;
    refuseNextResume(times?: number): void;
    requestReconnect(): void;
    readonly connectionCount: number;
    readonly counters: Gateway['counters'];
  };
  rateLimits: RateLimiter;
  /** OpenAPI request validation: which operations were called, and the requests that broke the description. */
  readonly openapi: {
    readonly mode: ValidationMode;
    report(): TrafficReport;
    /** Removes and returns the invalid requests recorded so far. */
    takeInvalidRequests(): InvalidRequest[];
    /** Forgets counts and invalid requests. */
    reset(): void;
  };
  /** Request counts per route (`METHOD /template`), status counts, gateway counters. */
  stats(): EmulatorStats;
  resetStats(): void;
  /** Polls `condition` on every state change until it is truthy. */
  waitFor<T>(
    condition: () => T | undefined | null | false | Promise<T | undefined | null | false>,
    opts?: WaitOptions,
  ): Promise<T>;
  close(): Promise<void>;
}

export interface EmulatorStats {
  requests: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  rateLimited: number;
  /** Of those, refused by the global limit. */
  globalRateLimited: number;
  gateway: Gateway['counters'] & { connected: number };
}

const SANDBOX_FILES: Record<string, { file: string; type: string }> = {
  '/sandbox': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/sandbox/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/sandbox/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/sandbox/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
};
const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self' http: https:; frame-ancestors 'none'";

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const log = options.log ?? (() => {});
  const parsed = parseSeed(options.seed === undefined || options.seed === 'demo' ? demoSeed : options.seed);
  const state = new EmulatorState(parsed);
  const interactions = new Interactions(state);
  if (options.interactionResponseWindowMs !== undefined)
    interactions.responseWindowMs = options.interactionResponseWindowMs;
  const oauth = new OAuthServer(state, parsed.oauth ?? null);
  const gateway = new Gateway(state, options.heartbeatIntervalMs ?? 41_250, log);
  const faults = new FaultInjector();
  const limiter = new RateLimiter(options.rateLimits ?? 'off');
  const validation = new OpenApiValidation(validationMode(options.validateRequests), options.openapiPath);
  const actions = new Actions(state, interactions, oauth);
  const inspect = new Inspect(state, interactions);
  const sockets = new Set<Socket>();
  const stats = {
    requests: 0,
    byRoute: {} as Record<string, number>,
    byStatus: {} as Record<string, number>,
  };

  const urls = { base: '', rest: '', control: '', sandbox: '', gateway: '' };
  const oauthUrls = () => ({
    authorize: `${urls.base}/oauth2/authorize`,
    token: `${urls.rest}/oauth2/token`,
    revoke: `${urls.rest}/oauth2/token/revoke`,
  });
  const statsView = (): EmulatorStats => ({
    requests: stats.requests,
    byRoute: { ...stats.byRoute },
    byStatus: { ...stats.byStatus },
    rateLimited: limiter.counters.limited,
    globalRateLimited: limiter.counters.globalLimited,
    gateway: { ...gateway.counters, connected: gateway.connectionCount },
  });
  const controlDeps: ControlDeps = {
    state,
    actions,
    inspect,
    faults,
    gateway,
    seed: () => seedInfo(state, parsed.oauth ?? null),
    stats: statsView,
    oauthUrls,
  };

  async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    apiPath: string,
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    const contentType = req.headers['content-type'] ?? null;
    let body: unknown;
    let files: UploadedFile[] = [];
    const exchange: RestExchange = {
      method,
      path: apiPath,
      template: null,
      query: url.search,
      status: 0,
      requestContentType: contentType,
      requestBody: undefined,
      responseBody: undefined,
      responseHeaders: {},
    };
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      exchange.status = status;
      exchange.responseBody = payload;
      exchange.responseHeaders = headers;
      stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
      res.statusCode = status;
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      if (status === 204 || payload === undefined) {
        res.end();
      } else {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify(payload));
      }
      options.onExchange?.(exchange);
    };
    stats.requests++;
    try {
      ({ body, files } = await parseBody(raw, contentType));
    } catch {
      return reply(400, { code: 50109, message: 'The request body contains invalid JSON.' });
    }
    exchange.requestBody = body;
    const match = matchRoute(method, apiPath);
    const invalid = validation.check({
      method,
      path: apiPath,
      query: url.searchParams,
      mediaType: mediaTypeOf(contentType),
      hasBody: raw.length > 0,
      body,
      routeTemplate: match && 'route' in match ? match.route.template : null,
    });
    if (!match) return reply(404, Errors.notFound().toJSON());
    if ('methodNotAllowed' in match) return reply(405, Errors.methodNotAllowed().toJSON());
    const { route, params } = match;
    exchange.template = route.template;
    const routeKey = `${method} ${route.template}`;
    stats.byRoute[routeKey] = (stats.byRoute[routeKey] ?? 0) + 1;
    // Discord's major parameters: each channel, guild, webhook and interaction has its own buckets.
    const bucketKey =
      params.channel_id ??
      params.guild_id ??
      (params.webhook_id ? `${params.webhook_id}/${params.webhook_token}` : undefined) ??
      (params.interaction_id ? `${params.interaction_id}/${params.interaction_token}` : '');

    const fault = faults.take(method, apiPath);
    if (fault) {
      log(`fault: ${method} ${apiPath} → ${fault.hang ? 'hang' : fault.status}`);
      if (fault.hang) return; // never answered; the socket is destroyed on close()
      const status = fault.status ?? 500;
      if (status === 429) {
        const global = fault.global ?? false;
        const scope = fault.scope ?? (global ? 'global' : 'user');
        const base = limiter.check(method, route.template, bucketKey, false).headers;
        const limited = tooManyRequests(fault.retryAfterSeconds ?? 1, global, scope, {
          ...base,
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset-After': String(fault.retryAfterSeconds ?? 1),
          'X-RateLimit-Reset': ((Date.now() + (fault.retryAfterSeconds ?? 1) * 1000) / 1000).toFixed(3),
        });
        if (global) {
          for (const k of Object.keys(limited.headers))
            if (k.startsWith('X-RateLimit-') && !/Global|Scope/.test(k)) delete limited.headers[k];
        }
        return reply(429, limited.body, limited.headers);
      }
      return reply(status, {
        message: `${status}: ${status >= 500 ? 'Internal Server Error' : 'Injected fault'}`,
        code: 0,
      });
    }

    let auth: Auth = { kind: 'none' };
    const header = req.headers.authorization ?? '';
    if (route.auth !== 'none') {
      if (header.startsWith('Bot ') && header.slice(4) === state.bot.token) auth = { kind: 'bot' };
      else if (header.startsWith('Bearer ')) {
        const grant = oauth.grant(header.slice(7));
        if (grant) auth = { kind: 'bearer', grant };
      }
      const allowed =
        (route.auth === 'bot' && auth.kind === 'bot') ||
        (route.auth === 'bearer' && auth.kind === 'bearer') ||
        (route.auth === 'any' && auth.kind !== 'none');
      if (!allowed) return reply(401, Errors.unauthorized().toJSON());
    }

    const renames =
      method === 'PATCH' &&
      route.template === '/channels/:channel_id' &&
      body !== null &&
      typeof body === 'object' &&
      ('name' in body || 'topic' in body);
    const countsGlobal = route.global && auth.kind === 'bot';
    const verdict = limiter.check(
      method,
      route.template,
      bucketKey,
      countsGlobal,
      renames ? CHANNEL_RENAME_RULE : undefined,
    );
    if (verdict.limited) {
      const { retryAfter, global, scope } = verdict.limited;
      const limited = tooManyRequests(retryAfter, global, scope, verdict.headers);
      return reply(429, limited.body, limited.headers);
    }

    // Discord validates the form after authentication and rate limits, before the route's own checks.
    if (invalid) return reply(invalid.status, invalid.toJSON(), verdict.headers);

    const ctx: RestContext = {
      state,
      interactions,
      oauth,
      gatewayUrl: urls.gateway,
      method,
      path: apiPath,
      params,
      query: url.searchParams,
      body,
      files,
      headers: req.headers,
      auth,
    };
    try {
      const result = await route.handler(ctx);
      return reply(result.status, result.body, verdict.headers);
    } catch (error) {
      if (error instanceof DiscordApiError) return reply(error.status, error.toJSON(), verdict.headers);
      log(`error: ${method} ${apiPath}: ${error instanceof Error ? error.stack : String(error)}`);
      return reply(500, { message: '500: Internal Server Error', code: 0 });
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', urls.base || 'http://127.0.0.1');
    const path = url.pathname;
    // The authorize page is a browser page (Discord serves it with and without /api).
    const authorizePage = path === '/oauth2/authorize' || /^\/api(\/v\d+)?\/oauth2\/authorize$/.test(path);
    const api = authorizePage ? null : resolveApiPath(path);
    if (api) {
      if (!api.served) {
        validation.traffic.recordRefused(req.method ?? 'GET', path, 'INVALID_API_VERSION', api.body.message);
        stats.requests++;
        stats.byStatus[api.status] = (stats.byStatus[api.status] ?? 0) + 1;
        return sendJson(res, api.status, api.body);
      }
      return handleApi(req, res, url, api.path);
    }
    if (path === '/control' || path.startsWith('/control/')) {
      const raw = await readBody(req);
      let body: unknown = {};
      try {
        body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : {};
      } catch {
        return sendJson(res, 400, { error: 'Invalid JSON' });
      }
      res.setHeader('Access-Control-Allow-Origin', '*');
      const result = await handleControl(
        controlDeps,
        req.method ?? 'GET',
        path.slice('/control'.length),
        url.searchParams,
        body,
      );
      return sendJson(res, result.status, result.body, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
    }
    if (authorizePage) {
      const result =
        req.method === 'POST'
          ? oauth.decide(new URLSearchParams((await readBody(req)).toString('utf8')))
          : oauth.authorizePage(url.searchParams);
      if ('location' in result) {
        res.writeHead(302, { Location: result.location });
        return void res.end();
      }
      res.writeHead(result.status, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': CSP,
      });
      return void res.end(result.html);
    }
    const sandbox = SANDBOX_FILES[path];
    if (sandbox) {
      res.writeHead(200, {
        'Content-Type': sandbox.type,
        'Content-Security-Policy': CSP,
        'Cache-Control': 'no-store',
      });
      return void res.end(readFileSync(new URL(`./sandbox/${sandbox.file}`, import.meta.url)));
    }
    if (path.startsWith('/attachments/')) {
      const file = state.files.get(path);
      if (!file) return sendJson(res, 404, { message: '404: Not Found', code: 0 });
      res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.data.byteLength });
      return void res.end(file.data);
    }
    if (path === '/') {
      res.writeHead(302, { Location: '/sandbox' });
      return void res.end();
    }
    sendJson(res, 404, { message: '404: Not Found', code: 0 });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      log(`error: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { message: '500: Internal Server Error', code: 0 });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/gateway' || path === '/gateway/') gateway.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  urls.base = `http://127.0.0.1:${port}`;
  urls.rest = `${urls.base}/api`;
  urls.control = `${urls.base}/control`;
  urls.sandbox = `${urls.base}/sandbox`;
  urls.gateway = `ws://127.0.0.1:${port}/gateway`;
  state.baseUrl = urls.base;
  gateway.url = urls.gateway;
  log(`emulator listening on ${urls.base}`);

  let closed: Promise<void> | null = null;
  return {
    port,
    baseUrl: urls.base,
    restUrl: urls.rest,
    controlUrl: urls.control,
    sandboxUrl: urls.sandbox,
    gatewayUrl: urls.gateway,
    oauthUrls: oauthUrls(),
    get seed() {
      return controlDeps.seed();
    },
    state,
    actions,
    inspect,
    faults,
    gateway: {
      dropConnections: () => gateway.dropConnections(),
      refuseNextResume: (times?: number) => gateway.refuseNextResume(times),
      requestReconnect: () => gateway.requestReconnect(),
      get connectionCount() {
        return gateway.connectionCount;
      },
      counters: gateway.counters,
    },
    rateLimits: limiter,
    openapi: {
      mode: validation.mode,
      report: () => validation.report(),
      takeInvalidRequests: () => validation.traffic.takeInvalid(),
      reset: () => validation.traffic.reset(),
    },
    stats: statsView,
    resetStats() {
      stats.requests = 0;
      stats.byRoute = {};
      stats.byStatus = {};
      limiter.counters.limited = 0;
      limiter.counters.globalLimited = 0;
    },
    waitFor: (condition, opts) => waitForCondition(state, condition, opts),
    close() {
      closed ??= (async () => {
        await gateway.close();
        const reportDir = process.env[OPENAPI_REPORT_ENV];
        if (reportDir && validation.mode !== 'off') writeTrafficReport(validation.report(), reportDir);
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
          for (const s of sockets) s.destroy();
        });
        log('emulator closed');
      })();
      return closed;
    },
  };
}

function validationMode(option: EmulatorOptions['validateRequests']): ValidationMode {
  if (option === true) return 'enforce';
  if (option === false || option === undefined) return 'off';
  return option;
}

function mediaTypeOf(contentType: string | null): string | null {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  return type ? type : null;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function parseBody(
  raw: Buffer,
  contentType: string | null,
): Promise<{ body: unknown; files: UploadedFile[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    return { body: new URLSearchParams(raw.toString('utf8')), files: [] };
  }
  if (type === 'multipart/form-data') {
    const form = await new Request('http://127.0.0.1/', {
      method: 'POST',
      headers: { 'content-type': contentType ?? '' },
      body: raw,
    }).formData();
    let body: unknown = {};
    const files: UploadedFile[] = [];
    let nextIndex = 0;
    for (const [field, value] of form.entries()) {
      if (field === 'payload_json' && typeof value === 'string') {
        body = JSON.parse(value);
        continue;
      }
      if (typeof value === 'string') {
        (body as Record<string, unknown>)[field] = value;
        continue;
      }
      const m = /^files\[(\d+)\]$/.exec(field) ?? /^file(\d*)$/.exec(field);
      const index = m?.[1] ? Number(m[1]) : nextIndex;
      nextIndex = Math.max(nextIndex, index + 1);
      files.push({
        field,
        index,
        name: (value as File).name || `file${index}`,
        contentType: (value as File).type || 'application/octet-stream',
        data: new Uint8Array(await (value as File).arrayBuffer()),
      });
    }
    return { body, files };
  }
  return { body: JSON.parse(raw.toString('utf8')), files: [] };
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  replacer?: (key: string, value: unknown) => unknown,
): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body, replacer));
}
