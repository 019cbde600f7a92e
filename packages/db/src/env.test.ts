import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env.js';

describe('configuration', () => {
  it('applies defaults for an empty environment', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DISCORD_API_URL).toBe('https://discord.com/api');
    expect(env.GUILD_DATA_GRACE_DAYS).toBe(30);
    expect(env.MONGODB_URI).toBeUndefined();
  });

  it('parses encryption keys into a keyring', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const env = parseEnv({ ENCRYPTION_KEYS: `k1:${key},k2:${key}` });
    expect([...(env.ENCRYPTION_KEYS?.keys() ?? [])]).toEqual(['k1', 'k2']);
  });

  it('names the malformed variable in one line and never prints its value', () => {
    const secret = 'short-not-base64-secret';
    let message = '';
    try {
      parseEnv({ ENCRYPTION_KEYS: `k1:${secret}`, PORT: 'eighty' });
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/ENCRYPTION_KEYS/);
    expect(message).toMatch(/PORT/);
    expect(message).not.toContain(secret);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('rejects a MONGODB_URI that is not a mongodb URI', () => {
    expect(() => parseEnv({ MONGODB_URI: 'postgres://localhost/x' })).toThrow(/MONGODB_URI/);
  });
});
