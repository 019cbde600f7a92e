// What every TicketByte process does first: connect to the database, create indexes and load the
// encryption keys. In development without ENCRYPTION_KEYS a local key is generated once and kept in
// the data folder (never in production, where a missing key stops start-up).
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { connectDatabase, type DatabaseInfo, ensureIndexes } from './connection.js';
import {
  configureFieldEncryption,
  createKeyring,
  generateKeyMaterial,
  type Keyring,
} from './crypto/field-encryption.js';
import { findRepoRoot } from './embedded/ferretdb.js';
import { type Env, EnvError } from './env.js';
import './models/index.js';

export function dataDirectory(env: Pick<Env, 'TICKETBYTE_DATA_DIR'>): string {
  const root = findRepoRoot();
  const dir = env.TICKETBYTE_DATA_DIR;
  return dir ? (isAbsolute(dir) ? dir : join(root, dir)) : join(root, '.data');
}

/** The keyring from ENCRYPTION_KEYS, or (outside production) a generated local development key. */
export function loadKeyring(env: Env, log: (line: string) => void = console.warn): Keyring {
  if (env.ENCRYPTION_KEYS) return createKeyring(env.ENCRYPTION_KEYS, env.ENCRYPTION_KEY_ID);
  if (env.NODE_ENV === 'production') {
    throw new EnvError('Invalid configuration — ENCRYPTION_KEYS: required in production. See .env.example.');
  }
  const dir = dataDirectory(env);
  const file = join(dir, 'dev-encryption-key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, generateKeyMaterial(), { mode: 0o600 });
    log(
      `No ENCRYPTION_KEYS set: generated a development key in ${file} (set ENCRYPTION_KEYS in production).`,
    );
  }
  chmodSync(file, 0o600);
  return createKeyring(new Map([['dev', Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')]]), 'dev');
}

/** Connects, creates indexes and configures field encryption. */
export async function initDatabase(env: Env, uri: string): Promise<DatabaseInfo> {
  configureFieldEncryption(loadKeyring(env));
  const info = await connectDatabase(uri);
  await ensureIndexes();
  return info;
}
