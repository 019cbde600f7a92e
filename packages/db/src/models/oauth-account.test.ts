import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureFieldEncryption, FieldEncryptionError } from '../crypto/field-encryption.js';
import { startTestDatabase, type TestDatabase, testKeyring } from '../testing/index.js';
import { OAuthAccount, readDiscordTokens, saveDiscordTokens } from './oauth-account.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(() => db.stop());

const tokens = {
  accessToken: 'discord-access-token-6qrZcUqja7812RVdnEKjpzOL4CvHBFG',
  refreshToken: 'discord-refresh-token-D43f5y0ahjqew82jZ4NViEr2YafMKhue',
  scopes: ['identify', 'guilds'],
  accessTokenExpiresAt: new Date('2026-12-04T10:00:00Z'),
};

describe('OAuth2 tokens at rest ("Stored securely … never exposed")', () => {
  it('are ciphertext in the raw collection and decrypt to the original through the model', async () => {
    configureFieldEncryption(db.keyring);
    await saveDiscordTokens('u1', tokens);
    const raw = await OAuthAccount.collection.findOne({ userId: 'u1' });
    const rawText = JSON.stringify(raw);
    expect(rawText).not.toContain(tokens.accessToken);
    expect(rawText).not.toContain(tokens.refreshToken);
    expect(raw?.accessToken).toMatch(/^tbenc:v1:test:/);
    expect(await readDiscordTokens('u1')).toEqual(tokens);
  });

  it('are not returned by ordinary queries', async () => {
    await saveDiscordTokens('u2', tokens);
    const account = await OAuthAccount.findOne({ userId: 'u2' }).lean();
    expect(account).not.toHaveProperty('accessToken');
    expect(account).not.toHaveProperty('refreshToken');
  });

  it('fail loudly under a wrong key', async () => {
    await saveDiscordTokens('u3', tokens);
    configureFieldEncryption(testKeyring('test'));
    await expect(readDiscordTokens('u3')).rejects.toBeInstanceOf(FieldEncryptionError);
    configureFieldEncryption(db.keyring);
  });

  it('cannot be moved to another user (the ciphertext is bound to its owner)', async () => {
    await saveDiscordTokens('u4', tokens);
    const raw = await OAuthAccount.collection.findOne({ userId: 'u4' });
    await OAuthAccount.collection.updateOne({ userId: 'u1' }, { $set: { accessToken: raw?.accessToken } });
    await expect(readDiscordTokens('u1')).rejects.toBeInstanceOf(FieldEncryptionError);
  });
});
