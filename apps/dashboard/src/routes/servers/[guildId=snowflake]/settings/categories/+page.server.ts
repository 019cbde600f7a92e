// Ticket categories and their opening questions (a Discord form shows at most 5; the router says so).
import { act, api, loadOrFail } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const caller = api(event);
  const categories = await loadOrFail(event, () =>
    caller.config.categories.list({ guildId: event.params.guildId }),
  );
  return { categories };
};

/** A question id from its label, for new questions (existing ones keep theirs). */
function questionId(label: string, taken: Set<string>): string {
  const base =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 32) || 'question';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** The form's fields as categories.create/update take them; rows left empty are not questions. */
function categoryFields(data: FormData) {
  const text = (key: string) => String(data.get(key) ?? '');
  const rows: Array<{ id: string; label: string; style: string; placeholder: string; required: boolean }> =
    [];
  for (let i = 0; data.has(`questions.${i}.label`); i++) {
    const label = text(`questions.${i}.label`).trim();
    if (!label) continue;
    rows.push({
      id: text(`questions.${i}.questionId`),
      label,
      style: text(`questions.${i}.style`) || 'short',
      placeholder: text(`questions.${i}.placeholder`),
      required: data.get(`questions.${i}.required`) === 'on',
    });
  }
  const taken = new Set(rows.map((r) => r.id).filter(Boolean));
  return {
    name: text('name'),
    emoji: text('emoji').trim() || null,
    description: text('description'),
    questions: rows.map((r) => ({
      questionId: r.id || questionId(r.label, taken),
      label: r.label,
      style: r.style as 'short' | 'paragraph',
      placeholder: r.placeholder,
      required: r.required,
    })),
  };
}

export const actions: Actions = {
  create: async (event) => {
    const fields = categoryFields(await event.request.formData());
    const r = await act('create', () =>
      api(event).config.categories.create({ guildId: event.params.guildId, ...fields }),
    );
    return r.ok ? { form: 'create', success: `Category “${r.value.category.name}” created.` } : r.failure;
  },
  update: async (event) => {
    const data = await event.request.formData();
    const categoryId = String(data.get('categoryId') ?? '');
    const form = `update:${categoryId}`;
    const r = await act(form, () =>
      api(event).config.categories.update({
        guildId: event.params.guildId,
        categoryId,
        ...categoryFields(data),
      }),
    );
    return r.ok ? { form, success: 'Category saved.' } : r.failure;
  },
  delete: async (event) => {
    const categoryId = String((await event.request.formData()).get('categoryId') ?? '');
    const form = `update:${categoryId}`;
    const r = await act(form, () =>
      api(event).config.categories.delete({ guildId: event.params.guildId, categoryId }),
    );
    return r.ok ? { form: 'create', success: 'Category deleted.' } : r.failure;
  },
};
