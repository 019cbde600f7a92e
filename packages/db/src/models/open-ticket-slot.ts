// Enforces the per-member open-ticket limit without transactions: a member holds one slot document
// per open ticket, numbered 1..limit under a unique index. Taking a slot is a plain insert, which is
// atomic on every server, so 20 concurrent opens with a limit of 3 take exactly 3 slots.
import { model, Schema } from 'mongoose';
import { isDuplicateKeyError } from '../errors.js';

const openTicketSlotSchema = new Schema(
  {
    guildId: { type: String, required: true },
    userId: { type: String, required: true },
    slot: { type: Number, required: true, min: 1 },
    ticketKey: { type: String, required: true },
  },
  { strict: 'throw', versionKey: false },
);
openTicketSlotSchema.index({ guildId: 1, userId: 1, slot: 1 }, { unique: true });
// One slot per ticket: a retried open (same key) can never take a second slot.
openTicketSlotSchema.index({ ticketKey: 1 }, { unique: true });

export const OpenTicketSlot = model('OpenTicketSlot', openTicketSlotSchema);

export type SlotOutcome = 'taken' | 'limit-reached' | 'key-in-use';

/**
 * Takes a free slot for the member. 'limit-reached' when all `limit` slots are held; 'key-in-use'
 * when another request with the same ticket key already holds one (a retry or a double-click).
 */
export async function takeOpenTicketSlot(
  guildId: string,
  userId: string,
  limit: number,
  ticketKey: string,
): Promise<SlotOutcome> {
  for (let slot = 1; slot <= limit; slot++) {
    try {
      await OpenTicketSlot.collection.insertOne({ guildId, userId, slot, ticketKey } as never);
      return 'taken';
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  return (await OpenTicketSlot.exists({ ticketKey })) ? 'key-in-use' : 'limit-reached';
}

/** Frees the slot a ticket held (on close, or when opening it failed). */
export async function releaseOpenTicketSlot(ticketKey: string): Promise<void> {
  await OpenTicketSlot.deleteMany({ ticketKey });
}
