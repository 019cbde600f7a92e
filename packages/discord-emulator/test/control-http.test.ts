// The control API over HTTP from another process: spawn the bin, read its CONTROL line, drive it with fetch,
// while a discord.js bot in this process answers.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { type Client, Events, MessageFlags } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectBot } from './support/emulator';

const BIN = new URL('../bin/ticketbyte-discord-emulator.mjs', import.meta.url).pathname;
let child: ChildProcess;
let urls: Record<string, string> = {};
let client: Client<true>;

async function control<T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const res = await fetch(`${urls.CONTROL}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
}

beforeAll(async () => {
  child = spawn(process.execPath, [BIN, '--port', '0', '--seed', 'demo'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  urls = await new Promise((resolve, reject) => {
    const found: Record<string, string> = {};
    lines.on('line', (line) => {
      const [key, value] = line.split(' ');
      if (key && value) found[key] = value;
      if (found.REST && found.CONTROL && found.SANDBOX) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited early (${code})`)));
  });
  const seed = (await (await fetch(`${urls.CONTROL}/seed`)).json()) as { bot: { token: string } };
  client = await connectBot({ restUrl: urls.REST!, seed } as never);
  client.on(Events.InteractionCreate, async (i) => {
    if (i.isChatInputCommand())
      await i.reply({ content: `hello ${i.user.username}`, flags: MessageFlags.Ephemeral });
  });
  await client.application.commands.set([{ name: 'hello', description: 'Say hello' }]);
});

afterAll(async () => {
  await client?.destroy();
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

describe('control API over HTTP (second process)', () => {
  it('prints REST, CONTROL and SANDBOX lines on loopback', () => {
    expect(urls.REST).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect(urls.CONTROL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/control$/);
    expect(urls.SANDBOX).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sandbox$/);
  });

  it('returns the seed with fixed credentials', async () => {
    const { json } = await control<{
      bot: { token: string; applicationId: string };
      oauth: { clientId: string };
      guilds: { name: string }[];
    }>('GET', '/seed');
    expect(json.bot.applicationId).toBe('1300000000000000010');
    expect(json.oauth.clientId).toBe('1300000000000000010');
    expect(json.guilds[0]?.name).toBe('TicketByte Demo');
  });

  it('runs a slash command and long-polls for the response', async () => {
    const { json: ix } = await control<{ id: string }>('POST', '/interactions/slash', {
      guildId: '1300000000000000001',
      channelId: '1300000000000000301',
      userId: '1300000000000000103',
      name: 'hello',
    });
    const { status, json } = await control<{ responses: { content: string; ephemeral: boolean }[] }>(
      'GET',
      `/interactions/${ix.id}/response?timeoutMs=5000`,
    );
    expect(status).toBe(200);
    expect(json.responses[0]).toMatchObject({ content: 'hello alice', ephemeral: true });
    const { json: visible } = await control<{ content: string }[]>(
      'GET',
      '/channels/1300000000000000301/messages?as=1300000000000000103',
    );
    expect(visible.some((m) => m.content === 'hello alice')).toBe(true);
  });

  it('sends messages, injects faults and reports errors as JSON', async () => {
    const sent = await control('POST', '/messages', {
      channelId: '1300000000000000301',
      userId: '1300000000000000104',
      content: 'hi',
    });
    expect(sent.status).toBe(200);
    const fault = await control<{ id: number }>('POST', '/faults', {
      route: '/channels/:id/messages',
      method: 'POST',
      status: 500,
      times: 1,
    });
    expect(fault.json.id).toBeGreaterThan(0);
    expect((await control<unknown[]>('GET', '/faults')).json).toHaveLength(1);
    await control('DELETE', '/faults');
    const bad = await control<{ error: string }>('POST', '/interactions/slash', {
      channelId: '1',
      userId: '2',
      name: 'x',
    });
    expect(bad.status).toBe(404);
    const perms = await control<{ canView: boolean }>(
      'GET',
      '/permissions?userId=1300000000000000103&channelId=1300000000000000304',
    );
    expect(perms.json.canView).toBe(false);
  });
});
