// `analytics.*`: a guild's numbers, from DailyStats counters only.
import { incrementDailyStats } from '@ticketbyte/db';
import { z } from 'zod';
import { daysBetween, histogramMedian, mergeCounts, openNow, statsInRange } from '../services/analytics.js';
import { guildSnapshot } from '../services/guild-snapshot.js';
import { guildProcedure, router, snowflake, systemProcedure } from '../trpc.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const range = z
  .object({ from: day, to: day })
  .refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['from'] })
  .refine((r) => (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 <= 731, {
    message: 'at most two years',
    path: ['to'],
  });

const analyticsProcedure = guildProcedure({ level: 'staff', scope: 'analytics:read' }).input(range);

export const analyticsRouter = router({
  summary: analyticsProcedure
    .output(
      z.object({
        opened: z.number(),
        closed: z.number(),
        reopened: z.number(),
        openNow: z.number(),
        medianFirstResponseSeconds: z.number().nullable(),
        medianResolutionSeconds: z.number().nullable(),
        busiestCategories: z.array(
          z.object({ categoryId: z.string(), name: z.string(), opened: z.number() }),
        ),
      }),
    )
    .query(async ({ ctx, input }) => {
      const [days, open] = await Promise.all([
        statsInRange(input.guildId, input, ctx.now()),
        openNow(input.guildId, ctx.now()),
      ]);
      const firstResponse = {};
      const resolution = {};
      const byCategory: Record<string, number> = {};
      let opened = 0;
      let closed = 0;
      let reopened = 0;
      for (const d of days) {
        opened += d.opened;
        closed += d.closed;
        reopened += d.reopened;
        mergeCounts(firstResponse, d.firstResponseBuckets);
        mergeCounts(resolution, d.resolutionBuckets);
        mergeCounts(byCategory, d.openedByCategory);
      }
      const top = Object.entries(byCategory)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5);
      // Category names from the cached guild configuration, not another query.
      const names = new Map(
        (await guildSnapshot(input.guildId)).categories.map((c) => [c._id.toString(), c.name]),
      );
      return {
        opened,
        closed,
        reopened,
        openNow: open,
        medianFirstResponseSeconds: histogramMedian(firstResponse),
        medianResolutionSeconds: histogramMedian(resolution),
        busiestCategories: top.map(([categoryId, n]) => ({
          categoryId,
          name: names.get(categoryId) ?? 'Deleted category',
          opened: n,
        })),
      };
    }),

  daily: analyticsProcedure
    .output(z.array(z.object({ day: z.string(), opened: z.number(), closed: z.number() })))
    .query(async ({ ctx, input }) => {
      const byDay = new Map((await statsInRange(input.guildId, input, ctx.now())).map((d) => [d.day, d]));
      return daysBetween(input).map((d) => ({
        day: d,
        opened: byDay.get(d)?.opened ?? 0,
        closed: byDay.get(d)?.closed ?? 0,
      }));
    }),

  commands: analyticsProcedure
    .output(
      z.object({
        totals: z.record(z.string(), z.number()),
        days: z.array(z.object({ day: z.string(), commands: z.record(z.string(), z.number()) })),
      }),
    )
    .query(async ({ ctx, input }) => {
      const byDay = new Map(
        (await statsInRange(input.guildId, input, ctx.now())).map((d) => [d.day, d.commands]),
      );
      const totals = {};
      const days = daysBetween(input).map((d) => ({ day: d, commands: byDay.get(d) ?? {} }));
      for (const d of days) mergeCounts(totals, d.commands);
      return { totals, days };
    }),

  staff: analyticsProcedure
    .output(z.array(z.object({ userId: z.string(), claimed: z.number(), closed: z.number() })))
    .query(async ({ ctx, input }) => {
      const claimed: Record<string, number> = {};
      const closed: Record<string, number> = {};
      for (const d of await statsInRange(input.guildId, input, ctx.now())) {
        mergeCounts(claimed, d.staffClaimed);
        mergeCounts(closed, d.staffClosed);
      }
      return [...new Set([...Object.keys(claimed), ...Object.keys(closed)])]
        .map((userId) => ({ userId, claimed: claimed[userId] ?? 0, closed: closed[userId] ?? 0 }))
        .sort((a, b) => b.closed - a.closed || b.claimed - a.claimed);
    }),

  /** The bot reports each command use; only the command's name and the day are kept. */
  recordCommand: systemProcedure
    .meta({ audit: false })
    .input(z.object({ guildId: snowflake, command: z.string().regex(/^[a-z0-9_-]{1,64}$/) }))
    .output(z.object({ recorded: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await incrementDailyStats(input.guildId, ctx.now(), { command: input.command });
      return { recorded: true };
    }),
});
