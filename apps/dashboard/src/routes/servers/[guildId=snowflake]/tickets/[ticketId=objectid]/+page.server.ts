// One ticket: details, timeline, transcript, and the staff actions (each a form action that calls
// the router, which also updates the ticket's channel in Discord).
import { PRIORITY_LABELS } from '$lib/format';
import { act, api, loadOrFail } from '$lib/server/api';
import { namesFor } from '$lib/server/people';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const caller = api(event);
  const { guildId, ticketId } = event.params;
  const [{ ticket, transcript }, categories] = await loadOrFail(event, () =>
    Promise.all([caller.ticket.get({ guildId, ticketId }), caller.config.categories.list({ guildId })]),
  );
  const names = await loadOrFail(event, () =>
    namesFor(caller, guildId, [
      ticket.openerId,
      ticket.claimedById,
      ticket.closedById,
      ...ticket.participantIds,
    ]),
  );
  const category = categories.find((c) => c.id === ticket.categoryId) ?? null;
  return {
    ticket,
    transcript,
    category: category ? { name: category.name, emoji: category.emoji } : null,
    names,
  };
};

const ticketRef = (params: { guildId: string; ticketId: string }) => ({
  guildId: params.guildId,
  ticketId: params.ticketId,
});

export const actions: Actions = {
  claim: async (event) => {
    const r = await act('claim', () => api(event).ticket.claim(ticketRef(event.params)));
    return r.ok ? { form: 'claim', success: 'You claimed this ticket.' } : r.failure;
  },
  unclaim: async (event) => {
    const r = await act('claim', () => api(event).ticket.unclaim(ticketRef(event.params)));
    return r.ok ? { form: 'claim', success: 'The ticket is unclaimed again.' } : r.failure;
  },
  close: async (event) => {
    const reason = String((await event.request.formData()).get('reason') ?? '');
    const r = await act('close', () =>
      api(event).ticket.close({ ...ticketRef(event.params), reason: reason || undefined }),
    );
    return r.ok ? { form: 'close', success: 'Ticket closed. The channel was locked in Discord.' } : r.failure;
  },
  reopen: async (event) => {
    const r = await act('close', () => api(event).ticket.reopen(ticketRef(event.params)));
    return r.ok ? { form: 'close', success: 'Ticket reopened.' } : r.failure;
  },
  priority: async (event) => {
    const priority = String((await event.request.formData()).get('priority') ?? '');
    const r = await act('priority', () =>
      api(event).ticket.setPriority({
        ...ticketRef(event.params),
        priority: priority as keyof typeof PRIORITY_LABELS,
      }),
    );
    return r.ok
      ? {
          form: 'priority',
          success: `Priority set to ${PRIORITY_LABELS[r.value.ticket.priority].toLowerCase()}.`,
        }
      : r.failure;
  },
};
