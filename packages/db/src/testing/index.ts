// Test support: a throwaway FerretDB (temporary folder, free port) per test file, connected through
// the same code production uses, with a fresh encryption key. Stopping it removes the folder.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectDatabase, type DatabaseInfo, disconnectDatabase, ensureIndexes } from '../connection.js';
import { configureFieldEncryption, createKeyring, type Keyring } from '../crypto/field-encryption.js';
import { type EmbeddedDatabase, startEmbeddedDatabase } from '../embedded/ferretdb.js';
import '../models/index.js';

export interface TestDatabase {
  uri: string;
  dbName: string;
  info: DatabaseInfo;
  keyring: Keyring;
  server: EmbeddedDatabase;
  stop(): Promise<void>;
}

export function testKeyring(keyId = 'test'): Keyring {
  return createKeyring(new Map([[keyId, randomBytes(32)]]), keyId);
}

/** Starts a private FerretDB, connects mongoose to a fresh database in it and creates all indexes. */
export async function startTestDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ticketbyte-test-db-'));
  const server = await startEmbeddedDatabase({ dataDir });
  const dbName = `test_${randomBytes(4).toString('hex')}`;
  const info = await connectDatabase(server.uri, { dbName });
  await ensureIndexes();
  const keyring = testKeyring();
  configureFieldEncryption(keyring);
  return {
    uri: `${server.uri}${dbName}`,
    dbName,
    info,
    keyring,
    server,
    async stop() {
      await disconnectDatabase();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
