// Test harness: an emulator whose every REST exchange is checked against Discord's OpenAPI description,
// and a discord.js client connected to it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { inject } from 'vitest';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/index';
import { conformance } from './conformance';

export type TestEmulator = Emulator;

/** Starts an emulator wired to the conformance checker; close() fails if any exchange did not conform. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const checker = conformance();
  const emu = await startEmulator({
    interactionResponseWindowMs: 0,
    // Requests Discord would refuse as an invalid form are refused here too (tests that mean to send them
    // assert the 50035); the conformance checker then validates every response.
    validateRequests: 'enforce',
    ...options,
    onExchange: (ex) => {
      checker.check(ex);
      options.onExchange?.(ex);
    },
  });
  const close = emu.close.bind(emu);
  emu.close = async () => {
    await close();
    const dir = inject('conformanceDir');
    if (dir) {
      writeFileSync(
        join(dir, `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`),
        JSON.stringify({ covered: [...checker.covered], total: checker.total }),
      );
    }
    const failures = checker.takeFailures();
    if (failures.length > 0) {
      throw new Error(`OpenAPI conformance failures:\n- ${failures.join('\n- ')}`);
    }
  };
  return emu;
}

export const DEFAULT_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMembers,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
];

/** A real discord.js client logged in to the emulator (ready, caches filled). */
export async function connectBot(emu: Emulator, intents = DEFAULT_INTENTS): Promise<Client<true>> {
  const client = new Client({ intents, rest: { api: emu.restUrl } });
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, (c) => resolve(c)));
  await client.login(emu.seed.bot.token);
  return ready;
}
