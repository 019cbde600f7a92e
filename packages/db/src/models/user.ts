// A person who signed in to the dashboard — "Username & Avatar: displayed in the dashboard and
// ticket transcripts. Fetched via Discord OAuth2." There is no e-mail field, and strict mode
// rejects any attempt to store one ("We do NOT collect email addresses").
import { type InferSchemaType, model, Schema } from 'mongoose';

const userSchema = new Schema(
  {
    discordId: { type: String, required: true },
    username: { type: String, required: true, maxlength: 64 },
    globalName: { type: String, default: null, maxlength: 64 },
    avatar: { type: String, default: null, maxlength: 64 },
    // When username and avatar were last refreshed from Discord (the source of truth).
    profileSyncedAt: { type: Date, required: true },
  },
  { strict: 'throw', timestamps: true },
);
userSchema.index({ discordId: 1 }, { unique: true });

export type UserDoc = InferSchemaType<typeof userSchema>;
export const User = model('User', userSchema);
