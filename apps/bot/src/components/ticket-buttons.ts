// The staff buttons in a ticket channel: Claim on the welcome message; Reopen, Transcript and Delete
// on the closed message. Who may press them is the router's decision, not the button's.
import { claimTicket, deleteTicketChannel, reopenTicket, sendTranscript } from '../actions/tickets.js';
import { byId } from '../lib/ticket-ref.js';
import { defineComponent, ticketIdFor } from '../lib/definitions.js';

export const claimButton = defineComponent({
  name: 'claim',
  parse: ticketIdFor('claim'),
  run: (inv, _i, data) => claimTicket(inv, byId(inv, data.ticketId)),
});

export const reopenButton = defineComponent({
  name: 'reopen',
  parse: ticketIdFor('reopen'),
  run: (inv, _i, data) => reopenTicket(inv, byId(inv, data.ticketId)),
});

export const transcriptButton = defineComponent({
  name: 'transcript',
  parse: ticketIdFor('transcript'),
  run: (inv, _i, data) => sendTranscript(inv, byId(inv, data.ticketId)),
});

export const deleteButton = defineComponent({
  name: 'delete',
  parse: ticketIdFor('delete'),
  run: (inv, _i, data) => deleteTicketChannel(inv, byId(inv, data.ticketId)),
});

export const ticketButtons = [claimButton, reopenButton, transcriptButton, deleteButton];
