// The blacklist: members and roles who may not open tickets.
import { act, api, loadOrFail } from '$lib/server/api';
import { namesFor } from '$lib/server/people';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const caller = api(event);
  const guildId = event.params.guildId;
  const [entries, roles] = await loadOrFail(event, () =>
    Promise.all([caller.config.blacklist.list({ guildId }), caller.config.roles({ guildId })]),
  );
  const names = await loadOrFail(event, () =>
    namesFor(
      caller,
      guildId,
      entries.flatMap((e) => [e.targetType === 'user' ? e.targetId : null, e.addedById]),
    ),
  );
  for (const r of roles) names[r.id] = `@${r.name}`;
  return { entries, roles: roles.filter((r) => !r.managed), names };
};

export const actions: Actions = {
  add: async (event) => {
    const data = await event.request.formData();
    const targetType = String(data.get('targetType') ?? 'user') === 'role' ? 'role' : 'user';
    const targetId = String(data.get(targetType === 'role' ? 'roleId' : 'userId') ?? '').trim();
    const reason = String(data.get('reason') ?? '');
    const r = await act('add', () =>
      api(event).config.blacklist.add({
        guildId: event.params.guildId,
        targetType,
        targetId,
        reason: reason || undefined,
      }),
    );
    if (r.ok)
      return { form: 'add', success: targetType === 'role' ? 'Role blacklisted.' : 'Member blacklisted.' };
    // The router names the field `targetId`; the form has one per kind.
    const failure = r.failure;
    if (failure.data.fieldErrors.targetId)
      failure.data.fieldErrors[targetType === 'role' ? 'roleId' : 'userId'] =
        failure.data.fieldErrors.targetId;
    return failure;
  },
  remove: async (event) => {
    const data = await event.request.formData();
    const targetType = String(data.get('targetType')) === 'role' ? 'role' : 'user';
    const r = await act('remove', () =>
      api(event).config.blacklist.remove({
        guildId: event.params.guildId,
        targetType,
        targetId: String(data.get('targetId') ?? ''),
      }),
    );
    return r.ok ? { form: 'remove', success: 'Removed from the blacklist.' } : r.failure;
  },
};
