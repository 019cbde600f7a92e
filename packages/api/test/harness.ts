// Shared set-up for API tests: a real FerretDB, the Discord emulator with the demo seed, the real
// @discordjs/rest client behind the Discord port, and callers for each kind of actor.
import { REST } from '@discordjs/rest';
import { DEMO, type Emulator, startEmulator } from '@ticketbyte/discord-emulator';
import { mongoose } from '@ticketbyte/db';
import { startTestDatabase, type TestDatabase } from '@ticketbyte/db/testing';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Actor } from '../src/actor.js';
import { createContext } from '../src/context.js';
import { createRestDiscordPort, type DiscordPort } from '../src/discord/port.js';
import { memoryLogger } from '../src/logger.js';
import { createCaller } from '../src/root.js';
import { settleBackgroundWork } from '../src/services/background.js';

export { DEMO };

export interface Harness {
  db: TestDatabase;
  emu: Emulator;
  discord: DiscordPort;
  logs: ReturnType<typeof memoryLogger>;
  clock: { now: Date | null };
  caller(actor: Actor): ReturnType<typeof createCaller>;
  stop(): Promise<void>;
}

export async function startHarness(
  options: { restTimeoutMs?: number; restGlobalPerSecond?: number } = {},
): Promise<Harness> {
  const [db, emu] = await Promise.all([startTestDatabase(), startEmulator({ port: 0, seed: 'demo' })]);
  const rest = new REST({
    api: emu.restUrl,
    version: '10',
    timeout: options.restTimeoutMs ?? 2_000,
    retries: 1,
    // Discord's global limit, which @discordjs/rest enforces on itself; benchmarks lift it.
    globalRequestsPerSecond: options.restGlobalPerSecond ?? 50,
  }).setToken(DEMO.botToken);
  const discord = createRestDiscordPort(rest);
  const logs = memoryLogger();
  const clock: { now: Date | null } = { now: null };
  return {
    db,
    emu,
    discord,
    logs,
    clock,
    caller: (actor) =>
      createCaller(
        createContext({
          actor,
          discord,
          log: logs,
          now: () => clock.now ?? new Date(),
          discordApiUrl: emu.restUrl,
          applicationId: DEMO.applicationId,
          oauthClient: {
            revokeUrl: emu.oauthUrls.revoke,
            clientId: DEMO.clientId,
            clientSecret: DEMO.clientSecret,
          },
        }),
      ),
    async stop() {
      await settleBackgroundWork();
      await emu.close();
      await db.stop();
    },
  };
}

const everyoneOnly = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;

/** A member acting through the bot, with the roles the demo seed gives them. */
export function member(harness: Harness, userId: string, guildId: string = DEMO.guildId): Actor {
  const m = harness.emu.inspect.member(guildId, userId);
  const roleIds = m?.roles ?? [];
  const isAdmin = roleIds.includes(DEMO.roles.admin) || userId === DEMO.users.admin;
  return {
    kind: 'bot-member',
    userId,
    username: m?.user?.username ?? userId,
    guildId,
    channelId: null,
    roleIds,
    permissions: isAdmin ? PermissionFlagsBits.Administrator | everyoneOnly : everyoneOnly,
    isOwner: userId === DEMO.users.admin,
  };
}

export const system: Actor = { kind: 'system' };

/** Sets the demo guild up as `/setup` would, with the Support role as staff and #ticket-logs. */
export async function setUpDemoGuild(harness: Harness, options: { transcripts?: boolean } = {}) {
  return harness.caller(member(harness, DEMO.users.admin)).config.setup({
    guildId: DEMO.guildId,
    staffRoleId: DEMO.roles.support,
    ticketParentChannelId: DEMO.channels.ticketsCategory,
    logChannelId: DEMO.channels.ticketLogs,
    transcriptsEnabled: options.transcripts ?? false,
  });
}

/** Signs `userId` in through the emulator's OAuth2 flow and stores their tokens, as the dashboard does. */
export async function signIn(harness: Harness, userId: string): Promise<void> {
  const { saveDiscordTokens } = await import('@ticketbyte/db');
  const redirectUri = 'http://127.0.0.1:3000/login/callback';
  const authorize = new URL(harness.emu.oauthUrls.authorize);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: DEMO.clientId,
    scope: 'identify guilds',
    redirect_uri: redirectUri,
    state: 'test-state',
  }).toString();
  const code = new URL(harness.emu.actions.oauthConsent(authorize, userId)).searchParams.get('code');
  const response = await fetch(harness.emu.oauthUrls.token, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: code ?? '',
      redirect_uri: redirectUri,
      client_id: DEMO.clientId,
      client_secret: DEMO.clientSecret,
    }),
  });
  const tokens = (await response.json()) as {
    access_token: string;
    refresh_token: string;
    expires_in: number;
    scope: string;
  };
  await saveDiscordTokens(userId, {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    scopes: tokens.scope.split(' '),
    accessTokenExpiresAt: new Date(Date.now() + tokens.expires_in * 1000),
  });
}

/** The database queries `run` sends, in order, each as its collection, method and filter. */
export async function databaseQueries(
  run: () => Promise<unknown>,
): Promise<Array<{ collection: string; method: string; filter: unknown }>> {
  const seen: Array<{ collection: string; method: string; filter: unknown }> = [];
  mongoose.set('debug', (collection: string, method: string, filter: unknown) => {
    seen.push({ collection, method, filter });
  });
  try {
    await run();
  } finally {
    mongoose.set('debug', false);
  }
  return seen;
}
