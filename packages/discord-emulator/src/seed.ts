// Declarative fixtures: the demo seed and the schema that per-test seeds follow.
import { ApplicationFlags, PermissionFlagsBits } from 'discord-api-types/v10';
import { z } from 'zod';

const Id = z.string().regex(/^\d{1,20}$/, 'a snowflake id (digits)');
const Bits = z.string().regex(/^\d+$/, 'a permission bit set as a decimal string');

export const OverwriteSeedSchema = z.object({
  id: Id,
  type: z.enum(['role', 'member']),
  allow: Bits.default('0'),
  deny: Bits.default('0'),
});

export const ChannelSeedSchema = z.object({
  id: Id,
  name: z.string().min(1).max(100),
  type: z.enum(['text', 'category', 'voice', 'announcement']).default('text'),
  parentId: Id.optional(),
  topic: z.string().optional(),
  position: z.number().int().optional(),
  overwrites: z.array(OverwriteSeedSchema).default([]),
});

export const RoleSeedSchema = z.object({
  id: Id,
  name: z.string().min(1),
  permissions: Bits.default('0'),
  color: z.number().int().default(0),
  hoist: z.boolean().default(false),
  mentionable: z.boolean().default(false),
  position: z.number().int().optional(),
  managed: z.boolean().default(false),
});

export const GuildSeedSchema = z.object({
  id: Id,
  name: z.string().min(1),
  ownerId: Id,
  locale: z.string().default('en-US'),
  /** Permissions of the @everyone role (whose id is the guild id). */
  everyonePermissions: Bits.optional(),
  roles: z.array(RoleSeedSchema).default([]),
  members: z
    .array(z.object({ userId: Id, roles: z.array(Id).default([]), nick: z.string().optional() }))
    .default([]),
  /**
   * How the bot sits in this guild. If the bot user is not listed in `members`, it is added with a managed
   * role carrying `permissions` (like an invite with a permissions integer). `present: false` leaves it out.
   */
  bot: z
    .object({
      present: z.boolean().default(true),
      roleId: Id.optional(),
      roleName: z.string().default('TicketByte'),
      permissions: Bits.optional(),
    })
    .default({ present: true, roleName: 'TicketByte' }),
  channels: z.array(ChannelSeedSchema).default([]),
});

/**
 * The privileged intents a small bot (fewer than 100 servers) has when its owner turned on Server Members
 * and Message Content in the Developer Portal: Discord reports them as the `_LIMITED` application flags.
 */
export const DEFAULT_APPLICATION_FLAGS =
  ApplicationFlags.GatewayGuildMembersLimited | ApplicationFlags.GatewayMessageContentLimited;

export const SeedSchema = z.object({
  bot: z.object({
    token: z.string().min(8),
    applicationId: Id,
    userId: Id,
    username: z.string().default('TicketByte'),
    /** The application's `flags` (GET /applications/@me); the GATEWAY_* flags grant privileged intents. */
    applicationFlags: z.number().int().nonnegative().default(DEFAULT_APPLICATION_FLAGS),
  }),
  oauth: z
    .object({
      clientId: Id,
      clientSecret: z.string().min(8),
      redirectUris: z.array(z.string()).default([]),
    })
    .optional(),
  users: z.array(
    z.object({
      id: Id,
      username: z.string().min(2),
      globalName: z.string().optional(),
      email: z.string().optional(),
      locale: z.string().default('en-US'),
    }),
  ),
  guilds: z.array(GuildSeedSchema).default([]),
});

/** A seed as written by hand (defaults may be left out). */
export type Seed = z.input<typeof SeedSchema>;
/** A seed after validation, with defaults filled in. */
export type ParsedSeed = z.output<typeof SeedSchema>;

export function parseSeed(seed: unknown): ParsedSeed {
  const result = SeedSchema.safeParse(seed);
  if (!result.success) {
    throw new Error(`Invalid emulator seed:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

const P = PermissionFlagsBits;
const bits = (...flags: bigint[]) => flags.reduce((a, b) => a | b, 0n).toString();

/** What @everyone may do in a fresh Discord server (the defaults Discord gives new guilds). */
export const DEFAULT_EVERYONE_PERMISSIONS = bits(
  P.CreateInstantInvite,
  P.ChangeNickname,
  P.ViewChannel,
  P.SendMessages,
  P.SendMessagesInThreads,
  P.CreatePublicThreads,
  P.CreatePrivateThreads,
  P.EmbedLinks,
  P.AttachFiles,
  P.AddReactions,
  P.UseExternalEmojis,
  P.UseExternalStickers,
  P.MentionEveryone,
  P.ReadMessageHistory,
  P.UseApplicationCommands,
  P.Connect,
  P.Speak,
  P.UseVAD,
  P.Stream,
);

/** What TicketByte's invite link asks for. */
export const TICKETBYTE_BOT_PERMISSIONS = bits(
  P.ViewChannel,
  P.ManageChannels,
  P.ManageRoles,
  P.SendMessages,
  P.SendMessagesInThreads,
  P.CreatePrivateThreads,
  P.ManageThreads,
  P.EmbedLinks,
  P.AttachFiles,
  P.ReadMessageHistory,
  P.ManageMessages,
  P.UseExternalEmojis,
);

export const SUPPORT_ROLE_PERMISSIONS = bits(P.ManageMessages, P.KickMembers, P.ModerateMembers);

/** Fixed ids and credentials of the demo seed (documented in the README). */
export const DEMO = {
  botToken: 'TicketByteDemoBot.emulator.local-not-a-real-token',
  applicationId: '1300000000000000010',
  botUserId: '1300000000000000010',
  clientId: '1300000000000000010',
  clientSecret: 'ticketbyte-demo-client-secret',
  guildId: '1300000000000000001',
  users: {
    admin: '1300000000000000101',
    staff: '1300000000000000102',
    alice: '1300000000000000103',
    bob: '1300000000000000104',
    carol: '1300000000000000105',
    outsider: '1300000000000000106',
  },
  roles: {
    everyone: '1300000000000000001',
    admin: '1300000000000000201',
    support: '1300000000000000202',
    bot: '1300000000000000203',
  },
  channels: {
    general: '1300000000000000301',
    support: '1300000000000000302',
    ticketsCategory: '1300000000000000303',
    ticketLogs: '1300000000000000304',
  },
  redirectUris: [
    'http://127.0.0.1:5173/auth/callback',
    'http://127.0.0.1:5173/login/callback',
    'http://localhost:5173/auth/callback',
    'http://localhost:5173/login/callback',
    'http://127.0.0.1:3000/auth/callback',
    'http://127.0.0.1:3000/login/callback',
    'http://localhost:3000/auth/callback',
    'http://localhost:3000/login/callback',
    'http://127.0.0.1:4173/auth/callback',
    'http://127.0.0.1:4173/login/callback',
    'http://localhost:4173/auth/callback',
    'http://localhost:4173/login/callback',
  ],
} as const;

/** The "TicketByte Demo" guild: an admin (owner), a staff member with the Support role, members, channels. */
export const demoSeed: Seed = {
  bot: {
    token: DEMO.botToken,
    applicationId: DEMO.applicationId,
    userId: DEMO.botUserId,
    username: 'TicketByte',
    // Server Members and Message Content granted (what TicketByte asks for); Presence is not.
    applicationFlags: DEFAULT_APPLICATION_FLAGS,
  },
  oauth: { clientId: DEMO.clientId, clientSecret: DEMO.clientSecret, redirectUris: [...DEMO.redirectUris] },
  users: [
    { id: DEMO.users.admin, username: 'ada_admin', globalName: 'Ada (Admin)', email: 'ada@example.test' },
    { id: DEMO.users.staff, username: 'sam_support', globalName: 'Sam (Support)', email: 'sam@example.test' },
    { id: DEMO.users.alice, username: 'alice', globalName: 'Alice', email: 'alice@example.test' },
    { id: DEMO.users.bob, username: 'bob', globalName: 'Bob', email: 'bob@example.test' },
    {
      id: DEMO.users.carol,
      username: 'carol',
      globalName: 'Carol',
      email: 'carol@example.test',
      locale: 'de',
    },
    { id: DEMO.users.outsider, username: 'olga_outsider', globalName: 'Olga', email: 'olga@example.test' },
  ],
  guilds: [
    {
      id: DEMO.guildId,
      name: 'TicketByte Demo',
      ownerId: DEMO.users.admin,
      roles: [
        {
          id: DEMO.roles.admin,
          name: 'Admin',
          permissions: bits(P.Administrator),
          color: 0xe74c3c,
          hoist: true,
          position: 10,
        },
        { id: DEMO.roles.support, name: 'Support', permissions: SUPPORT_ROLE_PERMISSIONS, color: 0x3498db },
      ],
      bot: { roleId: DEMO.roles.bot, roleName: 'TicketByte', permissions: TICKETBYTE_BOT_PERMISSIONS },
      members: [
        { userId: DEMO.users.admin, roles: [DEMO.roles.admin] },
        { userId: DEMO.users.staff, roles: [DEMO.roles.support] },
        { userId: DEMO.users.alice },
        { userId: DEMO.users.bob },
        { userId: DEMO.users.carol, nick: 'Caro' },
      ],
      channels: [
        { id: DEMO.channels.general, name: 'general', topic: 'Say hello' },
        { id: DEMO.channels.support, name: 'support', topic: 'Open a ticket with the button below' },
        { id: DEMO.channels.ticketsCategory, name: 'Tickets', type: 'category' },
        {
          id: DEMO.channels.ticketLogs,
          name: 'ticket-logs',
          overwrites: [
            { id: DEMO.guildId, type: 'role', deny: bits(P.ViewChannel) },
            { id: DEMO.roles.support, type: 'role', allow: bits(P.ViewChannel) },
            { id: DEMO.roles.bot, type: 'role', allow: bits(P.ViewChannel, P.SendMessages, P.AttachFiles) },
          ],
        },
      ],
    },
  ],
};
