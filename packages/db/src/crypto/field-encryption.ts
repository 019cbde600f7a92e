// Encryption of single fields at rest (OAuth tokens, transcript content) with AES-256-GCM.
// Each value carries the id of the key that sealed it, so keys can rotate: new writes use the
// current key, old values stay readable while their key is still configured, and a re-encryption
// pass (`ticketbyte keys rotate`) moves them forward.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'tbenc:v1';

export interface Keyring {
  /** Key id → 32-byte key. */
  keys: ReadonlyMap<string, Buffer>;
  /** The key id new values are sealed with. */
  currentKeyId: string;
}

export class FieldEncryptionError extends Error {
  override name = 'FieldEncryptionError';
}

let activeKeyring: Keyring | undefined;

export function createKeyring(keys: ReadonlyMap<string, Buffer>, currentKeyId?: string): Keyring {
  const current = currentKeyId ?? keys.keys().next().value;
  if (!current || !keys.has(current)) {
    throw new FieldEncryptionError(`ENCRYPTION_KEY_ID names a key that ENCRYPTION_KEYS does not contain`);
  }
  for (const [id, key] of keys) {
    if (key.length !== 32) throw new FieldEncryptionError(`Encryption key ${id} is not 32 bytes`);
  }
  return { keys, currentKeyId: current };
}

/** Sets the keyring every model uses; called once at start-up (and by tests). */
export function configureFieldEncryption(keyring: Keyring): void {
  activeKeyring = keyring;
}

function keyring(): Keyring {
  if (!activeKeyring) throw new FieldEncryptionError('Field encryption is not configured (ENCRYPTION_KEYS)');
  return activeKeyring;
}

export function isEncrypted(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(`${PREFIX}:`);
}

/** The key id a sealed value was encrypted with. */
export function keyIdOf(sealed: string): string {
  const keyId = sealed.split(':')[2];
  if (!isEncrypted(sealed) || !keyId) throw new FieldEncryptionError('Not an encrypted value');
  return keyId;
}

/**
 * Seals `plaintext`. `context` (e.g. `oauth:access:<userId>`) is bound as associated data, so a
 * ciphertext copied into another record or field fails to open.
 */
export function encryptField(plaintext: string, context: string, ring: Keyring = keyring()): string {
  const key = ring.keys.get(ring.currentKeyId)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    PREFIX,
    ring.currentKeyId,
    iv.toString('base64url'),
    body.toString('base64url'),
    tag.toString('base64url'),
  ].join(':');
}

/** Opens a sealed value; throws FieldEncryptionError on an unknown key, wrong key, or tampering. */
export function decryptField(sealed: string, context: string, ring: Keyring = keyring()): string {
  const parts = sealed.split(':');
  if (parts.length !== 6 || `${parts[0]}:${parts[1]}` !== PREFIX) {
    throw new FieldEncryptionError('Not an encrypted value');
  }
  const [, , keyId, iv, body, tag] = parts as [string, string, string, string, string, string];
  const key = ring.keys.get(keyId);
  if (!key) throw new FieldEncryptionError(`No key with id ${keyId} is configured`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new FieldEncryptionError(
      `Could not decrypt a value sealed with key ${keyId} (wrong key or tampered)`,
    );
  }
}

/** Re-seals a value under the current key when it was sealed with an older one; otherwise returns it. */
export function reencryptField(sealed: string, context: string, ring: Keyring = keyring()): string {
  if (keyIdOf(sealed) === ring.currentKeyId) return sealed;
  return encryptField(decryptField(sealed, context, ring), context, ring);
}

/** A fresh random key, as `ENCRYPTION_KEYS` expects it (base64). */
export function generateKeyMaterial(): string {
  return randomBytes(32).toString('base64');
}

/**
 * A keyed, one-way stand-in for an identifier (e.g. a deleted person's Discord id on a ticket they
 * opened). Keyed with the current encryption key, so it cannot be reversed by hashing known ids.
 */
export function pseudonymise(value: string, ring: Keyring = keyring()): string {
  const key = ring.keys.get(ring.currentKeyId)!;
  return `anon:${createHmac('sha256', key).update(`pseudonym:${value}`).digest('hex').slice(0, 32)}`;
}
