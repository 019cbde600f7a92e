// Panel buttons and select menus, and the opening-questions form they lead to.
import { parseCustomId } from '@ticketbyte/api';
import { beginOpen, openTicket, TOPIC_FIELD } from '../actions/tickets.js';
import { defineComponent } from '../lib/definitions.js';

/** `tb:open:v1:<categoryId>` — a panel button (or the button a prefix command answers with). */
export const openButton = defineComponent({
  name: 'open',
  mayShowModal: true,
  parse: (id) => {
    const parsed = parseCustomId(id);
    return parsed?.action === 'open' ? { categoryId: parsed.arg } : null;
  },
  run: (inv, _interaction, data) => beginOpen(inv, { categoryId: data.categoryId, fromPanel: true }),
});

/** `tb:open-select:v1:<panelId>` — a panel's select menu; the chosen value is the category id. */
export const openSelect = defineComponent({
  name: 'open-select',
  mayShowModal: true,
  parse: (id) => {
    const parsed = parseCustomId(id);
    return parsed?.action === 'open-select' ? { panelId: parsed.arg } : null;
  },
  run: async (inv, interaction) => {
    const categoryId = interaction.isStringSelectMenu() ? interaction.values[0] : undefined;
    await beginOpen(inv, { categoryId, fromPanel: true });
  },
});

/** `tb:open-form:v1:<categoryId>` — the submitted opening questions. */
export const openForm = defineComponent({
  name: 'open-form',
  parse: (id) => {
    const parsed = parseCustomId(id);
    return parsed?.action === 'open-form' ? { categoryId: parsed.arg } : null;
  },
  run: async (inv, interaction, data) => {
    if (!interaction.isModalSubmit()) return;
    const answers: Record<string, string> = {};
    let topic: string | undefined;
    for (const [fieldId, field] of interaction.fields.fields) {
      if (!('value' in field) || typeof field.value !== 'string') continue;
      if (fieldId === TOPIC_FIELD) topic = field.value;
      else answers[fieldId] = field.value;
    }
    await openTicket(inv, { categoryId: data.categoryId, topic, answers });
  },
});

export const openComponents = [openButton, openSelect, openForm];
