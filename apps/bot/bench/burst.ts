// A burst of 200 ticket opens across 20 guilds (10 members each) against the emulator's realistic
// rate limits: every interaction acknowledged within 3 s, every ticket created, no error shown,
// and the total time compared with the floor Discord's limits allow.
//
// The floor: each open makes 2 rate-limited REST calls (create the channel, post the welcome
// message), and its log entry goes out in a log-channel message that carries up to 10 entries
// (entries that queue while a post waits are merged); the bot's user id is fetched once;
// interaction callbacks and follow-ups are exempt from the global limit. The calls the run
// actually made (channels + welcome messages + log posts: 400 + at least 20, at most 600) under
// Discord's documented global limit of 50 requests/s need at least ceil(calls / 50) - 1 seconds
// after the first window. Per guild, 10 channel creations at 5 per 5 s need 5 s plus one welcome
// message, which the global floor already exceeds.
// BURST_DEBUG=1 adds, second by second, the channel creations, welcome messages, log posts and
// answers, and each guild's creations and log posts.
// Run: pnpm --filter @ticketbyte/bot bench:burst
import { createCaller, createContext, createRestDiscordPort } from '@ticketbyte/api';
import { REST } from '@discordjs/rest';
import { SnowflakeUtil } from 'discord.js';
import { type InteractionHandle, TICKETBYTE_BOT_PERMISSIONS } from '@ticketbyte/discord-emulator';
import { DEMO, percentile, sleep, startBotProcess, startWorld } from './support.js';

const GUILDS = 20;
const PER_GUILD = 10;
const GLOBAL_PER_SECOND = 50;

const world = await startWorld({ rateLimits: process.env.BURST_RATE_LIMITS === 'off' ? 'off' : 'realistic' });
const { emu } = world;
// Each interaction callback has its own bucket (its interaction is the major parameter), as on Discord.
try {
  const members = Array.from({ length: PER_GUILD }, (_, i) => {
    const id = `14200000000000${String(i).padStart(5, '0')}`;
    emu.actions.createUser({ id, username: `burst${i}` });
    return id;
  });
  const guilds = Array.from({ length: GUILDS }, (_, g) => {
    const id = `143000000000${String(g).padStart(5, '0')}00`;
    const input = {
      id,
      name: `Burst ${g}`,
      ownerId: members[0]!,
      members: members.map((userId) => ({ userId })),
      bot: { permissions: TICKETBYTE_BOT_PERMISSIONS },
      channels: [
        { id: `${id.slice(0, -2)}01`, name: 'support', type: 'text' as const },
        { id: `${id.slice(0, -2)}02`, name: 'Tickets', type: 'category' as const },
        { id: `${id.slice(0, -2)}03`, name: 'ticket-logs', type: 'text' as const },
      ],
    };
    emu.actions.createGuild(input);
    return {
      id,
      support: `${id.slice(0, -2)}01`,
      category: `${id.slice(0, -2)}02`,
      logs: `${id.slice(0, -2)}03`,
    };
  });

  // Configure each guild through the router as the system (what /setup does), before the burst.
  const rest = new REST({ api: emu.restUrl }).setToken(DEMO.botToken);
  const system = createCaller(
    createContext({ actor: { kind: 'system' }, discord: createRestDiscordPort(rest) }),
  );
  for (const g of guilds) {
    await system.config.setup({ guildId: g.id, ticketParentChannelId: g.category, logChannelId: g.logs });
  }

  const bot = await startBotProcess(emu, world.db);
  console.log(bot.readyLine);
  await sleep(6_000); // let every bucket refill
  emu.resetStats();
  try {
    const started = Date.now();
    const handles: InteractionHandle[] = [];
    for (const g of guilds) {
      for (const userId of members) {
        handles.push(
          await emu.actions.slashCommand({
            guildId: g.id,
            channelId: g.support,
            userId,
            name: 'ticket',
            subcommand: 'open',
            options: {},
          }),
        );
      }
    }
    const firsts = await Promise.all(handles.map((h) => h.waitForResponse({ timeoutMs: 30_000 })));
    const acks = firsts.map((r, i) => r.at - handles[i]!.createdAt);
    const finals = await Promise.all(
      handles.map((h) => h.waitForOriginal(undefined, { timeoutMs: 300_000 })),
    );
    // Done when every member has their answer and every log entry is posted (log posts are
    // background work after the answer, and they count against the same limits).
    const logged = await emu.waitFor(
      () => {
        const posts = guilds.flatMap((g) => emu.inspect.messages(g.logs));
        const entries = posts.reduce((n, m) => n + m.embeds.length, 0);
        return entries >= GUILDS * PER_GUILD ? posts : null;
      },
      { timeoutMs: 120_000 },
    );
    const total =
      (Math.max(
        ...finals.map((m) => Date.parse(m.edited_timestamp ?? m.timestamp)),
        ...logged.map((m) => Date.parse(m.timestamp)),
      ) -
        started) /
      1000;
    const errors = finals.filter((m) => !m.content.startsWith('Your ticket is open')).length;
    const ticketChannels = guilds.flatMap((g) =>
      emu.inspect.channels(g.id).filter((c) => /^ticket-\d+$/.test(c.name ?? '')),
    );
    const channels = ticketChannels.length;
    const calls = channels + channels + logged.length;
    const floor = Math.ceil(calls / GLOBAL_PER_SECOND) - 1;
    const stats = emu.stats();
    console.log(`opens: ${handles.length}, ticket channels created: ${channels}, errors shown: ${errors}`);
    console.log(
      `acknowledged: p50 ${percentile(acks, 50)} ms, p99 ${percentile(acks, 99)} ms, max ${Math.max(...acks)} ms, over 3 s: ${acks.filter((a) => a > 3000).length}`,
    );
    console.log(
      `total: ${total.toFixed(1)} s; floor ${floor} s (${calls} rate-limited calls at ${GLOBAL_PER_SECOND}/s: ${channels} channels, ${channels} welcome messages, ${logged.length} log posts); ratio ${(total / floor).toFixed(2)}`,
    );
    console.log(
      `REST requests: ${stats.requests}, answered 429: ${stats.rateLimited} (global: ${stats.globalRateLimited})`,
    );
    // When the rate-limited calls happened, second by second (from the snowflakes' timestamps).
    const at = {
      creates: ticketChannels.map((c) => Number(SnowflakeUtil.timestampFrom(c.id))),
      welcomes: ticketChannels.flatMap((c) =>
        emu.inspect
          .messages(c.id)
          .slice(0, 1)
          .map((m) => Date.parse(m.timestamp)),
      ),
      logs: logged.map((m) => Date.parse(m.timestamp)),
      answers: finals.map((m) => Date.parse(m.edited_timestamp ?? m.timestamp)),
    };
    const perSecond = (times: number[]) => {
      const counts = new Array(Math.ceil(total) + 1).fill(0);
      for (const t of times) counts[Math.floor((t - started) / 1000)]++;
      return counts.join(' ');
    };
    console.log(`rate-limited calls per second: ${perSecond([...at.creates, ...at.welcomes, ...at.logs])}`);
    if (process.env.BURST_DEBUG) {
      for (const [kind, times] of Object.entries(at)) {
        console.log(`${kind.padEnd(8)} per second: ${perSecond(times)}`);
      }
      for (const g of guilds) {
        const chans = emu.inspect.channels(g.id).filter((c) => /^ticket-\d+$/.test(c.name ?? ''));
        const rel = (t: number) => ((t - started) / 1000).toFixed(1);
        const creates = chans.map((c) => Number(SnowflakeUtil.timestampFrom(c.id))).sort((a, b) => a - b);
        const logs = emu.inspect
          .messages(g.logs)
          .map((m) => `${rel(Date.parse(m.timestamp))}×${m.embeds.length}`);
        console.log(`${g.id.slice(-4)} creates ${creates.map(rel).join(' ')} | logs ${logs.join(' ')}`);
      }
    }
    console.log(JSON.stringify(stats.byRoute, null, 1));
  } finally {
    await bot.stop();
  }
} finally {
  await world.stop();
}
