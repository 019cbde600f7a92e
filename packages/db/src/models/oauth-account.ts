// Discord OAuth2 tokens of a dashboard user — "OAuth2 Tokens: stored securely to allow dashboard
// login. Never exposed to other users or third parties." Both tokens are encrypted with AES-256-GCM
// (field encryption, bound to the user id) and excluded from queries unless asked for explicitly.
import { type InferSchemaType, model, Schema } from 'mongoose';
import { decryptField, encryptField } from '../crypto/field-encryption.js';

const oauthAccountSchema = new Schema(
  {
    userId: { type: String, required: true },
    provider: { type: String, enum: ['discord'], default: 'discord' },
    accessToken: { type: String, required: true, select: false },
    refreshToken: { type: String, default: null, select: false },
    scopes: { type: [String], default: [] },
    accessTokenExpiresAt: { type: Date, default: null },
  },
  { strict: 'throw', timestamps: true },
);
oauthAccountSchema.index({ userId: 1, provider: 1 }, { unique: true });

export type OAuthAccountDoc = InferSchemaType<typeof oauthAccountSchema>;
export const OAuthAccount = model('OAuthAccount', oauthAccountSchema);

export interface DiscordTokens {
  accessToken: string;
  refreshToken: string | null;
  scopes: string[];
  accessTokenExpiresAt: Date | null;
}

const tokenContext = (userId: string, which: 'access' | 'refresh') => `oauth:${which}:${userId}`;

/** Stores (or replaces) a user's Discord tokens, encrypted. */
export async function saveDiscordTokens(userId: string, tokens: DiscordTokens): Promise<void> {
  await OAuthAccount.updateOne(
    { userId, provider: 'discord' },
    {
      $set: {
        accessToken: encryptField(tokens.accessToken, tokenContext(userId, 'access')),
        refreshToken: tokens.refreshToken
          ? encryptField(tokens.refreshToken, tokenContext(userId, 'refresh'))
          : null,
        scopes: tokens.scopes,
        accessTokenExpiresAt: tokens.accessTokenExpiresAt,
      },
    },
    { upsert: true },
  );
}

/** Reads and decrypts a user's Discord tokens; null when there are none. */
export async function readDiscordTokens(userId: string): Promise<DiscordTokens | null> {
  const account = await OAuthAccount.findOne({ userId, provider: 'discord' })
    .select('+accessToken +refreshToken')
    .lean();
  if (!account) return null;
  return {
    accessToken: decryptField(account.accessToken, tokenContext(userId, 'access')),
    refreshToken: account.refreshToken
      ? decryptField(account.refreshToken, tokenContext(userId, 'refresh'))
      : null,
    scopes: account.scopes,
    accessTokenExpiresAt: account.accessTokenExpiresAt ?? null,
  };
}

export { tokenContext as oauthTokenContext };
