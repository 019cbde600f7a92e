// Panels: the messages with "open a ticket" buttons, edited here and published to a channel.
import { act, api, loadOrFail } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const caller = api(event);
  const guildId = event.params.guildId;
  const [panels, categories, channels] = await loadOrFail(event, () =>
    Promise.all([
      caller.config.panels.list({ guildId }),
      caller.config.categories.list({ guildId }),
      caller.config.channels({ guildId }),
    ]),
  );
  return {
    panels,
    categories: categories.map(({ id, name, emoji, description }) => ({ id, name, emoji, description })),
    channels: channels.filter((c) => c.type === 'text').map(({ id, name }) => ({ id, name })),
  };
};

function panelFields(data: FormData) {
  const color = String(data.get('color') ?? '');
  return {
    title: String(data.get('title') ?? ''),
    description: String(data.get('description') ?? ''),
    color: /^#[0-9a-f]{6}$/i.test(color) ? Number.parseInt(color.slice(1), 16) : undefined,
    style: (String(data.get('style') ?? 'buttons') === 'select' ? 'select' : 'buttons') as
      | 'buttons'
      | 'select',
    categoryIds: data.getAll('categoryIds').map(String),
  };
}

export const actions: Actions = {
  create: async (event) => {
    const fields = panelFields(await event.request.formData());
    const r = await act('create', () =>
      api(event).config.panels.create({ guildId: event.params.guildId, ...fields }),
    );
    return r.ok
      ? { form: 'create', success: 'Panel created. Publish it to a channel when you are ready.' }
      : r.failure;
  },
  update: async (event) => {
    const data = await event.request.formData();
    const panelId = String(data.get('panelId') ?? '');
    const form = `update:${panelId}`;
    const r = await act(form, () =>
      api(event).config.panels.update({ guildId: event.params.guildId, panelId, ...panelFields(data) }),
    );
    return r.ok
      ? {
          form,
          success: r.value.panel.messageId
            ? 'Panel saved. Publish again to update the message in Discord.'
            : 'Panel saved.',
        }
      : r.failure;
  },
  publish: async (event) => {
    const data = await event.request.formData();
    const panelId = String(data.get('panelId') ?? '');
    const channelId = String(data.get('channelId') ?? '');
    const form = `publish:${panelId}`;
    const r = await act(form, () =>
      api(event).config.panels.publish({ guildId: event.params.guildId, panelId, channelId }),
    );
    return r.ok ? { form, success: 'Published. Members can open tickets from it now.' } : r.failure;
  },
  delete: async (event) => {
    const panelId = String((await event.request.formData()).get('panelId') ?? '');
    const form = `update:${panelId}`;
    const r = await act(form, () =>
      api(event).config.panels.delete({ guildId: event.params.guildId, panelId }),
    );
    return r.ok
      ? { form: 'create', success: 'Panel deleted. Its message stays in Discord until you delete it there.' }
      : r.failure;
  },
};
