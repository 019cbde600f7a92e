// Names for the people a page mentions (openers, staff, actors), from the router, 100 at a time.
import type { Caller } from './api';

export async function namesFor(
  caller: Caller,
  guildId: string,
  ids: Iterable<string | null | undefined>,
): Promise<Record<string, string>> {
  const unique = [...new Set([...ids].filter((id): id is string => !!id && /^\d{15,22}$/.test(id)))];
  const names: Record<string, string> = {};
  for (let i = 0; i < unique.length; i += 100) {
    const batch = await caller.config.memberNames({ guildId, userIds: unique.slice(i, i + 100) });
    for (const person of batch) names[person.id] = person.displayName;
  }
  return names;
}
