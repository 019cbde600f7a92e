// Members or roles a server barred from opening tickets — "to enforce server configuration
// settings (e.g. blacklists, ticket limits)".
import { type InferSchemaType, model, Schema } from 'mongoose';

const blacklistSchema = new Schema(
  {
    guildId: { type: String, required: true },
    targetType: { type: String, enum: ['user', 'role'], required: true },
    targetId: { type: String, required: true },
    reason: { type: String, default: '', maxlength: 500 },
    addedById: { type: String, required: true },
  },
  { strict: 'throw', timestamps: true },
);
blacklistSchema.index({ guildId: 1, targetType: 1, targetId: 1 }, { unique: true });

export type BlacklistDoc = InferSchemaType<typeof blacklistSchema>;
export const Blacklist = model('Blacklist', blacklistSchema);
