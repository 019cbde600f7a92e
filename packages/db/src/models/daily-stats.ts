// Per-server, per-UTC-day counters — "Analytics Data: aggregate counts of tickets opened/closed and
// commands used per day, per server". Written only with $inc upserts, never by counting tickets, so
// analytics reads cost O(days). Durations are kept as histograms so medians come from counters too.
// Staff counters name staff members by id; deleting a user's data removes their keys here.
import { type InferSchemaType, model, Schema } from 'mongoose';
import { isDuplicateKeyError } from '../errors.js';
import { withWriteLock } from '../write-lock.js';

/** Upper bounds (seconds) of the duration histogram buckets; the last bucket is open-ended. */
export const DURATION_BUCKETS_SECONDS = [
  30, 60, 120, 300, 600, 900, 1800, 2700, 3600, 5400, 7200, 10800, 14400, 21600, 28800, 43200, 64800, 86400,
  129600, 172800, 259200, 345600, 432000, 604800, 1209600, 2592000,
] as const;

/** The histogram bucket a duration falls into (index into DURATION_BUCKETS_SECONDS, or its length). */
export function durationBucket(seconds: number): number {
  const index = DURATION_BUCKETS_SECONDS.findIndex((upper) => seconds <= upper);
  return index === -1 ? DURATION_BUCKETS_SECONDS.length : index;
}

/** `<guildId>:<day>`: lookups of one day are by _id, which every server (FerretDB included) indexes. */
export function dailyStatsId(guildId: string, day: string): string {
  return `${guildId}:${day}`;
}

const dailyStatsSchema = new Schema(
  {
    _id: { type: String, required: true },
    guildId: { type: String, required: true },
    // UTC day as YYYY-MM-DD: sorts and ranges as a string.
    day: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
    opened: { type: Number, default: 0 },
    closed: { type: Number, default: 0 },
    reopened: { type: Number, default: 0 },
    commands: { type: Map, of: Number, default: {} },
    openedByCategory: { type: Map, of: Number, default: {} },
    // Bucket index (as "b<i>") → count.
    firstResponseBuckets: { type: Map, of: Number, default: {} },
    resolutionBuckets: { type: Map, of: Number, default: {} },
    staffClaimed: { type: Map, of: Number, default: {} },
    staffClosed: { type: Map, of: Number, default: {} },
  },
  { strict: 'throw', versionKey: false },
);
dailyStatsSchema.index({ guildId: 1, day: 1 }, { unique: true });

export type DailyStatsDoc = InferSchemaType<typeof dailyStatsSchema>;
export const DailyStats = model('DailyStats', dailyStatsSchema);

export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Map keys must not contain dots or start with $; Discord ids and command names never do. */
function safeKey(key: string): string {
  return key.replace(/[.$]/g, '_');
}

export interface StatsIncrement {
  opened?: number;
  closed?: number;
  reopened?: number;
  command?: string;
  categoryId?: string | null;
  firstResponseSeconds?: number;
  resolutionSeconds?: number;
  staffClaimedBy?: string;
  staffClosedBy?: string;
}

/** Adds to one guild's counters for the UTC day of `at` — one $inc upsert. */
export async function incrementDailyStats(
  guildId: string,
  at: Date,
  increment: StatsIncrement,
): Promise<void> {
  const inc: Record<string, number> = {};
  if (increment.opened) inc.opened = increment.opened;
  if (increment.closed) inc.closed = increment.closed;
  if (increment.reopened) inc.reopened = increment.reopened;
  if (increment.command) inc[`commands.${safeKey(increment.command)}`] = 1;
  if (increment.categoryId) inc[`openedByCategory.${safeKey(increment.categoryId)}`] = 1;
  if (increment.firstResponseSeconds !== undefined) {
    inc[`firstResponseBuckets.b${durationBucket(increment.firstResponseSeconds)}`] = 1;
  }
  if (increment.resolutionSeconds !== undefined) {
    inc[`resolutionBuckets.b${durationBucket(increment.resolutionSeconds)}`] = 1;
  }
  if (increment.staffClaimedBy) inc[`staffClaimed.${safeKey(increment.staffClaimedBy)}`] = 1;
  if (increment.staffClosedBy) inc[`staffClosed.${safeKey(increment.staffClosedBy)}`] = 1;
  if (Object.keys(inc).length === 0) return;

  const day = utcDay(at);
  await withWriteLock(`stats:${guildId}:${day}`, async () => {
    // Two first writes of a day can both try to insert; the loser retries as a plain update.
    for (let attempt = 0; ; attempt++) {
      try {
        await DailyStats.collection.updateOne(
          { _id: dailyStatsId(guildId, day) } as never,
          { $inc: inc, $setOnInsert: { guildId, day } },
          { upsert: true },
        );
        return;
      } catch (error) {
        if (!isDuplicateKeyError(error) || attempt >= 3) throw error;
      }
    }
  });
}
