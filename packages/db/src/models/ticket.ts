// A support ticket. Stores Discord user ids of the opener, staff and participants ("Discord User ID:
// identifies ticket creators and staff members") and the answers the opener typed into the opening
// form — never the channel's messages, which live in TranscriptMessage only when transcripts are on.
import { type InferSchemaType, model, Schema } from 'mongoose';

const answerSchema = new Schema(
  {
    questionId: { type: String, required: true },
    label: { type: String, required: true },
    value: { type: String, default: '', maxlength: 4000 },
  },
  { _id: false, strict: 'throw' },
);

const closeRequestSchema = new Schema(
  {
    requestedById: { type: String, required: true },
    reason: { type: String, default: null, maxlength: 500 },
    requestedAt: { type: Date, required: true },
  },
  { _id: false, strict: 'throw' },
);

export const TICKET_STATUSES = ['opening', 'open', 'closed'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

const ticketSchema = new Schema(
  {
    guildId: { type: String, required: true },
    number: { type: Number, required: true, min: 1 },
    // Idempotency key: the Discord interaction id that opened it, or a caller-supplied request id.
    // Unique, so a double-click or a retried request can never make a second ticket.
    openKey: { type: String, required: true },
    categoryId: { type: String, default: null },
    // Null while status is 'opening' (the channel is being created) — see the API's open procedure.
    channelId: { type: String, default: null },
    openerId: { type: String, required: true },
    participantIds: { type: [String], default: [] },
    claimedById: { type: String, default: null },
    priority: { type: String, enum: TICKET_PRIORITIES, default: 'normal' },
    topic: { type: String, default: '', maxlength: 1024 },
    answers: { type: [answerSchema], default: [] },
    status: { type: String, enum: TICKET_STATUSES, default: 'opening' },
    closeReason: { type: String, default: null, maxlength: 1024 },
    closedById: { type: String, default: null },
    closeRequest: { type: closeRequestSchema, default: null },
    openedAt: { type: Date, required: true },
    closedAt: { type: Date, default: null },
    firstStaffResponseAt: { type: Date, default: null },
    lastActivityAt: { type: Date, required: true },
    autoCloseWarnedAt: { type: Date, default: null },
    // Set when the opener asked for their data to be deleted: openerId then holds a hash.
    openerAnonymised: { type: Boolean, default: false },
  },
  { strict: 'throw', timestamps: true },
);
ticketSchema.index({ guildId: 1, number: 1 }, { unique: true });
ticketSchema.index({ openKey: 1 }, { unique: true });
ticketSchema.index({ guildId: 1, status: 1, openedAt: -1 });
ticketSchema.index({ guildId: 1, openerId: 1, status: 1 });
ticketSchema.index({ guildId: 1, claimedById: 1, status: 1 });
ticketSchema.index({ channelId: 1 });
ticketSchema.index({ status: 1, lastActivityAt: 1 });
ticketSchema.index({ openerId: 1 });
ticketSchema.index({ participantIds: 1 });

export type TicketDoc = InferSchemaType<typeof ticketSchema>;
export const Ticket = model('Ticket', ticketSchema);
