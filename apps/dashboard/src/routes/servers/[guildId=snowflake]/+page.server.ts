// A guild's overview: its analytics for a range of days (the last 30 by default).
import { isoDay } from '$lib/format';
import { api, failLoad, fieldErrorsOf } from '$lib/server/api';
import { namesFor } from '$lib/server/people';
import { TRPCError } from '@trpc/server';
import type { PageServerLoad } from './$types';

const PRESETS = [7, 30, 90] as const;

function rangeFrom(url: URL): { from: string; to: string; preset: number | null } {
  const from = url.searchParams.get('from');
  const to = url.searchParams.get('to');
  if (from && to) return { from, to, preset: null };
  const days = Number(url.searchParams.get('days') ?? 30);
  const preset = (PRESETS as readonly number[]).includes(days) ? days : 30;
  const end = new Date();
  const start = new Date(end.getTime() - (preset - 1) * 86_400_000);
  return { from: isoDay(start), to: isoDay(end), preset };
}

export const load: PageServerLoad = async (event) => {
  const caller = api(event);
  const guildId = event.params.guildId;
  const range = rangeFrom(event.url);
  const input = { guildId, from: range.from, to: range.to };
  try {
    const [summary, daily, commands, staff] = await Promise.all([
      caller.analytics.summary(input),
      caller.analytics.daily(input),
      caller.analytics.commands(input),
      caller.analytics.staff(input),
    ]);
    const names = await namesFor(
      caller,
      guildId,
      staff.slice(0, 10).map((s) => s.userId),
    );
    return {
      range,
      rangeErrors: null,
      summary,
      daily,
      commands: Object.entries(commands.totals)
        .sort((a, b) => b[1] - a[1])
        .map(([name, count]) => ({ name, count })),
      staff: staff.slice(0, 10),
      names,
    };
  } catch (cause) {
    // A range the router refuses is shown beside the range picker, not as an error page.
    if (cause instanceof TRPCError && cause.code === 'BAD_REQUEST') {
      const rangeErrors: Record<string, string> = {};
      for (const f of fieldErrorsOf(cause)) rangeErrors[f.path] ??= f.message;
      return { range, rangeErrors, summary: null, daily: [], commands: [], staff: [], names: {} };
    }
    failLoad(cause, event);
  }
};
