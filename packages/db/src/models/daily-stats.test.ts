import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../testing/index.js';
import { DailyStats, DURATION_BUCKETS_SECONDS, durationBucket, incrementDailyStats } from './daily-stats.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(() => db.stop());

describe('DailyStats counters', () => {
  it('200 concurrent $inc upserts for one guild and day end with exact counts in one document', async () => {
    const at = new Date('2026-11-20T12:00:00Z');
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        incrementDailyStats('g1', at, { opened: 1, closed: i % 2, command: i % 4 === 0 ? 'ticket' : 'help' }),
      ),
    );
    const docs = await DailyStats.find({ guildId: 'g1' }).lean();
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({ day: '2026-11-20', opened: 200, closed: 100 });
    expect(docs[0]?.commands).toEqual({ ticket: 50, help: 150 });
  });

  it('increments arriving while a write is in flight are merged: far fewer writes, exact counts', async () => {
    const at = new Date('2026-11-20T12:00:00Z');
    let writes = 0;
    mongoose.set('debug', (collection: string, method: string) => {
      if (collection === 'dailystats' && method === 'updateOne') writes++;
    });
    try {
      await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          incrementDailyStats('g4', at, { opened: 1, staffClaimedBy: `s${i % 3}` }),
        ),
      );
    } finally {
      mongoose.set('debug', false);
    }
    expect(writes).toBeGreaterThan(0);
    expect(writes).toBeLessThanOrEqual(3);
    const doc = await DailyStats.findOne({ guildId: 'g4' }).lean();
    expect(doc).toMatchObject({ opened: 100, staffClaimed: { s0: 34, s1: 33, s2: 33 } });
  });

  it('counts land on the UTC day of the event', async () => {
    await incrementDailyStats('g2', new Date('2026-11-20T23:59:59Z'), { opened: 1 });
    await incrementDailyStats('g2', new Date('2026-11-21T00:00:00Z'), { opened: 1 });
    const days = (await DailyStats.find({ guildId: 'g2' }).sort({ day: 1 }).lean()).map((d) => [
      d.day,
      d.opened,
    ]);
    expect(days).toEqual([
      ['2026-11-20', 1],
      ['2026-11-21', 1],
    ]);
  });

  it('durations fall into histogram buckets', async () => {
    expect(durationBucket(0)).toBe(0);
    expect(durationBucket(30)).toBe(0);
    expect(durationBucket(31)).toBe(1);
    expect(durationBucket(10 ** 9)).toBe(DURATION_BUCKETS_SECONDS.length);
    await incrementDailyStats('g3', new Date('2026-11-20T10:00:00Z'), {
      firstResponseSeconds: 45,
      resolutionSeconds: 7200,
    });
    const doc = await DailyStats.findOne({ guildId: 'g3' }).lean();
    expect(doc?.firstResponseBuckets).toEqual({ b1: 1 });
    expect(doc?.resolutionBuckets).toEqual({ [`b${durationBucket(7200)}`]: 1 });
  });
});
