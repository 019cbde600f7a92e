// Fault injection seen through @discordjs/rest: it must honour 429 Retry-After (route and global), retry
// 5xx as documented, and time out hung requests — which validates the emulator's headers.
import { DiscordAPIError, HTTPError, REST } from '@discordjs/rest';
import { Routes } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type Emulator } from '../src/index';
import { startTestEmulator } from './support/emulator';

let emu: Emulator;
const send = (rest: REST, content: string) =>
  rest.post(Routes.channelMessages(DEMO.channels.general), { body: { content } });

beforeAll(async () => {
  emu = await startTestEmulator({ seed: 'demo' });
});
afterEach(() => {
  emu.faults.clear();
  emu.resetStats();
});
afterAll(() => emu?.close());

function newRest(options: ConstructorParameters<typeof REST>[0] = {}) {
  return new REST({ api: emu.restUrl, ...options }).setToken(emu.seed.bot.token);
}

describe('429 handling', () => {
  it('sends Retry-After and X-RateLimit-* headers that @discordjs/rest honours (route limit)', async () => {
    emu.faults.add({
      method: 'POST',
      route: '/channels/:id/messages',
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });
    const raw = await fetch(`${emu.restUrl}/v10/channels/${DEMO.channels.general}/messages`, {
      method: 'POST',
      headers: { Authorization: `Bot ${emu.seed.bot.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ content: 'raw' }),
    });
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toBe('1');
    expect(raw.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(raw.headers.get('x-ratelimit-scope')).toBe('user');
    expect(raw.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]+$/);
    expect(Number(raw.headers.get('x-ratelimit-reset-after'))).toBe(1);
    expect(Number(raw.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(await raw.json()).toMatchObject({
      message: 'You are being rate limited.',
      retry_after: 1,
      global: false,
    });

    emu.faults.add({
      method: 'POST',
      route: '/channels/:id/messages',
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });
    const started = Date.now();
    await send(newRest(), 'after 429');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(emu.stats().byRoute['POST /channels/:channel_id/messages']).toBe(3);
  });

  it('marks a global limit with X-RateLimit-Global and waits before any route', async () => {
    emu.faults.add({
      route: /\/channels\/\d+\/messages$/,
      status: 429,
      global: true,
      retryAfterSeconds: 1,
      times: 1,
    });
    const raw = await fetch(`${emu.restUrl}/v10/channels/${DEMO.channels.general}/messages`, {
      headers: { Authorization: `Bot ${emu.seed.bot.token}` },
    });
    expect(raw.headers.get('x-ratelimit-global')).toBe('true');
    expect(raw.headers.get('x-ratelimit-scope')).toBe('global');
    emu.faults.add({
      route: /\/channels\/\d+\/messages$/,
      status: 429,
      global: true,
      retryAfterSeconds: 1,
      times: 1,
    });
    const rest = newRest();
    const started = Date.now();
    await send(rest, 'after global 429');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });
});

describe('5xx and hangs', () => {
  it('retries 5xx (default 3 retries) and succeeds when the fault clears', async () => {
    const fault = emu.faults.add({ method: 'POST', route: '/channels/:id/messages', status: 502, times: 2 });
    const message = (await send(newRest(), 'after 502')) as { content: string };
    expect(message.content).toBe('after 502');
    expect(fault.hits).toBe(2);
  });

  it('gives up after its retries with an HTTPError', async () => {
    emu.faults.add({ method: 'POST', route: '/channels/:id/messages', status: 500 });
    const error = await send(newRest({ retries: 2 }), 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HTTPError);
    expect((error as HTTPError).status).toBe(500);
    expect(emu.stats().byRoute['POST /channels/:channel_id/messages']).toBe(3);
  });

  it('hangs a route until the client times out, then answers the retry', async () => {
    emu.faults.add({ method: 'GET', route: /\/guilds\/\d+\/channels$/, hang: true, times: 1 });
    const started = Date.now();
    const channels = (await newRest({ timeout: 300 }).get(Routes.guildChannels(DEMO.guildId))) as unknown[];
    expect(channels.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('leaves Discord errors (4xx) to the caller without retrying', async () => {
    emu.faults.add({ method: 'POST', route: '/channels/:id/messages', status: 403, times: 1 });
    const error = await send(newRest(), 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(emu.stats().byRoute['POST /channels/:channel_id/messages']).toBe(1);
  });
});

describe('realistic rate limits', () => {
  it('enforces per-route buckets that @discordjs/rest then respects', async () => {
    const realistic = await startTestEmulator({ seed: 'demo', rateLimits: 'realistic' });
    try {
      const rest = new REST({ api: realistic.restUrl }).setToken(realistic.seed.bot.token);
      const started = Date.now();
      await Promise.all(Array.from({ length: 7 }, (_, i) => send(rest, `burst ${i}`)));
      // 5 per 5 s per channel: the last two wait for the bucket to reset.
      expect(Date.now() - started).toBeGreaterThanOrEqual(4500);
      expect(realistic.inspect.messages(DEMO.channels.general)).toHaveLength(7);
    } finally {
      await realistic.close();
    }
  });

  it('refuses raw bursts beyond the bucket and the global 50/s with 429', async () => {
    const realistic = await startTestEmulator({ seed: 'demo', rateLimits: 'realistic' });
    try {
      const headers = {
        Authorization: `Bot ${realistic.seed.bot.token}`,
        'Content-Type': 'application/json',
      };
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await fetch(`${realistic.restUrl}/v10/channels/${DEMO.channels.general}/messages`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ content: `raw ${i}` }),
        });
        statuses.push(res.status);
        if (res.status === 429) {
          expect(res.headers.get('x-ratelimit-scope')).toBe('user');
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
        }
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const reads = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          fetch(`${realistic.restUrl}/v10/users/${i % 2 ? DEMO.users.alice : DEMO.users.bob}`, { headers }),
        ),
      );
      const limited = reads.filter((r) => r.status === 429);
      expect(limited.length).toBeGreaterThan(0);
      expect(limited.some((r) => r.headers.get('x-ratelimit-global') === 'true')).toBe(true);
      await Promise.all(reads.map((r) => r.arrayBuffer()));
    } finally {
      await realistic.close();
    }
  });
});
