// Login configuration: endpoints from the environment, refusal of an origin the Secure cookie cannot use.
import { parseEnv } from '@ticketbyte/db/env';
import { describe, expect, it } from 'vitest';
import { AuthConfigError, authConfigFromEnv } from './config.js';

const base = { DISCORD_APPLICATION_ID: '1300000000000000010', DISCORD_CLIENT_SECRET: 'shh-secret-value' };

describe('authConfigFromEnv', () => {
  it("defaults to Discord's endpoints and a loopback origin", () => {
    const config = authConfigFromEnv(parseEnv(base));
    expect(config.authorizeUrl).toBe('https://discord.com/oauth2/authorize');
    expect(config.tokenUrl).toBe('https://discord.com/api/oauth2/token');
    expect(config.revokeUrl).toBe('https://discord.com/api/oauth2/token/revoke');
    expect(config.redirectUri).toBe('http://localhost:3000/login/callback');
  });

  it('takes the endpoints and public URL from the environment (the emulator in demo mode)', () => {
    const config = authConfigFromEnv(
      parseEnv({
        ...base,
        PUBLIC_URL: 'https://tickets.example.com',
        DISCORD_API_URL: 'http://127.0.0.1:4000/api/',
        DISCORD_OAUTH_AUTHORIZE_URL: 'http://127.0.0.1:4000/oauth2/authorize',
      }),
    );
    expect(config.apiUrl).toBe('http://127.0.0.1:4000/api');
    expect(config.authorizeUrl).toBe('http://127.0.0.1:4000/oauth2/authorize');
    expect(config.redirectUri).toBe('https://tickets.example.com/login/callback');
  });

  it('refuses a plain-http public URL that is not loopback, naming the variable but not the secret', () => {
    const attempt = () => authConfigFromEnv(parseEnv({ ...base, PUBLIC_URL: 'http://tickets.example.com' }));
    expect(attempt).toThrow(AuthConfigError);
    expect(attempt).toThrow(/PUBLIC_URL/);
  });

  it('names missing client credentials without printing any value', () => {
    let message = '';
    try {
      authConfigFromEnv(parseEnv({ DISCORD_CLIENT_SECRET: 'shh-secret-value' }));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/DISCORD_APPLICATION_ID/);
    expect(message).not.toContain('shh-secret-value');
  });
});
