// The bot's configuration: the shared TicketByte variables (packages/db/src/env.ts) plus the few only
// the bot reads. Parsed once at start-up; a bad value stops the process with one line naming it.
import { envSchema } from '@ticketbyte/db/env';
import { z } from 'zod';

export const botEnvSchema = envSchema.extend({
  /** Set by the root `npm start` when no DISCORD_TOKEN is configured: prepare the emulator's demo guild. */
  TICKETBYTE_DEMO: z.stringbool().default(false),
  /** How often the auto-close sweep runs. */
  TICKETBYTE_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  /** 'default' runs with discord.js's default caches (for the memory benchmark only). */
  TICKETBYTE_BOT_CACHE: z.enum(['bounded', 'default']).default('bounded'),
});

export type BotEnv = z.output<typeof botEnvSchema>;

export function parseBotEnv(source: Record<string, string | undefined> = process.env): BotEnv {
  const result = botEnvSchema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`,
  );
  throw new Error(`Invalid configuration — ${problems.join('; ')}. See .env.example.`);
}
