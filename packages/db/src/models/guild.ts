// A server's TicketByte settings — "Server Settings: configuration you set via /setup or the dashboard"
// and "Guild (Server) IDs" in the privacy policy. Also holds the counter that numbers its tickets.
import { type InferSchemaType, model, Schema } from 'mongoose';
import { isDuplicateKeyError } from '../errors.js';
import { documentLockKey, withWriteLock } from '../write-lock.js';

export const GUILD_DEFAULTS = {
  prefix: '!',
  maxOpenTicketsPerUser: 3,
  transcriptsEnabled: false,
  transcriptRetentionDays: 90,
  ticketNameTemplate: 'ticket-{number}',
  language: 'en',
} as const;

const guildSchema = new Schema(
  {
    guildId: { type: String, required: true },
    name: { type: String, default: '' },
    prefix: { type: String, default: GUILD_DEFAULTS.prefix, maxlength: 5 },
    staffRoleIds: { type: [String], default: [] },
    adminRoleIds: { type: [String], default: [] },
    ticketParentChannelId: { type: String, default: null },
    logChannelId: { type: String, default: null },
    maxOpenTicketsPerUser: { type: Number, default: GUILD_DEFAULTS.maxOpenTicketsPerUser, min: 1, max: 25 },
    // Off by default: message content is stored only when an admin turns transcripts on.
    transcriptsEnabled: { type: Boolean, default: GUILD_DEFAULTS.transcriptsEnabled },
    transcriptRetentionDays: {
      type: Number,
      default: GUILD_DEFAULTS.transcriptRetentionDays,
      min: 1,
      max: 365,
    },
    autoCloseAfterHours: { type: Number, default: null, min: 1, max: 24 * 30 },
    closeTicketsWhenMemberLeaves: { type: Boolean, default: false },
    ticketNameTemplate: { type: String, default: GUILD_DEFAULTS.ticketNameTemplate, maxlength: 90 },
    language: { type: String, default: GUILD_DEFAULTS.language, enum: ['en', 'de'] },
    // Set when the bot leaves the server; data is deleted after the grace period unless it returns.
    removedAt: { type: Date, default: null },
  },
  { strict: 'throw', timestamps: true },
);
guildSchema.index({ guildId: 1 }, { unique: true });
guildSchema.index({ removedAt: 1 });

export type GuildSettings = InferSchemaType<typeof guildSchema>;
export const Guild = model('Guild', guildSchema);

/**
 * Creates a guild's settings with every default filled in, or returns the existing ones.
 * (An upsert would store only the fields it names, so defaults are written by a real insert.)
 */
export async function ensureGuildSettings(guildId: string, name = ''): Promise<void> {
  if (await Guild.exists({ guildId })) return;
  try {
    await Guild.create({ guildId, name });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/**
 * Changes a guild's settings under the guild's write lock, so on FerretDB two changes at once (an
 * admin saving settings, the bot marking the guild joined) cannot undo each other. `filter` narrows the
 * match (null when it no longer matches); the document returned is the one before or after.
 */
export async function updateGuildSettings(
  guildId: string,
  update: Record<string, unknown>,
  options: {
    filter?: Record<string, unknown>;
    returnDocument?: 'before' | 'after';
    runValidators?: boolean;
  } = {},
) {
  return withWriteLock(documentLockKey(Guild, guildId), async () =>
    Guild.findOneAndUpdate({ ...options.filter, guildId }, update, {
      new: options.returnDocument !== 'before',
      runValidators: options.runValidators ?? false,
    }).lean(),
  );
}
