// The /api/trpc handler: bearer tokens for tools, the session cookie for browsers (with a
// same-origin check on mutations), and a per-actor rate limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrpcHttpHandler } from '../src/http/handler.js';
import { TokenBucketLimiter } from '../src/http/rate-limit.js';
import { createApiToken } from '../src/services/api-tokens.js';
import { DEMO, type Harness, setUpDemoGuild, startHarness } from './harness.js';

let h: Harness;
const G = DEMO.guildId;
const ORIGIN = 'https://dashboard.example';

beforeAll(async () => {
  h = await startHarness();
  await setUpDemoGuild(h);
});
afterAll(() => h.stop());

function handler(limiter = new TokenBucketLimiter(100, 10)) {
  return createTrpcHttpHandler({
    endpoint: '/api/trpc',
    discord: h.discord,
    allowedOrigin: ORIGIN,
    limiter,
    log: h.logs,
    // Stands in for the dashboard's session lookup: this cookie value belongs to the admin.
    resolveSessionUser: async (request) =>
      request.headers.get('cookie') === '__Host-tb_session=admin-session'
        ? { userId: DEMO.users.admin, sessionId: 's1' }
        : null,
  });
}

const query = (path: string, input: unknown, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, {
    headers,
  });
const mutation = (path: string, input: unknown, headers: Record<string, string> = {}) =>
  new Request(`${ORIGIN}/api/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ json: input }),
  });

// biome-ignore lint/suspicious/noExplicitAny: the raw tRPC wire format, read by path in assertions
const wire = (res: Response): Promise<any> => res.json();

describe('/api/trpc', () => {
  it('accepts a bearer API token with the right scope, and records its use', async () => {
    const { token } = await createApiToken({
      name: 'reports',
      scopes: ['tickets:read'],
      guildIds: [G],
      createdById: 'test',
    });
    const res = await handler()(query('ticket.list', { guildId: G }, { authorization: `Bearer ${token}` }));
    expect(res.status).toBe(200);
    expect((await wire(res)).result.data.json).toMatchObject({ items: [], nextCursor: null });
    const denied = await handler()(
      mutation('config.update', { guildId: G, prefix: '?' }, { authorization: `Bearer ${token}` }),
    );
    expect(denied.status).toBe(403);
  });

  it('rejects an unknown token with 401', async () => {
    const res = await handler()(
      query('ticket.list', { guildId: G }, { authorization: 'Bearer tb_notarealtokenatallxxxxxxxx' }),
    );
    expect(res.status).toBe(401);
  });

  it('lets anonymous callers reach health only', async () => {
    expect((await handler()(query('health', undefined))).status).toBe(200);
    expect((await handler()(query('ticket.list', { guildId: G }))).status).toBe(401);
  });

  it('rejects a cookie-authenticated mutation from a foreign Origin, accepts it from our own', async () => {
    const cookie = { cookie: '__Host-tb_session=admin-session' };
    const foreign = await handler()(
      mutation('config.update', { guildId: G, prefix: '?' }, { ...cookie, origin: 'https://evil.example' }),
    );
    expect(foreign.status).toBe(403);
    const missing = await handler()(mutation('config.update', { guildId: G, prefix: '?' }, cookie));
    expect(missing.status).toBe(403);
    const own = await handler()(
      mutation('config.update', { guildId: G, prefix: '?' }, { ...cookie, origin: ORIGIN }),
    );
    expect(own.status).toBe(200);
    expect((await wire(own)).result.data.json.settings.prefix).toBe('?');
  });

  it('answers BAD_REQUEST with field paths for invalid input', async () => {
    const res = await handler()(
      mutation(
        'config.update',
        { guildId: G, maxOpenTicketsPerUser: 0 },
        { cookie: '__Host-tb_session=admin-session', origin: ORIGIN },
      ),
    );
    expect(res.status).toBe(400);
    const body = await wire(res);
    expect(body.error.json.data.fieldErrors).toEqual([
      expect.objectContaining({ path: 'maxOpenTicketsPerUser' }),
    ]);
    expect(body.error.json.message).toMatch(/maxOpenTicketsPerUser/);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('returns 429 past the per-actor rate limit', async () => {
    const limited = handler(new TokenBucketLimiter(3, 0.01));
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await limited(query('health', undefined))).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const res = await limited(query('health', undefined));
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
