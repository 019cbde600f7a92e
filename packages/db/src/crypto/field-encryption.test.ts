import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createKeyring,
  decryptField,
  encryptField,
  FieldEncryptionError,
  keyIdOf,
  reencryptField,
} from './field-encryption.js';

const k1 = randomBytes(32);
const k2 = randomBytes(32);

describe('field encryption (AES-256-GCM with key ids)', () => {
  it('round-trips and never contains the plaintext', () => {
    const ring = createKeyring(new Map([['k1', k1]]));
    const sealed = encryptField('hello, this is secret', 'ctx', ring);
    expect(sealed).not.toContain('hello');
    expect(keyIdOf(sealed)).toBe('k1');
    expect(decryptField(sealed, 'ctx', ring)).toBe('hello, this is secret');
  });

  it('uses a fresh IV each time', () => {
    const ring = createKeyring(new Map([['k1', k1]]));
    expect(encryptField('same', 'ctx', ring)).not.toBe(encryptField('same', 'ctx', ring));
  });

  it('rejects the wrong context, a tampered value, and an unknown key id', () => {
    const ring = createKeyring(new Map([['k1', k1]]));
    const sealed = encryptField('secret', 'ctx', ring);
    expect(() => decryptField(sealed, 'other', ring)).toThrow(FieldEncryptionError);
    const parts = sealed.split(':');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => decryptField(parts.join(':'), 'ctx', ring)).toThrow(FieldEncryptionError);
    expect(() => decryptField(sealed, 'ctx', createKeyring(new Map([['k2', k2]])))).toThrow(
      /No key with id k1/,
    );
  });

  it('rotates: old values stay readable and re-encrypt under the current key', () => {
    const old = createKeyring(new Map([['k1', k1]]));
    const sealed = encryptField('secret', 'ctx', old);
    const rotated = createKeyring(
      new Map([
        ['k1', k1],
        ['k2', k2],
      ]),
      'k2',
    );
    expect(decryptField(sealed, 'ctx', rotated)).toBe('secret');
    const moved = reencryptField(sealed, 'ctx', rotated);
    expect(keyIdOf(moved)).toBe('k2');
    expect(decryptField(moved, 'ctx', createKeyring(new Map([['k2', k2]])))).toBe('secret');
    expect(reencryptField(moved, 'ctx', rotated)).toBe(moved);
  });

  it('refuses a current key id that is not in the ring', () => {
    expect(() => createKeyring(new Map([['k1', k1]]), 'k9')).toThrow(FieldEncryptionError);
  });
});
