// API tokens for internal tools: created once (the plaintext is returned a single time), stored as a
// SHA-256 hash, looked up by hash on every request, revocable, with last use recorded.
import { ApiToken, type ApiTokenScope, generateApiToken, hashApiToken } from '@ticketbyte/db';
import type { Actor } from '../actor.js';

export async function createApiToken(input: {
  name: string;
  scopes: ApiTokenScope[];
  guildIds: string[];
  createdById: string;
}) {
  const token = generateApiToken();
  const doc = await ApiToken.create({
    tokenHash: hashApiToken(token),
    displayPrefix: token.slice(0, 7),
    name: input.name,
    scopes: input.scopes,
    guildIds: input.guildIds,
    createdById: input.createdById,
  });
  return { token, id: doc._id.toString() };
}

/** Recording last use at most once a minute keeps a busy token from writing on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** The actor for a bearer token, or null when it is unknown or revoked. */
export async function actorForApiToken(
  token: string,
  now = new Date(),
): Promise<Extract<Actor, { kind: 'api-token' }> | null> {
  if (!/^tb_[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const doc = await ApiToken.findOne({ tokenHash: hashApiToken(token), revokedAt: null }).lean();
  if (!doc) return null;
  if (!doc.lastUsedAt || now.getTime() - doc.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await ApiToken.updateOne({ _id: doc._id }, { $set: { lastUsedAt: now } });
  }
  return {
    kind: 'api-token',
    tokenId: doc._id.toString(),
    scopes: doc.scopes as ApiTokenScope[],
    guildIds: doc.guildIds,
  };
}
