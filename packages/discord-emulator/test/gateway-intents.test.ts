// Intents at IDENTIFY: privileged ones the application has not been granted close with 4014, undocumented
// bits with 4013, as Discord; the grants are the application's flags, changeable through the control API.
import { REST } from '@discordjs/rest';
import { type APIApplication, ApplicationFlags, GatewayIntentBits as I, Routes } from 'discord-api-types/v10';
import { Client, Events } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_APPLICATION_FLAGS, DEMO, type Emulator, demoSeed } from '../src/index';
import { startTestEmulator } from './support/emulator';
import { identify, openGateway, UpgradeRefused } from './support/raw-gateway';

let emu: Emulator;

beforeAll(async () => {
  emu = await startTestEmulator({ seed: 'demo' });
});
afterAll(() => emu?.close());

async function identifyWith(intents: number) {
  const gw = await openGateway(emu.gatewayUrl, 'v=10&encoding=json');
  await gw.next((p) => p.op === 10);
  gw.send(identify(DEMO.botToken, intents));
  const first = await Promise.race([gw.next((p) => p.t === 'READY'), gw.closed]);
  gw.ws.close();
  return first;
}

describe('privileged intents', () => {
  it('lets the demo application identify with Server Members and Message Content, which it was granted', async () => {
    const ready = await identifyWith(I.Guilds | I.GuildMembers | I.GuildMessages | I.MessageContent);
    expect(ready).toMatchObject({
      t: 'READY',
      d: { application: { id: DEMO.applicationId, flags: DEFAULT_APPLICATION_FLAGS } },
    });
  });

  it('closes with 4014 "Disallowed intent(s)." for Presence, which the demo application lacks', async () => {
    expect(await identifyWith(I.Guilds | I.GuildPresences)).toEqual({
      code: 4014,
      reason: 'Disallowed intent(s).',
    });
  });

  it('closes with 4013 "Invalid intent(s)." for undocumented bits, negative or non-numeric intents', async () => {
    expect(await identifyWith(I.Guilds | (1 << 17))).toEqual({ code: 4013, reason: 'Invalid intent(s).' });
    expect(await identifyWith(-1)).toEqual({ code: 4013, reason: 'Invalid intent(s).' });
    expect(await identifyWith('513' as unknown as number)).toEqual({
      code: 4013,
      reason: 'Invalid intent(s).',
    });
  });

  it('reports the grants on GET /applications/@me and applies a change to the next IDENTIFY', async () => {
    const rest = new REST({ api: emu.restUrl }).setToken(DEMO.botToken);
    const app = (await rest.get(Routes.currentApplication())) as APIApplication;
    expect(app.flags).toBe(
      ApplicationFlags.GatewayGuildMembersLimited | ApplicationFlags.GatewayMessageContentLimited,
    );
    try {
      // Over HTTP, as a test in another process would.
      const res = await fetch(`${emu.controlUrl}/application/flags`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ flags: ApplicationFlags.GatewayMessageContentLimited }),
      });
      expect(await res.json()).toEqual({ flags: ApplicationFlags.GatewayMessageContentLimited });
      expect(((await rest.get(Routes.currentApplication())) as APIApplication).flags).toBe(
        ApplicationFlags.GatewayMessageContentLimited,
      );
      expect(await identifyWith(I.Guilds | I.GuildMembers)).toEqual({
        code: 4014,
        reason: 'Disallowed intent(s).',
      });
      // The full (verified) flag grants as well as the _LIMITED one.
      emu.actions.setApplicationFlags(
        ApplicationFlags.GatewayGuildMembers | ApplicationFlags.GatewayPresence,
      );
      expect(await identifyWith(I.Guilds | I.GuildMembers | I.GuildPresences)).toMatchObject({ t: 'READY' });
      expect(await identifyWith(I.Guilds | I.MessageContent)).toEqual({
        code: 4014,
        reason: 'Disallowed intent(s).',
      });
    } finally {
      emu.actions.setApplicationFlags(DEFAULT_APPLICATION_FLAGS);
    }
  });

  it('takes the grants from the seed', async () => {
    const bare = await startTestEmulator({
      seed: { ...demoSeed, bot: { ...demoSeed.bot, applicationFlags: 0 } },
    });
    try {
      const gw = await openGateway(bare.gatewayUrl, 'v=10&encoding=json');
      gw.send(identify(DEMO.botToken, I.Guilds | I.MessageContent));
      expect(await gw.closed).toEqual({ code: 4014, reason: 'Disallowed intent(s).' });
    } finally {
      await bare.close();
    }
  });

  it('stops discord.js with the 4014 it treats as unrecoverable', async () => {
    const client = new Client({ intents: [I.Guilds, I.GuildPresences], rest: { api: emu.restUrl } });
    try {
      const disconnected = new Promise<number>((resolve) =>
        client.once(Events.ShardDisconnect, (event) => resolve(event.code)),
      );
      client.login(DEMO.botToken).catch(() => {});
      expect(await disconnected).toBe(4014);
    } finally {
      await client.destroy();
    }
  });
});

describe('connection parameters', () => {
  it('closes with 4012 for a gateway version other than 10, or none', async () => {
    for (const query of ['v=9&encoding=json', 'v=6&encoding=json', 'encoding=json']) {
      const gw = await openGateway(emu.gatewayUrl, query);
      expect(await gw.closed).toEqual({ code: 4012, reason: 'Invalid API version' });
      expect(gw.payloads).toEqual([]);
    }
  });

  it('refuses the upgrade for encodings and compressions the emulator does not speak, saying so', async () => {
    for (const [query, text] of [
      ['v=10&encoding=etf', /encoding=etf is not supported/],
      ['v=10&encoding=xml', /Unknown encoding "xml"/],
      ['v=10&encoding=json&compress=zstd-stream', /compress=zstd-stream is not supported/],
    ] as const) {
      const refused = await openGateway(emu.gatewayUrl, query).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(UpgradeRefused);
      expect((refused as UpgradeRefused).status).toBe(400);
      expect((refused as UpgradeRefused).body).toMatch(text);
    }
  });
});
