// Closing from buttons: the Close button (confirm for the opener, a reason form for staff), the
// confirmation, the reason form, and the opener's answer to a staff close request.
import { answerCloseRequest, closeTicket, promptClose } from '../actions/tickets.js';
import { byId } from '../lib/ticket-ref.js';
import { defineComponent, ticketIdFor } from '../lib/definitions.js';

export const closeButton = defineComponent({
  name: 'close',
  mayShowModal: true,
  parse: ticketIdFor('close'),
  run: (inv, _i, data) => promptClose(inv, data.ticketId),
});

export const closeConfirm = defineComponent({
  name: 'close-confirm',
  parse: ticketIdFor('close-confirm'),
  mode: 'update',
  run: (inv, _i, data) => closeTicket(inv, byId(inv, data.ticketId)),
});

export const closeForm = defineComponent({
  name: 'close-form',
  parse: ticketIdFor('close-form'),
  run: async (inv, interaction, data) => {
    const reason = interaction.isModalSubmit() ? interaction.fields.getTextInputValue('reason') : '';
    await closeTicket(inv, byId(inv, data.ticketId), reason);
  },
});

export const closeAccept = defineComponent({
  name: 'close-accept',
  parse: ticketIdFor('close-accept'),
  run: (inv, _i, data) => answerCloseRequest(inv, byId(inv, data.ticketId), true),
});

export const closeDeny = defineComponent({
  name: 'close-deny',
  parse: ticketIdFor('close-deny'),
  run: (inv, _i, data) => answerCloseRequest(inv, byId(inv, data.ticketId), false),
});

export const closeComponents = [closeButton, closeConfirm, closeForm, closeAccept, closeDeny];
