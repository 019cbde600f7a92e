// Calls the routes no other test reaches (gateway URL, OAuth2 bearer views, member kick, guild commands), so
// that every operation the emulator implements has its response validated against the OpenAPI description.
import { REST } from '@discordjs/rest';
import {
  type APIApplicationCommand,
  ApplicationCommandType,
  PermissionFlagsBits as P,
  Routes,
} from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type Emulator, demoSeed } from '../src/index';
import { startTestEmulator } from './support/emulator';

let emu: Emulator;
let rest: REST;

beforeAll(async () => {
  // The demo bot, with Kick Members added so it may remove a member.
  const guild = demoSeed.guilds?.[0];
  emu = await startTestEmulator({
    seed: {
      ...demoSeed,
      guilds: [
        {
          ...guild!,
          bot: { ...guild!.bot, permissions: String(BigInt(guild!.bot!.permissions!) | P.KickMembers) },
        },
      ],
    },
  });
  rest = new REST({ api: emu.restUrl }).setToken(DEMO.botToken);
});
afterAll(() => emu?.close());

async function bearerFor(userId: string, scopes: string): Promise<string> {
  const redirect = DEMO.redirectUris[0];
  const authorize = new URL(emu.oauthUrls.authorize);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: DEMO.clientId,
    scope: scopes,
    redirect_uri: redirect,
  }).toString();
  const code = new URL(emu.actions.oauthConsent(authorize, userId)).searchParams.get('code') ?? '';
  const res = await fetch(emu.oauthUrls.token, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirect,
      client_id: DEMO.clientId,
      client_secret: DEMO.clientSecret,
    }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('routes checked only here', () => {
  it('GET /gateway', async () => {
    expect(await rest.get(Routes.gateway(), { auth: false })).toEqual({ url: emu.gatewayUrl });
  });

  it('the OAuth2 bearer views: current authorization and guild member', async () => {
    const token = await bearerFor(DEMO.users.staff, 'identify guilds guilds.members.read');
    const user = new REST({ api: emu.restUrl, authPrefix: 'Bearer' }).setToken(token);
    expect(await user.get(Routes.oauth2CurrentAuthorization())).toMatchObject({
      scopes: ['identify', 'guilds', 'guilds.members.read'],
      user: { id: DEMO.users.staff },
    });
    expect(await user.get(Routes.userGuildMember(DEMO.guildId))).toMatchObject({
      user: { id: DEMO.users.staff },
      roles: [DEMO.roles.support],
    });
  });

  it('GET /oauth2/applications/@me with the bot token', async () => {
    expect(await rest.get(Routes.oauth2CurrentApplication())).toMatchObject({ id: DEMO.applicationId });
  });

  it('removes a member', async () => {
    await rest.delete(Routes.guildMember(DEMO.guildId, DEMO.users.carol), { reason: 'conformance' });
    expect(emu.inspect.member(DEMO.guildId, DEMO.users.carol)).toBeUndefined();
  });

  it('creates, reads, edits, lists and deletes a guild command', async () => {
    const created = (await rest.post(Routes.applicationGuildCommands(DEMO.applicationId, DEMO.guildId), {
      body: { name: 'ticket', description: 'Open a ticket', type: ApplicationCommandType.ChatInput },
    })) as APIApplicationCommand;
    const one = Routes.applicationGuildCommand(DEMO.applicationId, DEMO.guildId, created.id);
    expect(await rest.get(one)).toMatchObject({ id: created.id, guild_id: DEMO.guildId });
    expect(await rest.patch(one, { body: { description: 'Open a support ticket' } })).toMatchObject({
      description: 'Open a support ticket',
    });
    const listed = (await rest.get(
      Routes.applicationGuildCommands(DEMO.applicationId, DEMO.guildId),
    )) as APIApplicationCommand[];
    expect(listed.map((c) => c.id)).toEqual([created.id]);
    await rest.delete(one);
    expect(emu.inspect.commands(DEMO.guildId)).toEqual([]);
  });
});
