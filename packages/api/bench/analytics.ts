// Benchmark: analytics.daily and analytics.summary over 365 days for a guild with 100,000 tickets,
// side by side with the naive answer (reading the ticket collection) in the same run.
//   pnpm --filter @ticketbyte/api exec tsx bench/analytics.ts
import { DEMO, setUpDemoGuild, startHarness, system } from '../test/harness.js';
import { insertSyntheticYear, naiveDaily } from '../test/synthetic-tickets.js';
import { ms, percentile, timeRuns } from './support.js';

const TICKETS = Number(process.env.TICKETS ?? 100_000);
const h = await startHarness();
try {
  await setUpDemoGuild(h);
  const G = DEMO.guildId;
  let t0 = performance.now();
  await insertSyntheticYear(G, TICKETS);
  console.log(
    `inserted ${TICKETS} synthetic tickets and their day counters in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const range = { guildId: G, from: '2025-01-01', to: '2025-12-31' };
  const caller = h.caller(system);
  t0 = performance.now();
  await caller.analytics.daily(range);
  console.log(`first analytics.daily (finished days not yet cached): ${ms(performance.now() - t0)}`);
  t0 = performance.now();
  await caller.analytics.summary(range);
  console.log(`first analytics.summary (totals not yet cached): ${ms(performance.now() - t0)}`);
  const daily = await timeRuns(40, () => caller.analytics.daily(range));
  const summary = await timeRuns(40, () => caller.analytics.summary(range));
  t0 = performance.now();
  const naiveRuns = await timeRuns(Number(process.env.NAIVE_RUNS ?? 2), () =>
    naiveDaily(G, range.from, range.to),
  );
  console.log(`naive (reads ${TICKETS} tickets) took ${ms(performance.now() - t0)} in total`);
  const p = (s: number[]) => `p50 ${ms(percentile(s, 50))}, p95 ${ms(percentile(s, 95))}`;
  console.log(`analytics.daily   (365 days): ${p(daily)}`);
  console.log(`analytics.summary (365 days): ${p(summary)}`);
  console.log(`naive daily from tickets:     ${p(naiveRuns)}`);
  console.log(`ratio naive/daily (p50): ${(percentile(naiveRuns, 50) / percentile(daily, 50)).toFixed(0)}×`);
  console.log(
    `ratio naive/summary (p50): ${(percentile(naiveRuns, 50) / percentile(summary, 50)).toFixed(0)}×`,
  );
} finally {
  await h.stop();
}
