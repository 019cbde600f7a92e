// A support ticket. Stores Discord user ids of the opener, staff and participants ("Discord User ID:
// identifies ticket creators and staff members") and the answers the opener typed into the opening
// form — never the channel's messages, which live in TranscriptMessage only when transcripts are on.
import { type InferSchemaType, model, Schema } from 'mongoose';
import { isDuplicateKeyError } from '../errors.js';
import { inProcessQueue } from '../write-lock.js';

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

/** The highest ticket number this process has seen per guild (bounded: oldest guilds forgotten first). */
const highestSeen = new Map<string, number>();
const HIGHEST_SEEN_MAX = 10_000;

function rememberHighest(guildId: string, number: number): void {
  highestSeen.delete(guildId);
  highestSeen.set(guildId, number);
  if (highestSeen.size > HIGHEST_SEEN_MAX) highestSeen.delete(highestSeen.keys().next().value as string);
}

async function highestTicketNumber(guildId: string): Promise<number> {
  const last = await Ticket.findOne({ guildId }, { number: 1 }).sort({ number: -1 }).lean();
  return last?.number ?? 0;
}

/**
 * Inserts a ticket with its guild's next number (1, 2, 3, …, no repeats). The unique index on
 * (guildId, number) is the allocator: the insert takes the number or fails, which every server
 * (FerretDB v1 included) does atomically — one write, no counter document and no lock. This
 * process remembers each guild's highest number and queues its own inserts per guild, so only
 * another process opening a ticket in the same guild at the same moment causes a retry.
 */
export interface NewTicket {
  openKey: string;
  categoryId: string | null;
  openerId: string;
  topic: string;
  answers: Array<{ questionId: string; label: string; value: string }>;
  status: (typeof TICKET_STATUSES)[number];
  openedAt: Date;
  lastActivityAt: Date;
}

export async function insertNumberedTicket(guildId: string, fields: NewTicket) {
  return inProcessQueue(`ticket-number:${guildId}`, async () => {
    let number = (highestSeen.get(guildId) ?? (await highestTicketNumber(guildId))) + 1;
    for (let attempt = 0; ; attempt++) {
      try {
        const ticket = await Ticket.create({ ...fields, guildId, number });
        rememberHighest(guildId, number);
        return ticket;
      } catch (error) {
        const numberTaken = isDuplicateKeyError(error) && (await Ticket.exists({ guildId, number })) !== null;
        if (!numberTaken || attempt >= 10) throw error;
        number = (await highestTicketNumber(guildId)) + 1;
      }
    }
  });
}
