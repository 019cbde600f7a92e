// Tokens internal tools use to call the API ("Authorization: Bearer tb_…"). Only a SHA-256 hash of
// the token is stored; the token itself is shown once, when it is created.
import { createHash, randomBytes } from 'node:crypto';
import { type InferSchemaType, model, Schema } from 'mongoose';

export const API_TOKEN_SCOPES = [
  'tickets:read',
  'tickets:write',
  'config:read',
  'config:write',
  'analytics:read',
  'privacy:admin',
] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

const apiTokenSchema = new Schema(
  {
    tokenHash: { type: String, required: true },
    // The first characters of the token, to recognise it in a list without revealing it.
    displayPrefix: { type: String, required: true },
    name: { type: String, required: true, maxlength: 64 },
    scopes: { type: [String], enum: API_TOKEN_SCOPES, default: [] },
    // Empty means every guild (an operator token); otherwise only these guilds.
    guildIds: { type: [String], default: [] },
    createdById: { type: String, required: true },
    lastUsedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
  },
  { strict: 'throw', timestamps: true },
);
apiTokenSchema.index({ tokenHash: 1 }, { unique: true });
apiTokenSchema.index({ guildIds: 1 });

export type ApiTokenDoc = InferSchemaType<typeof apiTokenSchema>;
export const ApiToken = model('ApiToken', apiTokenSchema);

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new random token in the `tb_` format: 32 random bytes, base64url. */
export function generateApiToken(): string {
  return `tb_${randomBytes(32).toString('base64url')}`;
}
