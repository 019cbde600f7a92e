// Benchmark: ticket.open as the bot calls it (in-process caller, bot-member actor) against the
// embedded FerretDB and the Discord emulator on loopback with rate limits off. Reports latency
// p50/p99 and throughput at 1, 10 and 50 concurrent openers, and database operations per open.
//
// "Rate limits off" applies to both sides: the emulator enforces none and the REST client's own
// 50 requests/s global cap is lifted, so the figures measure TicketByte, not Discord's ceiling
// (with the cap, each open costs 2 requests plus one background log post: about 16 opens/s at most).
//   pnpm --filter @ticketbyte/api exec tsx bench/ticket-open.ts
import { mongoose } from '@ticketbyte/db';
import { settleBackgroundWork } from '../src/services/background.js';
import { DEMO, member, setUpDemoGuild, startHarness } from '../test/harness.js';
import { ms, percentile } from './support.js';

const h = await startHarness({ restTimeoutMs: 10_000, restGlobalPerSecond: 100_000 });
try {
  await setUpDemoGuild(h);
  await h.caller({ kind: 'system' }).config.update({ guildId: DEMO.guildId, maxOpenTicketsPerUser: 25 });
  const users = Array.from({ length: 50 }, (_, i) => h.emu.actions.createUser({ username: `bench${i}` }));
  for (const u of users) h.emu.actions.addMember(DEMO.guildId, u.id);

  let total = 0;
  let lockOps = 0;
  const byOperation = new Map<string, number>();
  mongoose.set('debug', (collection: string, method: string) => {
    total++;
    if (collection === 'locks') lockOps++;
    byOperation.set(`${collection}.${method}`, (byOperation.get(`${collection}.${method}`) ?? 0) + 1);
  });

  let key = 0;
  const opened: string[] = [];
  // Openers rotate through 50 members, so the per-member limit never interferes.
  const openOne = async () => {
    const n = key++;
    const { ticket } = await h
      .caller(member(h, users[n % users.length]!.id))
      .ticket.open({ guildId: DEMO.guildId, openKey: `bench-${n}` });
    opened.push(ticket.id);
  };
  const closeAll = async () => {
    await settleBackgroundWork();
    for (const id of opened.splice(0))
      await h.caller({ kind: 'system' }).ticket.close({ guildId: DEMO.guildId, ticketId: id });
    await settleBackgroundWork();
  };

  for (let i = 0; i < 5; i++) await openOne();
  await closeAll();
  total = 0;
  lockOps = 0;
  byOperation.clear();
  await openOne();
  await settleBackgroundWork();
  console.log(`database: ${h.db.info.kind} ${h.db.info.ferretdbVersion ?? h.db.info.version}`);
  console.log(
    `database operations per ticket.open (config cache warm): ${total} on FerretDB, of which ${lockOps} are write-lock operations MongoDB does not need → ${total - lockOps} on MongoDB`,
  );
  console.log(`  ${[...byOperation].map(([k, v]) => `${k}×${v}`).join(', ')}`);
  await closeAll();

  for (const concurrency of [1, 10, 50]) {
    const perWorker = concurrency === 1 ? 100 : concurrency === 10 ? 20 : 4;
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = 0; i < perWorker; i++) {
          const t0 = performance.now();
          await openOne();
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(
      `concurrency ${String(concurrency).padStart(2)}: ${latencies.length} opens, p50 ${ms(percentile(latencies, 50))}, p99 ${ms(
        percentile(latencies, 99),
      )}, throughput ${(latencies.length / seconds).toFixed(1)} opens/s`,
    );
    await closeAll();
  }
} finally {
  mongoose.set('debug', false);
  await h.stop();
}
