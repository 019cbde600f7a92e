// Analytics answer from the day counters: correct against what the tickets say, and without ever
// reading the ticket collection — so the cost follows the number of days, not of tickets.
import { DURATION_BUCKETS_SECONDS, durationBucket, incrementDailyStats } from '@ticketbyte/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { histogramMedian, lastFinishedDay } from '../src/services/analytics.js';
import {
  DEMO,
  databaseQueries,
  type Harness,
  member,
  setUpDemoGuild,
  startHarness,
  system,
} from './harness.js';
import { insertSyntheticYear } from './synthetic-tickets.js';

let h: Harness;
const G = DEMO.guildId;
let synthetic: Awaited<ReturnType<typeof insertSyntheticYear>>;

beforeAll(async () => {
  h = await startHarness();
  await setUpDemoGuild(h);
  synthetic = await insertSyntheticYear(G, 100_000);
}, 300_000);
afterAll(() => h.stop());

async function collectionsRead(run: () => Promise<unknown>): Promise<Set<string>> {
  return new Set((await databaseQueries(run)).map((q) => q.collection));
}

describe('analytics on 100,000 synthetic tickets over a year', () => {
  const range = { guildId: G, from: '2025-01-01', to: '2025-12-31' };

  it('daily: one zero-filled entry per day, matching the tickets, without reading tickets', async () => {
    let daily: Awaited<ReturnType<ReturnType<Harness['caller']>['analytics']['daily']>> = [];
    const read = await collectionsRead(async () => {
      daily = await h.caller(system).analytics.daily(range);
    });
    expect(read.has('tickets')).toBe(false);
    expect(daily).toHaveLength(365);
    for (const d of daily) {
      const expected = synthetic.stats.get(d.day);
      expect([d.day, d.opened, d.closed]).toEqual([d.day, expected?.opened ?? 0, expected?.closed ?? 0]);
    }
    expect(daily.reduce((n, d) => n + d.opened, 0)).toBe(100_000);
  });

  it('summary: totals and medians from counters, the median within its histogram bucket', async () => {
    let summary: Awaited<ReturnType<ReturnType<Harness['caller']>['analytics']['summary']>> | undefined;
    const read = await collectionsRead(async () => {
      summary = await h.caller(member(h, DEMO.users.staff)).analytics.summary(range);
    });
    expect(read.has('tickets')).toBe(false);
    expect(summary?.opened).toBe(100_000);
    const exact = synthetic.exactMedianResolutionSeconds!;
    const bucket = durationBucket(exact);
    const lower = bucket === 0 ? 0 : DURATION_BUCKETS_SECONDS[bucket - 1]!;
    const upper = DURATION_BUCKETS_SECONDS[bucket] ?? Number.POSITIVE_INFINITY;
    expect(summary?.medianResolutionSeconds).toBeGreaterThanOrEqual(lower);
    expect(summary?.medianResolutionSeconds).toBeLessThanOrEqual(upper);
  });
});

describe('counters that are still moving', () => {
  it("today's counters are read fresh while finished days come from the cache", async () => {
    const now = new Date();
    const today = now.toISOString().slice(0, 10);
    const before = (await h.caller(system).analytics.daily({ guildId: G, from: today, to: today }))[0]!;
    await incrementDailyStats(G, now, { opened: 1 });
    const after = (await h.caller(system).analytics.daily({ guildId: G, from: today, to: today }))[0]!;
    expect(after.opened).toBe(before.opened + 1);
  });

  it('a day is final five minutes after it ends', () => {
    expect(lastFinishedDay(new Date('2026-11-27T00:03:00Z'))).toBe('2026-11-25');
    expect(lastFinishedDay(new Date('2026-11-27T00:06:00Z'))).toBe('2026-11-26');
  });

  it('medians interpolate within the bucket and are null without samples', () => {
    expect(histogramMedian({})).toBeNull();
    expect(histogramMedian({ b0: 1 })).toBe(15);
    expect(histogramMedian({ b0: 1, b3: 3 })).toBeGreaterThan(DURATION_BUCKETS_SECONDS[2]);
  });
});
