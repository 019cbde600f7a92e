// The Discord port of this process: one @discordjs/rest client (one set of rate-limit buckets) with the
// bot token, pointed at Discord or, in demo mode and tests, at the emulator.
import { REST } from '@discordjs/rest';
import { createRestDiscordPort, type DiscordPort } from '@ticketbyte/api';
import { env, EnvError } from '@ticketbyte/db/env';

let port: DiscordPort | undefined;

export function discordPort(): DiscordPort {
  if (port) return port;
  const config = env();
  if (!config.DISCORD_TOKEN) {
    throw new EnvError(
      'Invalid configuration — DISCORD_TOKEN: required by the dashboard (the bot token; npm start passes it). See .env.example.',
    );
  }
  const rest = new REST({ api: config.DISCORD_API_URL.replace(/\/+$/, ''), version: '10' }).setToken(
    config.DISCORD_TOKEN,
  );
  port = createRestDiscordPort(rest);
  return port;
}
