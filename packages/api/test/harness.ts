// Shared set-up for API tests: a real FerretDB, the Discord emulator with the demo seed, the real
// @discordjs/rest client behind the Discord port, and callers for each kind of actor.
import { REST } from '@discordjs/rest';
import { DEMO, type Emulator, startEmulator } from '@ticketbyte/discord-emulator';
import { startTestDatabase, type TestDatabase } from '@ticketbyte/db/testing';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Actor } from '../src/actor.js';
import { createContext } from '../src/context.js';
import { createRestDiscordPort, type DiscordPort } from '../src/discord/port.js';
import { memoryLogger } from '../src/logger.js';
import { createCaller } from '../src/root.js';

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

export async function startHarness(options: { restTimeoutMs?: number } = {}): Promise<Harness> {
  const [db, emu] = await Promise.all([startTestDatabase(), startEmulator({ port: 0, seed: 'demo' })]);
  const rest = new REST({
    api: emu.restUrl,
    version: '10',
    timeout: options.restTimeoutMs ?? 2_000,
    retries: 1,
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
      createCaller(createContext({ actor, discord, log: logs, now: () => clock.now ?? new Date() })),
    async stop() {
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
