// Scale-out: one process per shard under discord.js's ShardingManager, running the same entry
// (`index.ts`). Shards share only the database: the manager starts the embedded one when
// MONGODB_URI is unset and hands its URI to every shard.
import { fileURLToPath } from 'node:url';
import { startDatabaseServer } from '@ticketbyte/db/embedded';
import { REST, Routes, ShardingManager } from 'discord.js';
import { type BotEnv, parseBotEnv } from './env.js';
import { BOT_NODE_FLAGS } from './node-flags.js';

async function recommendedShards(env: BotEnv): Promise<number> {
  // discord.js's 'auto' asks discord.com; asking the configured API keeps the emulator working.
  const rest = new REST({ api: env.DISCORD_API_URL }).setToken(env.DISCORD_TOKEN ?? '');
  const gateway = (await rest.get(Routes.gatewayBot())) as { shards: number };
  return Math.max(1, gateway.shards);
}

export async function startShards(env: BotEnv): Promise<ShardingManager> {
  if (!env.DISCORD_TOKEN) throw new Error('DISCORD_TOKEN is required');
  const database = await startDatabaseServer({
    mongodbUri: env.MONGODB_URI,
    dataDir: env.TICKETBYTE_DATA_DIR,
  });
  const totalShards = env.SHARD_COUNT === 'auto' ? await recommendedShards(env) : (env.SHARD_COUNT ?? 1);
  process.env.MONGODB_URI = database.uri;
  const manager = new ShardingManager(fileURLToPath(new URL('./index.ts', import.meta.url)), {
    token: env.DISCORD_TOKEN,
    totalShards,
    execArgv: [...BOT_NODE_FLAGS, '--import', 'tsx'],
    respawn: true,
  });
  manager.on('shardCreate', (shard) => console.log(`Bot: shard ${shard.id} of ${totalShards} starting`));
  const stop = async () => {
    for (const shard of manager.shards.values()) shard.kill();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  await manager.spawn({ timeout: 120_000 });
  return manager;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  startShards(parseBotEnv()).catch((error) => {
    console.error(`Bot: sharding failed — ${(error as Error).message}`);
    process.exit(1);
  });
}
