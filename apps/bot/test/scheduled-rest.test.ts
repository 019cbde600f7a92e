// The bot's REST client against the emulator with Discord's realistic limits: requests go out in
// priority order, never past the global limit or a route's bucket, so Discord answers no 429.
import { createRestDiscordPort } from '@ticketbyte/api';
import {
  assertConformingTraffic,
  DEMO,
  type Emulator,
  startEmulator,
  TICKETBYTE_BOT_PERMISSIONS,
} from '@ticketbyte/discord-emulator';
import { Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKGROUND_AGING_MS, bucketKey, ScheduledRest, SendPacer } from '../src/lib/scheduled-rest.js';

const GUILD = '1480000000000000000';
const channelId = (n: number) => `14800000000000${String(n).padStart(5, '0')}`;

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, seed: 'demo', rateLimits: 'realistic', validateRequests: 'enforce' });
  emu.actions.createGuild({
    id: GUILD,
    name: 'Scheduling',
    ownerId: DEMO.users.admin,
    members: [{ userId: DEMO.users.admin }],
    bot: { permissions: TICKETBYTE_BOT_PERMISSIONS },
    channels: Array.from({ length: 70 }, (_, n) => ({
      id: channelId(n + 1),
      name: `c${n + 1}`,
      type: 'text' as const,
    })),
  });
});
afterAll(async () => {
  await emu.close();
  assertConformingTraffic(emu);
});

/** A ScheduledRest on the emulator that notes the path and time of every request it sends. */
function scheduledRest(options: { globalRequestsPerSecond?: number } = {}) {
  const sent: Array<{ path: string; at: number }> = [];
  const rest = new ScheduledRest({
    api: emu.restUrl,
    ...options,
    makeRequest: (url, init) => {
      sent.push({ path: new URL(url).pathname.replace(/^\/api\/v\d+/, ''), at: Date.now() });
      return fetch(url, init as RequestInit) as never;
    },
  }).setToken(DEMO.botToken);
  return { rest, sent };
}

/** A message posted through the router's Discord port, as log-channel posts (`background`) are. */
const post = (rest: ScheduledRest, n: number, background = false) =>
  createRestDiscordPort(rest).sendMessage(channelId(n), { content: `message ${n}` }, undefined, {
    background,
  });

describe('the bot’s REST scheduling', () => {
  it('keeps to 50 requests a second and sends background requests after the others', async () => {
    emu.resetStats();
    const { rest, sent } = scheduledRest();
    // Queued together: a background post first, then 55 ordinary ones to other channels.
    await Promise.all([post(rest, 1, true), ...Array.from({ length: 55 }, (_, i) => post(rest, i + 2))]);

    expect(emu.stats().rateLimited).toBe(0);
    expect(sent).toHaveLength(56);
    // The first window takes 50 ordinary posts; the background one waits for the next.
    const backgroundAt = sent.findIndex((s) => s.path === Routes.channelMessages(channelId(1)));
    expect(backgroundAt).toBeGreaterThanOrEqual(50);
    expect(sent[50]!.at - sent[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('sends one request on a route it has no limits for yet, then only what the bucket allows', async () => {
    emu.resetStats();
    const { rest, sent } = scheduledRest();
    // Channel creation allows 5 per 5 s per guild; @discordjs/rest alone overshot it here (429s).
    const created = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        rest.post(Routes.guildChannels(GUILD), { body: { name: `new-${i}`, type: 0 } }),
      ),
    );
    expect(created).toHaveLength(7);
    expect(emu.stats().rateLimited).toBe(0);
    expect(sent[5]!.at - sent[0]!.at).toBeGreaterThanOrEqual(4500);
  }, 20_000);

  it('serves a background request that has waited too long before newer ordinary ones', async () => {
    emu.resetStats();
    // 2 requests a second, so 13 posts take 7 windows and aging comes into play.
    const { rest, sent } = scheduledRest({ globalRequestsPerSecond: 2 });
    await Promise.all([post(rest, 60, true), ...Array.from({ length: 12 }, (_, i) => post(rest, i + 40))]);
    const backgroundAt = sent.findIndex((s) => s.path === Routes.channelMessages(channelId(60)));
    // Without aging it would be last (index 12); after BACKGROUND_AGING_MS it goes first in its window.
    expect(backgroundAt).toBeLessThan(12);
    expect(sent[backgroundAt]!.at - sent[0]!.at).toBeGreaterThanOrEqual(BACKGROUND_AGING_MS - 100);
  }, 20_000);
});

describe('its parts', () => {
  it('the pacer sends a request only a window after the one `limit` places before it was answered', async () => {
    const pacer = new SendPacer(3, 200);
    const started = Date.now();
    const sentAt: number[] = [];
    const answeredAt: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, async (_, i) => {
        const answered = await pacer.slot();
        sentAt[i] = Date.now() - started;
        // The first answer is slow: nothing may be sent until a window after it.
        await new Promise((r) => setTimeout(r, i === 0 ? 100 : 10));
        answeredAt[i] = Date.now() - started;
        answered();
      }),
    );
    for (let i = 3; i < 7; i++) expect(sentAt[i]! - answeredAt[i - 3]!).toBeGreaterThanOrEqual(199);
    expect(sentAt[3]!).toBeGreaterThanOrEqual(299);
  });

  it('buckets are per route and per major parameter, as Discord scopes them', () => {
    const a = bucketKey('POST', `/channels/${channelId(1)}/messages`);
    expect(a).toBe(bucketKey('POST', `/channels/${channelId(1)}/messages`));
    expect(a).not.toBe(bucketKey('POST', `/channels/${channelId(2)}/messages`));
    expect(bucketKey('PATCH', `/channels/${channelId(1)}/messages/${channelId(9)}`)).toBe(
      bucketKey('PATCH', `/channels/${channelId(1)}/messages/${channelId(8)}`),
    );
    expect(bucketKey('PATCH', `/webhooks/${channelId(1)}/tokenA/messages/@original`)).not.toBe(
      bucketKey('PATCH', `/webhooks/${channelId(1)}/tokenB/messages/@original`),
    );
  });
});
