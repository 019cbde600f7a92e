// Privacy requests — "Access, Deletion, Correction, Portability" — with their progress, so people
// can see what they asked for and when it was done.
import { type InferSchemaType, model, Schema } from 'mongoose';

export const DATA_REQUEST_KINDS = [
  'access',
  'export',
  'deletion',
  'correction',
  'guild-export',
  'guild-deletion',
] as const;
export const DATA_REQUEST_STATUSES = ['pending', 'processing', 'completed', 'failed'] as const;

const dataRequestSchema = new Schema(
  {
    kind: { type: String, enum: DATA_REQUEST_KINDS, required: true },
    // The person who asked (kept as a hash once their own deletion completed).
    requesterId: { type: String, required: true },
    guildId: { type: String, default: null },
    status: { type: String, enum: DATA_REQUEST_STATUSES, default: 'pending' },
    requestedAt: { type: Date, required: true },
    completedAt: { type: Date, default: null },
    // Earliest time an automatic action runs (guild deletion after the grace period).
    scheduledFor: { type: Date, default: null },
    error: { type: String, default: null, maxlength: 500 },
  },
  { strict: 'throw', timestamps: true },
);
dataRequestSchema.index({ requesterId: 1, requestedAt: -1 });
dataRequestSchema.index({ guildId: 1 });
dataRequestSchema.index({ status: 1, scheduledFor: 1 });

export type DataRequestDoc = InferSchemaType<typeof dataRequestSchema>;
export const DataRequest = model('DataRequest', dataRequestSchema);
