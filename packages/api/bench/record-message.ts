// Benchmark: ticket.recordMessage as the bot calls it for every message in a ticket channel
// (transcripts on), against the embedded FerretDB. Reports per-message latency and throughput at
// 1, 8 and 32 concurrent messages, and the database operations one message costs.
//   pnpm --filter @ticketbyte/api exec tsx bench/record-message.ts
import { mongoose } from '@ticketbyte/db';
import { DEMO, member, setUpDemoGuild, startHarness } from '../test/harness.js';
import { ms, percentile } from './support.js';

const TICKETS = 20;
const h = await startHarness({ restTimeoutMs: 10_000, restGlobalPerSecond: 100_000 });
try {
  await setUpDemoGuild(h);
  const system = h.caller({ kind: 'system' });
  await system.config.update({ guildId: DEMO.guildId, transcriptsEnabled: true, maxOpenTicketsPerUser: 25 });
  const users = Array.from({ length: TICKETS }, (_, i) => h.emu.actions.createUser({ username: `rm${i}` }));
  for (const u of users) h.emu.actions.addMember(DEMO.guildId, u.id);
  const tickets = [];
  for (const [i, u] of users.entries()) {
    const { ticket } = await h
      .caller(member(h, u.id))
      .ticket.open({ guildId: DEMO.guildId, openKey: `rm-${i}` });
    tickets.push(ticket);
  }
  let id = 1_700_000_000_000_000_000n;
  const record = (n: number) => {
    const t = tickets[n % tickets.length]!;
    return system.ticket.recordMessage({
      guildId: DEMO.guildId,
      channelId: t.channelId!,
      messageId: String(id++),
      authorId: t.openerId,
      authorName: 'member',
      content: `message ${n} with some ordinary length of text in it, as members write`,
      sentAt: new Date(),
    });
  };

  let ops = 0;
  const perCollection = new Map<string, number>();
  mongoose.set('debug', (collection: string, method: string) => {
    ops++;
    const k = `${collection}.${method}`;
    perCollection.set(k, (perCollection.get(k) ?? 0) + 1);
  });
  await record(0);
  console.log(`database: ${h.db.info.kind} ${h.db.info.ferretdbVersion ?? h.db.info.version}`);
  console.log(
    `database operations per message: ${ops} (${[...perCollection].map(([k, v]) => `${k}×${v}`).join(', ')})`,
  );
  mongoose.set('debug', false);

  let n = 1;
  for (const concurrency of [1, 8, 32]) {
    const count = 400;
    const latencies: number[] = [];
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next++ < count) {
          const t0 = performance.now();
          await record(n++);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(
      `concurrency ${String(concurrency).padStart(2)}: p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, ${(count / seconds).toFixed(1)} messages/s`,
    );
  }
} finally {
  await h.stop();
}
