// A year of synthetic tickets for one guild, and the DailyStats counters they would have produced,
// for the analytics scale test and benchmark. Deterministic (seeded), so runs are comparable.
import { DailyStats, durationBucket, Ticket, utcDay } from '@ticketbyte/db';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function insertSyntheticYear(guildId: string, count: number, from = Date.UTC(2025, 0, 1)) {
  const random = rng(42);
  const stats = new Map<
    string,
    { opened: number; closed: number; fr: Record<string, number>; res: Record<string, number> }
  >();
  const day = (t: number) => {
    const key = utcDay(new Date(t));
    const existing = stats.get(key);
    if (existing) return existing;
    const created = {
      opened: 0,
      closed: 0,
      fr: {} as Record<string, number>,
      res: {} as Record<string, number>,
    };
    stats.set(key, created);
    return created;
  };
  const batch: Record<string, unknown>[] = [];
  const resolutions: number[] = [];
  for (let i = 0; i < count; i++) {
    const openedAt = from + Math.floor(random() * 365 * 86_400_000);
    const firstResponse = Math.floor(30 + random() ** 3 * 86_400);
    const resolution = firstResponse + Math.floor(random() ** 2 * 7 * 86_400);
    const closed = random() < 0.9;
    const closedAt = closed ? openedAt + resolution * 1000 : null;
    batch.push({
      guildId,
      number: i + 1,
      openKey: `${guildId}:synthetic-${i}`,
      openerId: String(1_400_000_000_000_000_000n + BigInt(i % 5000)),
      status: closed ? 'closed' : 'open',
      openedAt: new Date(openedAt),
      lastActivityAt: new Date(openedAt),
      firstStaffResponseAt: new Date(openedAt + firstResponse * 1000),
      closedAt: closedAt ? new Date(closedAt) : null,
      priority: 'normal',
      topic: `Synthetic ticket ${i}`,
      answers: [],
      participantIds: [],
    });
    day(openedAt).opened++;
    const responded = day(openedAt + firstResponse * 1000);
    const bucket = `b${durationBucket(firstResponse)}`;
    responded.fr[bucket] = (responded.fr[bucket] ?? 0) + 1;
    if (closedAt) {
      const c = day(closedAt);
      c.closed++;
      const rb = `b${durationBucket(resolution)}`;
      c.res[rb] = (c.res[rb] ?? 0) + 1;
    }
    if (closedAt && closedAt < from + 365 * 86_400_000) resolutions.push(resolution);
    if (batch.length === 5000) await Ticket.collection.insertMany(batch.splice(0));
  }
  if (batch.length) await Ticket.collection.insertMany(batch.splice(0));
  await DailyStats.collection.insertMany(
    [...stats].map(([d, s]) => ({
      _id: `${guildId}:${d}`,
      guildId,
      day: d,
      opened: s.opened,
      closed: s.closed,
      firstResponseBuckets: s.fr,
      resolutionBuckets: s.res,
    })) as never[],
  );
  resolutions.sort((a, b) => a - b);
  return { stats, exactMedianResolutionSeconds: resolutions[Math.floor(resolutions.length / 2)] ?? null };
}

/** The naive answer: read the tickets of the range and count them. */
export async function naiveDaily(guildId: string, from: string, to: string) {
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T23:59:59.999Z`);
  const opened = await Ticket.find({ guildId, openedAt: { $gte: start, $lte: end } }, { openedAt: 1 }).lean();
  const closed = await Ticket.find({ guildId, closedAt: { $gte: start, $lte: end } }, { closedAt: 1 }).lean();
  const counts = new Map<string, { opened: number; closed: number }>();
  const bump = (d: string, k: 'opened' | 'closed') => {
    const c = counts.get(d) ?? { opened: 0, closed: 0 };
    c[k]++;
    counts.set(d, c);
  };
  for (const t of opened) bump(utcDay(t.openedAt), 'opened');
  for (const t of closed) bump(utcDay(t.closedAt!), 'closed');
  const resolutions = (
    await Ticket.find({ guildId, closedAt: { $gte: start, $lte: end } }, { openedAt: 1, closedAt: 1 }).lean()
  )
    .map((t) => (t.closedAt!.getTime() - t.openedAt.getTime()) / 1000)
    .sort((a, b) => a - b);
  return { counts, medianResolutionSeconds: resolutions[Math.floor(resolutions.length / 2)] ?? null };
}
