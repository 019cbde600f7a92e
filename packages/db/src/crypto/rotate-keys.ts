// `ticketbyte keys rotate`: re-seals every encrypted field under the current key, in batches.
// Each value is checked on its own, so an interrupted run is resumed by running it again: values
// already under the current key are skipped.
import { OAuthAccount, oauthTokenContext } from '../models/oauth-account.js';
import { TranscriptMessage, transcriptContentContext } from '../models/transcript-message.js';
import { isEncrypted, keyIdOf, type Keyring, reencryptField } from './field-encryption.js';

export interface RotationProgress {
  oauthTokens: number;
  transcriptMessages: number;
  alreadyCurrent: number;
}

export interface RotationOptions {
  keyring: Keyring;
  batchSize?: number;
  /** Stop after re-sealing this many values (to test and to spread the work). */
  limit?: number;
  onBatch?(progress: RotationProgress): void;
}

export async function rotateEncryptedFields(options: RotationOptions): Promise<RotationProgress> {
  const { keyring } = options;
  const batchSize = options.batchSize ?? 500;
  const progress: RotationProgress = { oauthTokens: 0, transcriptMessages: 0, alreadyCurrent: 0 };
  const budget = () =>
    options.limit === undefined || progress.oauthTokens + progress.transcriptMessages < options.limit;
  const stale = (value: unknown): value is string =>
    isEncrypted(value) && keyIdOf(value) !== keyring.currentKeyId;

  let seen = 0;
  for await (const account of OAuthAccount.find({})
    .select('+accessToken +refreshToken')
    .sort({ _id: 1 })
    .lean()
    .cursor({ batchSize })) {
    if (!budget()) break;
    const set: Record<string, string> = {};
    if (stale(account.accessToken))
      set.accessToken = reencryptField(
        account.accessToken,
        oauthTokenContext(account.userId, 'access'),
        keyring,
      );
    if (stale(account.refreshToken)) {
      set.refreshToken = reencryptField(
        account.refreshToken,
        oauthTokenContext(account.userId, 'refresh'),
        keyring,
      );
    }
    if (Object.keys(set).length === 0) progress.alreadyCurrent++;
    else {
      await OAuthAccount.updateOne({ _id: account._id }, { $set: set });
      progress.oauthTokens++;
    }
    if (++seen % batchSize === 0) options.onBatch?.({ ...progress });
  }
  for await (const message of TranscriptMessage.find({}, { content: 1, messageId: 1 })
    .sort({ _id: 1 })
    .lean()
    .cursor({ batchSize })) {
    if (!budget()) break;
    if (stale(message.content)) {
      const content = reencryptField(message.content, transcriptContentContext(message.messageId), keyring);
      await TranscriptMessage.updateOne({ _id: message._id }, { $set: { content } });
      progress.transcriptMessages++;
    } else progress.alreadyCurrent++;
    if (++seen % batchSize === 0) options.onBatch?.({ ...progress });
  }
  options.onBatch?.({ ...progress });
  return progress;
}
