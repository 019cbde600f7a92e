// Analytics from the per-day counters only: every read costs O(days in range), never O(tickets).
// A day's counters are final once the day is over, so finished days are cached (bounded, one hour);
// only today's counters are read on every request, by _id.
import { DailyStats, DURATION_BUCKETS_SECONDS, dailyStatsId, utcDay } from '@ticketbyte/db';
import { TtlCache } from './ttl-cache.js';

/** Writers stamp counters with their own clock; allow for a few minutes of skew between processes. */
const CLOCK_SKEW_MS = 5 * 60_000;
const finishedRanges = new TtlCache<StatsDay[]>(60 * 60_000, 1_000);
const finishedTotals = new TtlCache<{ opened: number; closed: number; reopened: number }>(60 * 60_000, 5_000);

/** The last UTC day whose counters can no longer change. */
export function lastFinishedDay(now: Date): string {
  const day = Date.parse(`${utcDay(new Date(now.getTime() - CLOCK_SKEW_MS))}T00:00:00Z`);
  return utcDay(new Date(day - 86_400_000));
}

function nextDay(day: string): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000));
}

export interface DayRange {
  from: string;
  to: string;
}

export function daysBetween(range: DayRange): string[] {
  const days: string[] = [];
  const end = Date.parse(`${range.to}T00:00:00Z`);
  for (let t = Date.parse(`${range.from}T00:00:00Z`); t <= end; t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

type Counts = Record<string, number>;
export interface StatsDay {
  day: string;
  opened: number;
  closed: number;
  reopened: number;
  commands: Counts;
  openedByCategory: Counts;
  firstResponseBuckets: Counts;
  resolutionBuckets: Counts;
  staffClaimed: Counts;
  staffClosed: Counts;
}

type DailyStatsRecord = Awaited<ReturnType<typeof readRange>>[number];

function readRange(guildId: string, from: string, to: string) {
  return DailyStats.find({ guildId, day: { $gte: from, $lte: to } })
    .sort({ day: 1 })
    .lean();
}

/** Counters for each day of the range that has any (days without activity have no document). */
export async function statsInRange(
  guildId: string,
  range: DayRange,
  now: Date = new Date(),
): Promise<StatsDay[]> {
  const cutoff = lastFinishedDay(now);
  const today = utcDay(now);
  const days: StatsDay[] = [];
  if (range.from <= cutoff) {
    // Days are YYYY-MM-DD strings, which order like the dates they name.
    const to = [range.to, cutoff].sort()[0]!;
    const key = `${guildId}|${range.from}|${to}`;
    let finished = finishedRanges.get(key);
    if (!finished) {
      finished = (await readRange(guildId, range.from, to)).map(toStatsDay);
      finishedRanges.set(key, finished);
    }
    days.push(...finished);
  }
  const live: string[] = [];
  for (
    let day = range.from > cutoff ? range.from : nextDay(cutoff);
    day <= range.to && day <= today;
    day = nextDay(day)
  ) {
    live.push(day);
  }
  const liveDocs = await Promise.all(
    live.map((day) => DailyStats.findById(dailyStatsId(guildId, day)).lean()),
  );
  for (const doc of liveDocs) if (doc) days.push(toStatsDay(doc));
  return days;
}

function toStatsDay(d: DailyStatsRecord): StatsDay {
  return {
    day: d.day,
    opened: d.opened ?? 0,
    closed: d.closed ?? 0,
    reopened: d.reopened ?? 0,
    commands: (d.commands ?? {}) as Counts,
    openedByCategory: (d.openedByCategory ?? {}) as Counts,
    firstResponseBuckets: (d.firstResponseBuckets ?? {}) as Counts,
    resolutionBuckets: (d.resolutionBuckets ?? {}) as Counts,
    staffClaimed: (d.staffClaimed ?? {}) as Counts,
    staffClosed: (d.staffClosed ?? {}) as Counts,
  };
}

export function mergeCounts(into: Counts, from: Counts): Counts {
  for (const [key, n] of Object.entries(from)) into[key] = (into[key] ?? 0) + n;
  return into;
}

/**
 * The median of a bucketed histogram, in seconds: the median falls in a bucket, and is placed
 * within it by linear interpolation between the bucket's bounds. Null when there are no samples.
 */
export function histogramMedian(buckets: Counts): number | null {
  const counts = Array.from({ length: DURATION_BUCKETS_SECONDS.length + 1 }, (_, i) => buckets[`b${i}`] ?? 0);
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const half = total / 2;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i]!;
    if (seen + n >= half && n > 0) {
      const lower = i === 0 ? 0 : DURATION_BUCKETS_SECONDS[i - 1]!;
      const upper = DURATION_BUCKETS_SECONDS[i] ?? lower * 2;
      return Math.round(lower + ((half - seen) / n) * (upper - lower));
    }
    seen += n;
  }
  return null;
}

/** Tickets open right now: all-time opened + reopened − closed, summed from the day counters. */
export async function openNow(guildId: string, now: Date = new Date()): Promise<number> {
  const cutoff = lastFinishedDay(now);
  const key = `${guildId}|${cutoff}`;
  let totals = finishedTotals.get(key);
  if (!totals) {
    const [row] = await DailyStats.aggregate<{ opened: number; closed: number; reopened: number }>([
      { $match: { guildId, day: { $lte: cutoff } } },
      {
        $group: {
          _id: null,
          opened: { $sum: '$opened' },
          closed: { $sum: '$closed' },
          reopened: { $sum: '$reopened' },
        },
      },
    ]);
    totals = { opened: row?.opened ?? 0, closed: row?.closed ?? 0, reopened: row?.reopened ?? 0 };
    finishedTotals.set(key, totals);
  }
  const recent = await statsInRange(guildId, { from: nextDay(cutoff), to: utcDay(now) }, now);
  const sum = (k: 'opened' | 'closed' | 'reopened') => totals[k] + recent.reduce((n, d) => n + d[k], 0);
  return Math.max(0, sum('opened') + sum('reopened') - sum('closed'));
}

/** Drops a guild's cached counters (after its data was deleted). */
export function forgetGuildAnalytics(guildId: string): void {
  finishedRanges.deleteWhere((key) => key.startsWith(`${guildId}|`));
  finishedTotals.deleteWhere((key) => key.startsWith(`${guildId}|`));
}
