// Dashboard login sessions — "a single session cookie to keep you logged in ... deleted when you
// log out or it expires (after 7 days)". Only a SHA-256 hash of the session token is stored, so a
// database dump cannot be replayed as a login.
import { type InferSchemaType, model, Schema } from 'mongoose';

const sessionSchema = new Schema(
  {
    // The hash of the token in the cookie, hex.
    _id: { type: String, required: true },
    userId: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    // Shown in "your sessions" so people can recognise and end them; a short device summary only.
    device: { type: String, default: '', maxlength: 120 },
    lastSeenAt: { type: Date, required: true },
  },
  { strict: 'throw', timestamps: true },
);
sessionSchema.index({ userId: 1 });
// Not a TTL index (FerretDB v1 has none): the retention sweep deletes expired sessions.
sessionSchema.index({ expiresAt: 1 });

export type SessionDoc = InferSchemaType<typeof sessionSchema>;
export const Session = model('Session', sessionSchema);
