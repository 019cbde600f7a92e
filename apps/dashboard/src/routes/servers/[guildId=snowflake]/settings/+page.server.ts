// General settings: each section is its own form and sends only its fields to config.update, so a
// refusal in one section never loses what was typed in another.
import { act, api, loadOrFail } from '$lib/server/api';
import { LOCALES } from '@ticketbyte/api';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const caller = api(event);
  const guildId = event.params.guildId;
  const [settings, channels, roles] = await loadOrFail(event, () =>
    Promise.all([
      caller.config.get({ guildId }),
      caller.config.channels({ guildId }),
      caller.config.roles({ guildId }),
    ]),
  );
  return { settings, channels, roles: roles.filter((r) => !r.managed), locales: [...LOCALES] };
};

/** A number field: empty is "not set" (null where the router allows it), anything else goes as typed. */
function numberOrNull(value: FormDataEntryValue | null): number | null {
  const text = typeof value === 'string' ? value.trim() : '';
  return text === '' ? null : Number(text);
}
const text = (value: FormDataEntryValue | null) => (typeof value === 'string' ? value : '');
const idOrNull = (value: FormDataEntryValue | null) => text(value) || null;

type UpdateInput = Parameters<ReturnType<typeof api>['config']['update']>[0];

async function update(
  event: Parameters<Actions[string]>[0],
  form: string,
  success: string,
  changes: (data: FormData) => Omit<UpdateInput, 'guildId'>,
) {
  const data = await event.request.formData();
  const r = await act(form, () =>
    api(event).config.update({ guildId: event.params.guildId, ...changes(data) }),
  );
  return r.ok ? { form, success } : r.failure;
}

export const actions: Actions = {
  general: (event) =>
    update(event, 'general', 'General settings saved.', (d) => ({
      prefix: text(d.get('prefix')),
      language: text(d.get('language')) as 'en',
      maxOpenTicketsPerUser: numberOrNull(d.get('maxOpenTicketsPerUser')) ?? Number.NaN,
      autoCloseAfterHours:
        d.get('autoClose') === 'on' ? (numberOrNull(d.get('autoCloseAfterHours')) ?? Number.NaN) : null,
      closeTicketsWhenMemberLeaves: d.get('closeTicketsWhenMemberLeaves') === 'on',
      ticketNameTemplate: text(d.get('ticketNameTemplate')),
    })),
  transcripts: (event) =>
    update(event, 'transcripts', 'Transcript settings saved.', (d) => ({
      transcriptsEnabled: d.get('transcriptsEnabled') === 'on',
      transcriptRetentionDays: numberOrNull(d.get('transcriptRetentionDays')) ?? Number.NaN,
    })),
  channels: (event) =>
    update(event, 'channels', 'Channels saved.', (d) => ({
      logChannelId: idOrNull(d.get('logChannelId')),
      ticketParentChannelId: idOrNull(d.get('ticketParentChannelId')),
    })),
  roles: (event) =>
    update(event, 'roles', 'Roles saved.', (d) => ({
      staffRoleIds: d.getAll('staffRoleIds').map(String),
      adminRoleIds: d.getAll('adminRoleIds').map(String),
    })),
};
