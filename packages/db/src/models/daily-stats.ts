// Per-server, per-UTC-day counters — "Analytics Data: aggregate counts of tickets opened/closed and
// commands used per day, per server". Written only with $inc upserts, never by counting tickets, so
// analytics reads cost O(days). Durations are kept as histograms so medians come from counters too.
// Staff counters name staff members by id; deleting a user's data removes their keys here.
import { type InferSchemaType, model, Schema } from 'mongoose';
import { isDuplicateKeyError } from '../errors.js';
import { documentLockKey, withWriteLock } from '../write-lock.js';

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

function incrementFields(increment: StatsIncrement): Record<string, number> {
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
  return inc;
}

interface PendingIncrement {
  guildId: string;
  day: string;
  inc: Record<string, number>;
  settle: Array<{ resolve: () => void; reject: (error: unknown) => void }>;
}

/** Increments waiting for the write in flight on their day document, merged (one per document). */
const waiting = new Map<string, PendingIncrement>();
const writing = new Set<string>();

/**
 * Adds to one guild's counters for the UTC day of `at`, resolving once the write is done.
 * Increments of one day document that arrive while a write to it is in flight are merged into the
 * next single $inc: a busy guild costs one write per round trip, not one per event. Nothing waits on
 * a timer, so a quiet guild's increment is written at once.
 */
export function incrementDailyStats(guildId: string, at: Date, increment: StatsIncrement): Promise<void> {
  const inc = incrementFields(increment);
  if (Object.keys(inc).length === 0) return Promise.resolve();
  const day = utcDay(at);
  const id = dailyStatsId(guildId, day);
  return new Promise((resolve, reject) => {
    let pending = waiting.get(id);
    if (!pending) {
      pending = { guildId, day, inc: {}, settle: [] };
      waiting.set(id, pending);
    }
    for (const [path, n] of Object.entries(inc)) pending.inc[path] = (pending.inc[path] ?? 0) + n;
    pending.settle.push({ resolve, reject });
    if (!writing.has(id)) void writeWaiting(id);
  });
}

async function writeWaiting(id: string): Promise<void> {
  writing.add(id);
  try {
    for (let pending = waiting.get(id); pending; pending = waiting.get(id)) {
      waiting.delete(id);
      try {
        await writeIncrement(pending.guildId, pending.day, pending.inc);
        for (const { resolve } of pending.settle) resolve();
      } catch (error) {
        for (const { reject } of pending.settle) reject(error);
      }
    }
  } finally {
    writing.delete(id);
  }
}

/** One $inc upsert of a day document, under its write lock (see write-lock.ts). */
async function writeIncrement(guildId: string, day: string, inc: Record<string, number>): Promise<void> {
  await withWriteLock(documentLockKey(DailyStats, dailyStatsId(guildId, day)), async () => {
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
