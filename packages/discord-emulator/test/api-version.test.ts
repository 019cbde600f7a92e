// REST API versions: v10 is served; every other version (and an unversioned path, which Discord routes to
// v6) is refused with 400 / 50041 instead of being answered with v10 behaviour; OAuth2 token URLs stay unversioned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertConformingTraffic, DEMO, type Emulator, startEmulator } from '../src/index';

let emu: Emulator;
const bot = { authorization: `Bot ${DEMO.botToken}` };

beforeAll(async () => {
  emu = await startEmulator({ validateRequests: 'record' });
});
afterAll(() => emu?.close());

const get = async (path: string) => {
  const res = await fetch(`${emu.baseUrl}${path}`, { headers: bot });
  return { status: res.status, body: (await res.json()) as { code: number; message: string } };
};

describe('API versions', () => {
  it('serves v10', async () => {
    expect(await get('/api/v10/users/@me')).toMatchObject({ status: 200, body: { id: DEMO.botUserId } });
  });

  it('answers discontinued and unknown versions with 400 and 50041', async () => {
    for (const v of ['v3', 'v5', 'v11', 'v0', 'v99']) {
      expect(await get(`/api/${v}/users/@me`)).toEqual({
        status: 400,
        body: { code: 50041, message: 'Invalid API version provided' },
      });
    }
  });

  it('refuses v6–v9 and unversioned paths instead of answering them as v10', async () => {
    for (const v of ['v6', 'v7', 'v8', 'v9']) {
      const res = await get(`/api/${v}/users/@me`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 50041 });
      expect(res.body.message).toContain(`Discord still serves ${v}`);
    }
    const unversioned = await get('/api/users/@me');
    expect(unversioned).toMatchObject({ status: 400, body: { code: 50041 } });
    expect(unversioned.body.message).toContain('unversioned paths as v6');
  });

  it('lists refused versions among the requests a conformance check reports', async () => {
    emu.openapi.takeInvalidRequests();
    await get('/api/users/@me');
    expect(() => assertConformingTraffic(emu)).toThrow(
      /GET \/api\/users\/@me \(refused\): path: INVALID_API_VERSION/,
    );
  });

  it('serves the OAuth2 token URLs as Discord documents them, without a version, and under v10', async () => {
    for (const path of ['/api/oauth2/token', '/api/v10/oauth2/token']) {
      const res = await fetch(`${emu.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=refresh_token&refresh_token=unknown',
      });
      expect(res.status).toBe(401); // reached the token endpoint: no client credentials
    }
    const authorize = await fetch(`${emu.baseUrl}/api/oauth2/authorize?client_id=${DEMO.clientId}`);
    expect(authorize.headers.get('content-type')).toContain('text/html');
  });
});
