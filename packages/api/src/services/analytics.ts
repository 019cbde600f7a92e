// Analytics from the per-day counters only: every read costs O(days in range), never O(tickets).
import { DailyStats, DURATION_BUCKETS_SECONDS } from '@ticketbyte/db';

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

export async function statsInRange(guildId: string, range: DayRange): Promise<StatsDay[]> {
  const docs = await DailyStats.find({ guildId, day: { $gte: range.from, $lte: range.to } })
    .sort({ day: 1 })
    .lean();
  return docs.map((d) => ({
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
  }));
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
export async function openNow(guildId: string): Promise<number> {
  const [row] = await DailyStats.aggregate<{ opened: number; closed: number; reopened: number }>([
    { $match: { guildId } },
    {
      $group: {
        _id: null,
        opened: { $sum: '$opened' },
        closed: { $sum: '$closed' },
        reopened: { $sum: '$reopened' },
      },
    },
  ]);
  return Math.max(0, (row?.opened ?? 0) + (row?.reopened ?? 0) - (row?.closed ?? 0));
}
