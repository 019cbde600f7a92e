// Memory: the bot's RSS after connecting to 1,000 guilds of 100 members each (GUILD_CREATE with
// members, as with the GuildMembers intent), and after 10,000 messages in ticket channels — with
// TicketByte's cache settings and with discord.js's defaults, side by side in the same run.
// Run: pnpm --filter @ticketbyte/bot bench:memory
import { REST } from '@discordjs/rest';
import { createCaller, createContext, createRestDiscordPort } from '@ticketbyte/api';
import { Guild, TranscriptMessage } from '@ticketbyte/db';
import { TICKETBYTE_BOT_PERMISSIONS } from '@ticketbyte/discord-emulator';
import { DEMO, sleep, startBotProcess, startWorld } from './support.js';

/**
 * Polls the database (the emulator's waitFor only wakes on emulator state changes), with
 * estimatedDocumentCount: a full count reads every stored message on FerretDB, and polling it once
 * a second kept the server busier than the bot did (2 s per count at 4,600 messages).
 */
async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(1000);
  }
  return false;
}

const GUILDS = Number(process.env.BENCH_GUILDS ?? 1000);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100);
const CACHES = (process.env.BENCH_CACHES ?? 'bounded,default').split(',') as Array<'bounded' | 'default'>;
const TICKET_GUILDS = 10;
const TICKETS_PER_GUILD = 10;
const MESSAGES = 10_000;

const world = await startWorld({ rateLimits: 'off' });
const { emu } = world;
const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(8, '0')}`;

try {
  console.log(`seeding ${GUILDS} guilds × ${MEMBERS} members…`);
  const guilds: Array<{ id: string; text: string; members: string[] }> = [];
  for (let g = 0; g < GUILDS; g++) {
    const members = Array.from({ length: MEMBERS }, (_, m) => {
      const userId = id('15000000000', g * MEMBERS + m);
      emu.actions.createUser({ id: userId, username: `u${g}_${m}` });
      return userId;
    });
    const guildId = id('16000000000', g);
    const text = id('17000000000', g);
    const input = {
      id: guildId,
      name: `Guild ${g}`,
      ownerId: members[0]!,
      members: members.map((userId) => ({ userId })),
      bot: { permissions: TICKETBYTE_BOT_PERMISSIONS },
      channels: [{ id: text, name: 'general', type: 'text' as const }],
    };
    emu.actions.createGuild(input);
    guilds.push({ id: guildId, text, members });
  }

  // Ticket channels to talk in: 10 guilds with transcripts on, 10 tickets each.
  const rest = new REST({ api: emu.restUrl }).setToken(DEMO.botToken);
  const system = createCaller(
    createContext({ actor: { kind: 'system' }, discord: createRestDiscordPort(rest) }),
  );
  const tickets: Array<{ channelId: string; openerId: string }> = [];
  for (const g of guilds.slice(0, TICKET_GUILDS)) {
    await system.config.setup({ guildId: g.id, transcriptsEnabled: true });
    for (let t = 0; t < TICKETS_PER_GUILD; t++) {
      const { ticket } = await system.ticket.open({
        guildId: g.id,
        openerId: g.members[t + 1]!,
        openKey: `mem-${g.id}-${t}`,
      });
      tickets.push({ channelId: ticket.channelId!, openerId: ticket.openerId });
    }
  }

  const rows: string[] = [];
  for (const cache of CACHES) {
    const bot = await startBotProcess(emu, world.db, {
      TICKETBYTE_BOT_CACHE: cache,
      TICKETBYTE_SWEEP_INTERVAL_SECONDS: '3600',
    });
    console.log(`${cache}: ${bot.readyLine}`);
    // Wait for the start-up guild sync to settle, then measure.
    const sampler = setInterval(
      () => console.log(`  ${cache}: RSS ${bot.rssMb().toFixed(0)} MB during sync`),
      10_000,
    );
    const synced = await until(async () => (await Guild.estimatedDocumentCount()) >= GUILDS, 600_000);
    clearInterval(sampler);
    if (!synced) console.log('(guild sync still running)');
    await sleep(5_000);
    const connected = bot.rssMb();

    const before = await TranscriptMessage.estimatedDocumentCount();
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        for (let i = next++; i < MESSAGES; i = next++) {
          const t = tickets[i % tickets.length]!;
          await emu.actions.sendMessage({
            channelId: t.channelId,
            userId: t.openerId,
            content: `message ${i} from the benchmark`,
          });
        }
      }),
    );
    await until(async () => (await TranscriptMessage.estimatedDocumentCount()) >= before + MESSAGES, 900_000);
    const seconds = (Date.now() - started) / 1000;
    await sleep(3_000);
    const afterMessages = bot.rssMb();
    rows.push(
      `${cache.padEnd(8)} RSS after ${GUILDS} guilds × ${MEMBERS} members: ${connected.toFixed(0)} MB; after ${MESSAGES} messages in ticket channels: ${afterMessages.toFixed(0)} MB (recorded in ${seconds.toFixed(0)} s)`,
    );
    console.log(rows.at(-1));
    await bot.stop();
  }
  console.log(`\n${rows.join('\n')}`);
} finally {
  await world.stop();
}
