// The V8 flags the bot process runs with (package.json's start script, the ShardingManager's shard
// processes and the benchmarks). `--optimize-for-size` has V8 keep the heap close to what is live,
// at some CPU cost. Measured with bench/memory.ts (1,000 guilds, then 10,000 messages recorded):
// with it, RSS 142 MB after the messages, recorded in 53 s; without it, 258–376 MB (the heap grew
// to 2.5 times what was live while messages arrived at 240 a second), recorded in 41 s.
export const BOT_NODE_FLAGS = ['--optimize-for-size'];
