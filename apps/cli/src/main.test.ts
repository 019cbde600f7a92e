// The CLI against a real HTTP server running the API handler, the embedded database and the emulator.
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { REST } from '@discordjs/rest';
import { createCaller, createContext, createRestDiscordPort } from '@ticketbyte/api';
import { createTrpcHttpHandler } from '@ticketbyte/api/http';
import { startTestDatabase, type TestDatabase } from '@ticketbyte/db/testing';
import { DEMO, type Emulator, startEmulator } from '@ticketbyte/discord-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELP, type Io, run } from './main.js';
import { createOperatorToken } from './operator-tokens.js';

let db: TestDatabase;
let emu: Emulator;
let server: Server;
let url = '';

beforeAll(async () => {
  [db, emu] = await Promise.all([startTestDatabase(), startEmulator({ port: 0, seed: 'demo' })]);
  const discord = createRestDiscordPort(
    new REST({ api: emu.restUrl, version: '10' }).setToken(DEMO.botToken),
  );
  const system = createCaller(createContext({ actor: { kind: 'system' }, discord }));
  await system.config.setup({
    guildId: DEMO.guildId,
    staffRoleId: DEMO.roles.support,
    ticketParentChannelId: DEMO.channels.ticketsCategory,
  });
  await system.ticket.open({ guildId: DEMO.guildId, openerId: DEMO.users.alice, topic: 'Printer on fire' });
  const handle = createTrpcHttpHandler({
    endpoint: '/api/trpc',
    discord,
    allowedOrigin: 'http://127.0.0.1',
    resolveSessionUser: async () => null,
  });
  server = createServer(async (req, res) => {
    const body =
      req.method === 'GET' ? undefined : await new Response(req as unknown as ReadableStream).text();
    const response = await handle(
      new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body,
      }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(await response.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/trpc`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await emu.close();
  await db.stop();
});

function io(env: Record<string, string>): Io & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l), env };
}

describe('ticketbyte CLI', () => {
  it('lists tickets and reads analytics over HTTP with an operator-created token', async () => {
    const { token } = await createOperatorToken({
      name: 'cli test',
      scopes: ['tickets:read', 'analytics:read'],
      guildIds: [DEMO.guildId],
      env: {},
      connected: true,
    });
    expect(token).toMatch(/^tb_/);
    const env = { TICKETBYTE_API_URL: url, TICKETBYTE_API_TOKEN: token };

    const list = io(env);
    expect(await run(['tickets', 'list', '--guild', DEMO.guildId], list)).toBe(0);
    expect(list.lines).toHaveLength(1);
    expect(list.lines[0]).toMatch(/^#1\topen\tnormal\topener 1300000000000000103\t.*\tPrinter on fire$/);

    const today = new Date().toISOString().slice(0, 10);
    const daily = io(env);
    expect(
      await run(
        ['analytics', 'daily', '--guild', DEMO.guildId, '--from', today, '--to', today, '--json'],
        daily,
      ),
    ).toBe(0);
    expect(JSON.parse(daily.lines.join('\n'))).toEqual([{ day: today, opened: 1, closed: 0 }]);
  });

  it('reports a missing scope and a bad token as errors, not crashes', async () => {
    const { token } = await createOperatorToken({
      name: 'narrow',
      scopes: ['tickets:read'],
      guildIds: [],
      env: {},
      connected: true,
    });
    const denied = io({ TICKETBYTE_API_URL: url, TICKETBYTE_API_TOKEN: token });
    expect(
      await run(
        ['analytics', 'summary', '--guild', DEMO.guildId, '--from', '2026-01-01', '--to', '2026-01-31'],
        denied,
      ),
    ).toBe(1);
    expect(denied.errors[0]).toMatch(/analytics:read/);
    const bad = io({ TICKETBYTE_API_URL: url, TICKETBYTE_API_TOKEN: 'tb_wrongwrongwrongwrongwrong' });
    expect(await run(['health'], bad)).toBe(1);
  });

  it('refuses unknown scopes when creating a token', async () => {
    await expect(
      createOperatorToken({ name: 'x', scopes: ['everything'], guildIds: [], env: {}, connected: true }),
    ).rejects.toThrow(/Unknown scope/);
  });

  it('explains its usage', async () => {
    const missing = io({});
    expect(await run(['tickets', 'list'], missing)).toBe(2);
    expect(missing.errors[0]).toMatch(/TICKETBYTE_API_URL/);
    const result = spawnSync(
      process.execPath,
      [new URL('../bin/ticketbyte.mjs', import.meta.url).pathname, '--help'],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(HELP.split('\n')[0]!);
  });
});

describe('ticketbyte keys rotate', () => {
  it('re-seals stored tokens under the new key and says when it is done', async () => {
    const { saveDiscordTokens, OAuthAccount } = await import('@ticketbyte/db');
    const { configureFieldEncryption, createKeyring, keyIdOf } = await import('@ticketbyte/db/crypto');
    const { randomBytes } = await import('node:crypto');
    const { rotateKeys } = await import('./operator-keys.js');
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    configureFieldEncryption(createKeyring(new Map([['old', oldKey]])));
    await saveDiscordTokens('rotate-user', {
      accessToken: 'a',
      refreshToken: 'r',
      scopes: [],
      accessTokenExpiresAt: null,
    });
    const lines: string[] = [];
    await rotateKeys({
      env: {
        ENCRYPTION_KEYS: `new:${newKey.toString('base64')},old:${oldKey.toString('base64')}`,
        ENCRYPTION_KEY_ID: 'new',
      },
      out: (l) => lines.push(l),
      connected: true,
    });
    const account = await OAuthAccount.findOne({ userId: 'rotate-user' }).select('+accessToken').lean();
    expect(keyIdOf(account!.accessToken)).toBe('new');
    expect(lines.at(-1)).toMatch(/^Done: everything is sealed with key new/);
  });
});
