// TicketByte's configuration: every environment variable any process reads, validated once with zod.
// A missing or malformed variable stops start-up with one line naming it; values are never printed.
import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();
const url = z.url({ protocol: /^https?$/ });
const positiveInt = z.coerce.number().int().positive();

/** `kid:base64key,kid2:base64key` — 32-byte AES keys, each with a short id stamped on what it encrypts. */
const encryptionKeys = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const keys = new Map<string, Buffer>();
    for (const entry of raw.split(',').filter(Boolean)) {
      const [id, material, extra] = entry.trim().split(':');
      const key = material ? Buffer.from(material, 'base64') : Buffer.alloc(0);
      if (!id || !/^[A-Za-z0-9_-]{1,16}$/.test(id) || extra !== undefined || key.length !== 32) {
        ctx.addIssue({
          code: 'custom',
          message: 'expected kid:base64 pairs with 32-byte keys, comma-separated',
        });
        return z.NEVER;
      }
      keys.set(id, key);
    }
    if (keys.size === 0) {
      ctx.addIssue({ code: 'custom', message: 'at least one key is required' });
      return z.NEVER;
    }
    return keys;
  });

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),

  // Database
  MONGODB_URI: optionalString.pipe(
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//)
      .optional(),
  ),
  TICKETBYTE_DATA_DIR: optionalString,
  FERRETDB_BIN: optionalString,

  // Secrets at rest
  ENCRYPTION_KEYS: optionalString.pipe(encryptionKeys.optional()),
  ENCRYPTION_KEY_ID: optionalString,

  // Discord
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString.pipe(
    z
      .string()
      .regex(/^\d{15,22}$/)
      .optional(),
  ),
  DISCORD_CLIENT_SECRET: optionalString,
  DISCORD_API_URL: url.default('https://discord.com/api'),
  DISCORD_OAUTH_AUTHORIZE_URL: url.default('https://discord.com/oauth2/authorize'),
  DISCORD_OAUTH_TOKEN_URL: url.default('https://discord.com/api/oauth2/token'),
  DISCORD_OAUTH_REVOKE_URL: url.default('https://discord.com/api/oauth2/token/revoke'),
  DISCORD_DEV_GUILD_ID: optionalString.pipe(
    z
      .string()
      .regex(/^\d{15,22}$/)
      .optional(),
  ),
  DISCORD_MESSAGE_CONTENT_INTENT: z.stringbool().default(false),
  SHARD_COUNT: optionalString.pipe(
    z
      .union([
        z.literal('auto'),
        z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().positive()),
      ])
      .optional(),
  ),

  // Dashboard
  PORT: positiveInt.max(65535).default(3000),
  PUBLIC_URL: optionalString.pipe(url.optional()),

  // Privacy
  GUILD_DATA_GRACE_DAYS: positiveInt.max(365).default(30),
});

export type Env = z.output<typeof envSchema>;

export class EnvError extends Error {
  override name = 'EnvError';
}

/** Validates the environment; the error names each bad variable and why, never its value. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`,
  );
  throw new EnvError(`Invalid configuration — ${problems.join('; ')}. See .env.example.`);
}

let cached: Env | undefined;

/** The validated environment of this process, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
