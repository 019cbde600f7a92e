// The bot process: configuration → database → login → commands → ready line → graceful shutdown.
// With SHARD_COUNT set (and not already a shard), it starts the ShardingManager instead.
import { defaultLogger } from '@ticketbyte/api';
import { disconnectDatabase, initDatabase } from '@ticketbyte/db';
import { startDatabaseServer } from '@ticketbyte/db/embedded';
import { createBot } from './bot.js';
import { parseBotEnv } from './env.js';

async function main(): Promise<void> {
  const env = parseBotEnv();
  if (env.SHARD_COUNT !== undefined && !process.env.SHARDING_MANAGER) {
    const { startShards } = await import('./shard.js');
    await startShards(env);
    return;
  }
  if (!env.DISCORD_TOKEN) {
    console.error(
      'Bot: DISCORD_TOKEN is not set. Set it to your bot token, or run `npm start` at the repository root for demo mode.',
    );
    process.exit(1);
  }

  const database = await startDatabaseServer({
    mongodbUri: env.MONGODB_URI,
    dataDir: env.TICKETBYTE_DATA_DIR,
  });
  await initDatabase(env, database.uri);

  const bot = createBot({
    token: env.DISCORD_TOKEN,
    apiUrl: env.DISCORD_API_URL,
    messageContent: env.DISCORD_MESSAGE_CONTENT_INTENT,
    devGuildId: env.DISCORD_DEV_GUILD_ID,
    demo: env.TICKETBYTE_DEMO,
    publicUrl: env.PUBLIC_URL,
    sweepIntervalMs: env.TICKETBYTE_SWEEP_INTERVAL_SECONDS * 1000,
    cache: env.TICKETBYTE_BOT_CACHE,
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    defaultLogger.info('bot.stopping', { signal, inflight: bot.deps.inflight.size });
    try {
      await bot.stop(10_000);
      await disconnectDatabase();
      await database.stop();
    } finally {
      process.exit(0);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  const client = await bot.start();
  const shard = client.shard ? ` (shard ${client.shard.ids.join(',')} of ${client.shard.count})` : '';
  console.log(`Bot: ready as ${client.user.tag} in ${client.guilds.cache.size} guilds${shard}`);
}

main().catch((error) => {
  console.error(`Bot: failed to start — ${(error as Error).message}`);
  process.exit(1);
});
