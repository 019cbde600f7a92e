import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuthAccount, readDiscordTokens, saveDiscordTokens } from '../models/oauth-account.js';
import { TranscriptMessage, transcriptContentContext } from '../models/transcript-message.js';
import { startTestDatabase, type TestDatabase } from '../testing/index.js';
import {
  configureFieldEncryption,
  createKeyring,
  decryptField,
  encryptField,
  keyIdOf,
} from './field-encryption.js';
import { rotateEncryptedFields } from './rotate-keys.js';

let db: TestDatabase;
const k1 = randomBytes(32);
const k2 = randomBytes(32);
const oldRing = createKeyring(new Map([['k1', k1]]));
const newRing = createKeyring(
  new Map([
    ['k2', k2],
    ['k1', k1],
  ]),
  'k2',
);

beforeAll(async () => {
  db = await startTestDatabase();
  configureFieldEncryption(oldRing);
  for (let i = 0; i < 5; i++) {
    await saveDiscordTokens(`user${i}`, {
      accessToken: `access-${i}`,
      refreshToken: `refresh-${i}`,
      scopes: ['identify'],
      accessTokenExpiresAt: null,
    });
  }
  await TranscriptMessage.collection.insertMany(
    Array.from({ length: 20 }, (_, i) => ({
      _id: `m${i}`,
      guildId: 'g',
      ticketId: 't',
      channelId: 'c',
      messageId: `m${i}`,
      authorId: 'a',
      authorName: 'A',
      content: encryptField(`message ${i}`, transcriptContentContext(`m${i}`), oldRing),
      sentAt: new Date(),
      expiresAt: new Date(Date.now() + 86_400_000),
    })) as never[],
  );
});
afterAll(() => db.stop());

describe('key rotation (`ticketbyte keys rotate`)', () => {
  it('re-seals every value under the new key, resumes after an interruption, and the old key can then go', async () => {
    const partial = await rotateEncryptedFields({ keyring: newRing, batchSize: 4, limit: 7 });
    expect(partial.oauthTokens + partial.transcriptMessages).toBe(7);

    const rest = await rotateEncryptedFields({ keyring: newRing, batchSize: 4 });
    expect(rest.oauthTokens + rest.transcriptMessages).toBe(25 - 7);
    expect(rest.alreadyCurrent).toBe(7);

    const accounts = await OAuthAccount.find({}).select('+accessToken +refreshToken').lean();
    expect(accounts.every((a) => keyIdOf(a.accessToken) === 'k2' && keyIdOf(a.refreshToken!) === 'k2')).toBe(
      true,
    );
    const onlyNew = createKeyring(new Map([['k2', k2]]));
    configureFieldEncryption(onlyNew);
    expect((await readDiscordTokens('user3'))?.accessToken).toBe('access-3');
    const message = await TranscriptMessage.findOne({ messageId: 'm11' }).lean();
    expect(decryptField(message!.content, transcriptContentContext('m11'), onlyNew)).toBe('message 11');

    const again = await rotateEncryptedFields({ keyring: newRing });
    expect(again).toEqual({ oauthTokens: 0, transcriptMessages: 0, alreadyCurrent: 25 });
  });
});
