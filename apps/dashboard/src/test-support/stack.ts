// The whole login stack for HTTP and browser tests: a throwaway FerretDB, the Discord emulator and the
// built dashboard server wired to both. stop() leaves no process or port behind.
import { randomBytes } from 'node:crypto';
import { configureFieldEncryption, createKeyring } from '@ticketbyte/db/crypto';
import { startTestDatabase, type TestDatabase } from '@ticketbyte/db/testing';
import { freePort, type RunningDashboard, startDashboard } from './dashboard-server.js';
import { startTestEmulator, type TestEmulator } from './emulator.js';

export interface TestStack {
  db: TestDatabase;
  emulator: TestEmulator;
  dashboard: RunningDashboard;
  userId(username: string): string;
  stop(): Promise<void>;
}

export async function startTestStack(): Promise<TestStack> {
  const db = await startTestDatabase();
  // The test process and the dashboard seal and open the same values (transcripts), so they share a key.
  const key = randomBytes(32);
  configureFieldEncryption(createKeyring(new Map([['e2e', key]]), 'e2e'));
  const port = await freePort();
  const emulator = await startTestEmulator([`http://localhost:${port}/login/callback`]);
  const oauth = emulator.seed.oauth!;
  const dashboard = await startDashboard(port, {
    MONGODB_URI: db.uri,
    ENCRYPTION_KEYS: `e2e:${key.toString('base64')}`,
    DISCORD_TOKEN: emulator.seed.bot.token,
    DISCORD_APPLICATION_ID: oauth.clientId,
    DISCORD_CLIENT_SECRET: oauth.clientSecret,
    DISCORD_API_URL: emulator.restUrl,
    DISCORD_OAUTH_AUTHORIZE_URL: emulator.oauthUrls.authorize,
    DISCORD_OAUTH_TOKEN_URL: emulator.oauthUrls.token,
    DISCORD_OAUTH_REVOKE_URL: emulator.oauthUrls.revoke,
  }).catch(async (error: unknown) => {
    await emulator.close();
    await db.stop();
    throw error;
  });
  return {
    db,
    emulator,
    dashboard,
    userId: (username) => {
      const user = emulator.seed.users.find((u) => u.username === username);
      if (!user) throw new Error(`no seeded user ${username}`);
      return user.id;
    },
    async stop() {
      try {
        await dashboard.stop();
        await emulator.close();
      } finally {
        await db.stop();
      }
    },
  };
}
