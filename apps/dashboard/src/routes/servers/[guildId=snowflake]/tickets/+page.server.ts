// The ticket list: filters from the URL, one page from ticket.list, names for the people on it.
import { isoDay } from '$lib/format';
import { api, failLoad, fieldErrorsOf } from '$lib/server/api';
import { namesFor } from '$lib/server/people';
import { TRPCError } from '@trpc/server';
import type { PageServerLoad } from './$types';
import { filtersFrom, listInput } from './filters';

export const load: PageServerLoad = async (event) => {
  const caller = api(event);
  const guildId = event.params.guildId;
  const filters = filtersFrom(event.url.searchParams);
  const cursorParam = Number(event.url.searchParams.get('cursor'));
  const cursor = Number.isInteger(cursorParam) && cursorParam > 0 ? cursorParam : undefined;
  const now = new Date();
  try {
    const [categories, staff] = await Promise.all([
      caller.config.categories.list({ guildId }),
      caller.analytics.staff({
        guildId,
        from: isoDay(new Date(now.getTime() - 89 * 86_400_000)),
        to: isoDay(now),
      }),
    ]);
    let page: Awaited<ReturnType<typeof caller.ticket.list>> = { items: [], nextCursor: null };
    let filterErrors: Record<string, string> = {};
    try {
      page = await caller.ticket.list(listInput(guildId, filters, cursor));
    } catch (cause) {
      if (!(cause instanceof TRPCError && cause.code === 'BAD_REQUEST')) throw cause;
      filterErrors = {};
      for (const f of fieldErrorsOf(cause)) filterErrors[f.path || 'form'] ??= f.message;
    }
    const names = await namesFor(caller, guildId, [
      event.locals.user?.id,
      ...staff.map((s) => s.userId),
      ...page.items.flatMap((t) => [t.openerId, t.claimedById]),
      filters.openerId,
    ]);
    return {
      filters,
      filterErrors,
      cursor: cursor ?? null,
      tickets: page.items,
      nextCursor: page.nextCursor,
      categories: categories.map((c) => ({ id: c.id, name: c.name, emoji: c.emoji })),
      staff: staff.map((s) => s.userId),
      me: event.locals.user?.id ?? null,
      names,
    };
  } catch (cause) {
    failLoad(cause, event);
  }
};
