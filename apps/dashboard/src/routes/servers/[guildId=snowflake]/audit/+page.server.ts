// The audit log: every change made in this guild, newest first, 50 at a time (admins only — the
// router answers anyone else with FORBIDDEN, shown as the 404 page).
import { api, loadOrFail } from '$lib/server/api';
import { namesFor } from '$lib/server/people';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const caller = api(event);
  const guildId = event.params.guildId;
  const cursor = event.url.searchParams.get('cursor') || undefined;
  const page = await loadOrFail(event, () => caller.audit.list({ guildId, cursor, limit: 50 }));
  const names = await loadOrFail(event, () =>
    namesFor(
      caller,
      guildId,
      page.items.map((i) => i.actorId),
    ),
  );
  return { items: page.items, nextCursor: page.nextCursor, first: !cursor, names };
};
