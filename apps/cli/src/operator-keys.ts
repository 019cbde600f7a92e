// `ticketbyte keys rotate`: re-seal OAuth tokens and transcript content under ENCRYPTION_KEY_ID.
// Safe to interrupt and run again; values already under the current key are skipped.
import { connectDatabase, disconnectDatabase, loadKeyring } from '@ticketbyte/db';
import { rotateEncryptedFields } from '@ticketbyte/db/crypto';
import { parseEnv } from '@ticketbyte/db/env';

export async function rotateKeys(input: {
  env: Record<string, string | undefined>;
  batchSize?: number;
  out(line: string): void;
  /** Use an existing connection (tests) instead of MONGODB_URI. */
  connected?: boolean;
}) {
  const env = parseEnv(input.env);
  if (!env.ENCRYPTION_KEYS)
    throw new Error('Set ENCRYPTION_KEYS (all keys still in use) and ENCRYPTION_KEY_ID (the new one).');
  const keyring = loadKeyring(env);
  if (!input.connected) {
    if (!env.MONGODB_URI) throw new Error('Set MONGODB_URI to the database TicketByte uses.');
    await connectDatabase(env.MONGODB_URI);
  }
  try {
    const result = await rotateEncryptedFields({
      keyring,
      batchSize: input.batchSize,
      onBatch: (p) =>
        input.out(
          `… ${p.oauthTokens} OAuth accounts and ${p.transcriptMessages} messages re-sealed, ${p.alreadyCurrent} already current`,
        ),
    });
    input.out(
      `Done: everything is sealed with key ${keyring.currentKeyId}. Keys no longer needed can be removed from ENCRYPTION_KEYS.`,
    );
    return result;
  } finally {
    if (!input.connected) await disconnectDatabase();
  }
}
