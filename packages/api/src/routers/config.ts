// `config.*`: a guild's settings, ticket categories, panels and blacklist, and `/setup`.
import {
  Blacklist,
  ensureGuildSettings,
  updateGuildSettings,
  Guild,
  GUILD_DEFAULTS,
  type GuildSettings,
  Panel,
  TicketCategory,
} from '@ticketbyte/db';
import { TRPCError } from '@trpc/server';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import { z } from 'zod';
import { actorAuditId } from '../actor.js';
import type { DiscordPort } from '../discord/port.js';
import { fail } from '../errors.js';
import { LOCALES } from '../i18n/index.js';
import { cachedGuildFacts, forgetStanding, memberFacts } from '../services/access.js';
import { guildSnapshot, invalidateGuildSnapshot } from '../services/guild-snapshot.js';
import { panelMessage } from '../services/panels.js';
import { guildProcedure, router, snowflake, systemProcedure } from '../trpc.js';
import { auditTarget, objectId } from '../views.js';

const settingsInput = z.object({
  prefix: z.string().trim().min(1).max(5).regex(/^\S+$/, 'no spaces').optional(),
  staffRoleIds: z.array(snowflake).max(25).optional(),
  adminRoleIds: z.array(snowflake).max(25).optional(),
  ticketParentChannelId: snowflake.nullable().optional(),
  logChannelId: snowflake.nullable().optional(),
  maxOpenTicketsPerUser: z.number().int().min(1).max(25).optional(),
  transcriptsEnabled: z.boolean().optional(),
  // Bounded by the privacy policy's promise of "up to 90 days by default": an admin may shorten
  // retention to one day or extend it to a year for compliance needs, never keep it forever.
  transcriptRetentionDays: z.number().int().min(1).max(365).optional(),
  autoCloseAfterHours: z.number().int().min(1).max(720).nullable().optional(),
  closeTicketsWhenMemberLeaves: z.boolean().optional(),
  ticketNameTemplate: z.string().trim().min(1).max(90).optional(),
  language: z.enum(LOCALES).optional(),
});

export const settingsView = z.object({
  guildId: z.string(),
  name: z.string(),
  prefix: z.string(),
  staffRoleIds: z.array(z.string()),
  adminRoleIds: z.array(z.string()),
  ticketParentChannelId: z.string().nullable(),
  logChannelId: z.string().nullable(),
  maxOpenTicketsPerUser: z.number(),
  transcriptsEnabled: z.boolean(),
  transcriptRetentionDays: z.number(),
  autoCloseAfterHours: z.number().nullable(),
  closeTicketsWhenMemberLeaves: z.boolean(),
  ticketNameTemplate: z.string(),
  language: z.enum(LOCALES),
  removedAt: z.date().nullable(),
});

function toSettingsView(s: GuildSettings): z.infer<typeof settingsView> {
  return {
    guildId: s.guildId,
    name: s.name ?? '',
    prefix: s.prefix ?? GUILD_DEFAULTS.prefix,
    staffRoleIds: s.staffRoleIds ?? [],
    adminRoleIds: s.adminRoleIds ?? [],
    ticketParentChannelId: s.ticketParentChannelId ?? null,
    logChannelId: s.logChannelId ?? null,
    maxOpenTicketsPerUser: s.maxOpenTicketsPerUser ?? GUILD_DEFAULTS.maxOpenTicketsPerUser,
    transcriptsEnabled: s.transcriptsEnabled ?? false,
    transcriptRetentionDays: s.transcriptRetentionDays ?? GUILD_DEFAULTS.transcriptRetentionDays,
    autoCloseAfterHours: s.autoCloseAfterHours ?? null,
    closeTicketsWhenMemberLeaves: s.closeTicketsWhenMemberLeaves ?? false,
    ticketNameTemplate: s.ticketNameTemplate ?? GUILD_DEFAULTS.ticketNameTemplate,
    language: (s.language ?? 'en') as 'en' | 'de',
    removedAt: s.removedAt ?? null,
  };
}

const questionInput = z.object({
  questionId: z.string().regex(/^[a-z0-9_-]{1,40}$/i),
  label: z.string().trim().min(1).max(45),
  style: z.enum(['short', 'paragraph']).default('short'),
  placeholder: z.string().max(100).default(''),
  required: z.boolean().default(true),
  minLength: z.number().int().min(0).max(4000).default(0),
  maxLength: z.number().int().min(1).max(4000).default(1000),
});

const categoryInput = z.object({
  name: z.string().trim().min(1).max(50),
  emoji: z.string().max(64).nullable().optional(),
  description: z.string().max(100).optional(),
  staffRoleIds: z.array(snowflake).max(25).optional(),
  questions: z
    .array(questionInput)
    .max(5, 'A Discord form holds at most 5 questions')
    .refine((q) => new Set(q.map((x) => x.questionId)).size === q.length, 'question ids must be unique')
    .optional(),
  parentChannelId: snowflake.nullable().optional(),
  ticketNameTemplate: z.string().max(90).nullable().optional(),
  position: z.number().int().min(0).max(1000).optional(),
});

const categoryView = z.object({
  id: z.string(),
  name: z.string(),
  emoji: z.string().nullable(),
  description: z.string(),
  staffRoleIds: z.array(z.string()),
  questions: z.array(questionInput.required()),
  parentChannelId: z.string().nullable(),
  ticketNameTemplate: z.string().nullable(),
  position: z.number(),
});

const panelInput = z.object({
  title: z.string().trim().min(1).max(256),
  description: z.string().max(4000).optional(),
  color: z.number().int().min(0).max(0xffffff).optional(),
  style: z.enum(['buttons', 'select']).optional(),
  categoryIds: z.array(objectId).max(25).optional(),
});

const panelView = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  color: z.number(),
  style: z.enum(['buttons', 'select']),
  categoryIds: z.array(z.string()),
  channelId: z.string().nullable(),
  messageId: z.string().nullable(),
  publishedAt: z.date().nullable(),
});

// biome-ignore lint/suspicious/noExplicitAny: mongoose lean documents of several models
function toCategoryView(c: any): z.infer<typeof categoryView> {
  return {
    id: c._id.toString(),
    name: c.name,
    emoji: c.emoji ?? null,
    description: c.description ?? '',
    staffRoleIds: c.staffRoleIds ?? [],
    questions: (c.questions ?? []).map((q: z.infer<typeof questionInput>) => ({
      questionId: q.questionId,
      label: q.label,
      style: q.style ?? 'short',
      placeholder: q.placeholder ?? '',
      required: q.required ?? true,
      minLength: q.minLength ?? 0,
      maxLength: q.maxLength ?? 1000,
    })),
    parentChannelId: c.parentChannelId ?? null,
    ticketNameTemplate: c.ticketNameTemplate ?? null,
    position: c.position ?? 0,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: mongoose lean documents
function toPanelView(p: any): z.infer<typeof panelView> {
  return {
    id: p._id.toString(),
    title: p.title,
    description: p.description ?? '',
    color: p.color ?? 0x5865f2,
    style: p.style ?? 'buttons',
    categoryIds: p.categoryIds ?? [],
    channelId: p.channelId ?? null,
    messageId: p.messageId ?? null,
    publishedAt: p.publishedAt ?? null,
  };
}

async function requireSettings(guildId: string): Promise<GuildSettings> {
  const settings = (await Guild.findOne({ guildId }).lean()) as GuildSettings | null;
  if (!settings) fail('PRECONDITION_FAILED', 'error.notSetUp');
  return settings;
}

async function publishPanel(discord: DiscordPort, guildId: string, panelId: string, channelId: string) {
  const panel = await Panel.findOne({ _id: panelId, guildId }).lean();
  if (!panel) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such panel.' });
  const { categories } = await guildSnapshot(guildId);
  const shown =
    panel.categoryIds.length > 0
      ? categories.filter((c) => panel.categoryIds.includes(c._id.toString()))
      : categories;
  if (shown.length === 0) fail('PRECONDITION_FAILED', 'error.noCategories');
  const body = panelMessage(panel, shown);
  let messageId: string | null = null;
  if (panel.channelId === channelId && panel.messageId) {
    try {
      await discord.editMessage(channelId, panel.messageId, body);
      messageId = panel.messageId;
    } catch (error) {
      if (!(error instanceof TRPCError && error.code === 'NOT_FOUND')) throw error;
    }
  }
  messageId ??= (await discord.sendMessage(channelId, body)).id;
  return (await Panel.findOneAndUpdate(
    { _id: panelId },
    { $set: { channelId, messageId, publishedAt: new Date() } },
    { new: true },
  ).lean())!;
}

export const configRouter = router({
  get: guildProcedure({ level: 'staff', scope: 'config:read' })
    .output(settingsView)
    .query(async ({ input }) => toSettingsView(await requireSettings(input.guildId))),

  /** What every member's client may know: language, prefix, whether transcripts are kept. */
  public: guildProcedure({ level: 'member', scope: 'config:read' })
    .output(
      z.object({
        setUp: z.boolean(),
        language: z.enum(LOCALES),
        prefix: z.string(),
        transcriptsEnabled: z.boolean(),
        transcriptRetentionDays: z.number(),
        removed: z.boolean(),
      }),
    )
    .query(({ ctx }) => {
      const s = ctx.guild.settings;
      return {
        setUp: s !== null,
        language: (s?.language ?? 'en') as 'en' | 'de',
        prefix: s?.prefix ?? GUILD_DEFAULTS.prefix,
        transcriptsEnabled: s?.transcriptsEnabled ?? false,
        transcriptRetentionDays: s?.transcriptRetentionDays ?? GUILD_DEFAULTS.transcriptRetentionDays,
        removed: Boolean(s?.removedAt),
      };
    }),

  update: guildProcedure({ level: 'admin', scope: 'config:write' })
    .input(settingsInput)
    .output(z.object({ settings: settingsView, audit: auditTarget }))
    .mutation(async ({ input }) => {
      const { guildId, ...changes } = input;
      await requireSettings(guildId);
      const updated = (await updateGuildSettings(guildId, { $set: changes }, { runValidators: true }))!;
      invalidateGuildSnapshot(guildId);
      forgetStanding(guildId);
      return { settings: toSettingsView(updated), audit: { type: 'guild', id: guildId } };
    }),

  /** What `/setup` does: settings with defaults, a ticket category channel, a default category and panel. */
  setup: guildProcedure({ level: 'admin', scope: 'config:write' })
    .input(
      z.object({
        staffRoleId: snowflake.optional(),
        ticketParentChannelId: snowflake.optional(),
        logChannelId: snowflake.optional(),
        transcriptsEnabled: z.boolean().optional(),
        panelChannelId: snowflake.optional(),
      }),
    )
    .output(
      z.object({
        settings: settingsView,
        categoryId: z.string(),
        panel: panelView.nullable(),
        audit: auditTarget,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const facts = await cachedGuildFacts(ctx.discord, input.guildId);
      await ensureGuildSettings(input.guildId, facts?.name ?? '');
      await updateGuildSettings(input.guildId, { $set: { name: facts?.name ?? '', removedAt: null } });
      let settings = await requireSettings(input.guildId);
      const changes: Record<string, unknown> = {};
      // Picks what the admin chose, or creates what is missing: a staff role, a ticket category
      // channel and a private log channel. Re-running it creates nothing twice.
      let staffRoleIds = settings.staffRoleIds ?? [];
      if (input.staffRoleId && !staffRoleIds.includes(input.staffRoleId))
        staffRoleIds = [...staffRoleIds, input.staffRoleId];
      if (staffRoleIds.length === 0)
        staffRoleIds = [(await ctx.discord.createRole(input.guildId, 'Support')).id];
      if (staffRoleIds !== settings.staffRoleIds) changes.staffRoleIds = staffRoleIds;
      if (input.ticketParentChannelId) changes.ticketParentChannelId = input.ticketParentChannelId;
      else if (!settings.ticketParentChannelId) {
        changes.ticketParentChannelId = (
          await ctx.discord.createCategoryChannel(input.guildId, 'Tickets')
        ).id;
      }
      if (input.logChannelId) changes.logChannelId = input.logChannelId;
      else if (!settings.logChannelId) {
        const botId = await ctx.discord.botUserId();
        changes.logChannelId = (
          await ctx.discord.createTextChannel(input.guildId, {
            name: 'ticket-logs',
            parentId: null,
            topic: 'TicketByte: ticket events (staff only)',
            overwrites: [
              { id: input.guildId, type: 'role', allow: 0n, deny: PermissionFlagsBits.ViewChannel },
              {
                id: botId,
                type: 'member',
                allow:
                  PermissionFlagsBits.ViewChannel |
                  PermissionFlagsBits.SendMessages |
                  PermissionFlagsBits.EmbedLinks |
                  PermissionFlagsBits.AttachFiles,
                deny: 0n,
              },
              ...staffRoleIds.map((id) => ({
                id,
                type: 'role' as const,
                allow: PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory,
                deny: 0n,
              })),
            ],
          })
        ).id;
      }
      if (input.transcriptsEnabled !== undefined) changes.transcriptsEnabled = input.transcriptsEnabled;
      if (Object.keys(changes).length > 0) {
        settings = (await updateGuildSettings(input.guildId, { $set: changes }))!;
      }
      let category = await TicketCategory.findOne({ guildId: input.guildId }).sort({ position: 1 }).lean();
      if (!category) {
        category = (
          await TicketCategory.create({
            guildId: input.guildId,
            name: 'General',
            emoji: '🎫',
            description: 'Ask us anything',
          })
        ).toObject();
      }
      invalidateGuildSnapshot(input.guildId);
      let panel = null;
      if (input.panelChannelId) {
        const existing =
          (await Panel.findOne({ guildId: input.guildId }).sort({ createdAt: 1 }).lean()) ??
          (
            await Panel.create({
              guildId: input.guildId,
              title: 'Need help?',
              description: 'Press a button below to open a ticket.',
            })
          ).toObject();
        panel = toPanelView(
          await publishPanel(ctx.discord, input.guildId, existing._id.toString(), input.panelChannelId),
        );
      }
      return {
        settings: toSettingsView(settings),
        categoryId: category._id.toString(),
        panel,
        audit: { type: 'guild', id: input.guildId },
      };
    }),

  channels: guildProcedure({ level: 'staff', scope: 'config:read' })
    .output(
      z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          type: z.enum(['text', 'category', 'other']),
          parentId: z.string().nullable(),
        }),
      ),
    )
    .query(({ ctx, input }) => ctx.discord.listChannels(input.guildId)),

  roles: guildProcedure({ level: 'staff', scope: 'config:read' })
    .output(
      z.array(z.object({ id: z.string(), name: z.string(), position: z.number(), managed: z.boolean() })),
    )
    .query(async ({ ctx, input }) => {
      const facts = await cachedGuildFacts(ctx.discord, input.guildId);
      return (facts?.roles ?? [])
        .filter((r) => r.id !== input.guildId)
        .sort((a, b) => b.position - a.position)
        .map(({ id, name, position, managed }) => ({ id, name, position, managed }));
    }),

  /** Names and avatars of members, so pages can show people rather than ids. */
  memberNames: guildProcedure({ level: 'staff', scope: 'tickets:read' })
    .input(z.object({ userIds: z.array(snowflake).max(100) }))
    .output(z.array(z.object({ id: z.string(), displayName: z.string(), avatar: z.string().nullable() })))
    .query(async ({ ctx, input }) => {
      const unique = [...new Set(input.userIds)];
      const members = await Promise.all(unique.map((id) => memberFacts(ctx.discord, input.guildId, id)));
      return unique.map((id, i) => ({
        id,
        displayName: members[i]?.displayName ?? `Former member ${id.slice(-4)}`,
        avatar: members[i]?.avatar ?? null,
      }));
    }),

  categories: router({
    list: guildProcedure({ level: 'member', scope: 'config:read' })
      .output(z.array(categoryView))
      .query(async ({ input }) => (await guildSnapshot(input.guildId)).categories.map(toCategoryView)),
    create: guildProcedure({ level: 'admin', scope: 'config:write' })
      .input(categoryInput)
      .output(z.object({ category: categoryView, audit: auditTarget }))
      .mutation(async ({ input }) => {
        const { guildId, ...fields } = input;
        await requireSettings(guildId);
        if (await TicketCategory.exists({ guildId, name: fields.name }))
          fail('CONFLICT', 'error.duplicateCategory');
        const created = (await TicketCategory.create({ guildId, ...fields })).toObject();
        invalidateGuildSnapshot(guildId);
        return { category: toCategoryView(created), audit: { type: 'category', id: created._id.toString() } };
      }),
    update: guildProcedure({ level: 'admin', scope: 'config:write' })
      .input(categoryInput.partial().extend({ categoryId: objectId }))
      .output(z.object({ category: categoryView, audit: auditTarget }))
      .mutation(async ({ input }) => {
        const { guildId, categoryId, ...fields } = input;
        const updated = await TicketCategory.findOneAndUpdate(
          { _id: categoryId, guildId },
          { $set: fields },
          { new: true, runValidators: true },
        ).lean();
        if (!updated) fail('NOT_FOUND', 'error.unknownCategory');
        invalidateGuildSnapshot(guildId);
        return { category: toCategoryView(updated), audit: { type: 'category', id: categoryId } };
      }),
    delete: guildProcedure({ level: 'admin', scope: 'config:write' })
      .input(z.object({ categoryId: objectId }))
      .output(z.object({ deleted: z.boolean(), audit: auditTarget }))
      .mutation(async ({ input }) => {
        const res = await TicketCategory.deleteOne({ _id: input.categoryId, guildId: input.guildId });
        if (res.deletedCount === 0) fail('NOT_FOUND', 'error.unknownCategory');
        await Panel.updateMany({ guildId: input.guildId }, { $pull: { categoryIds: input.categoryId } });
        invalidateGuildSnapshot(input.guildId);
        return { deleted: true, audit: { type: 'category', id: input.categoryId } };
      }),
  }),

  panels: router({
    list: guildProcedure({ level: 'staff', scope: 'config:read' })
      .output(z.array(panelView))
      .query(async ({ input }) =>
        (await Panel.find({ guildId: input.guildId }).sort({ createdAt: 1 }).lean()).map(toPanelView),
      ),
    get: guildProcedure({ level: 'member', scope: 'config:read' })
      .input(z.object({ panelId: objectId }))
      .output(panelView)
      .query(async ({ input }) => {
        const panel = await Panel.findOne({ _id: input.panelId, guildId: input.guildId }).lean();
        if (!panel) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such panel.' });
        return toPanelView(panel);
      }),
    create: guildProcedure({ level: 'admin', scope: 'config:write' })
      .input(panelInput)
      .output(z.object({ panel: panelView, audit: auditTarget }))
      .mutation(async ({ input }) => {
        const { guildId, ...fields } = input;
        await requireSettings(guildId);
        const created = (await Panel.create({ guildId, ...fields })).toObject();
        return { panel: toPanelView(created), audit: { type: 'panel', id: created._id.toString() } };
      }),
    update: guildProcedure({ level: 'admin', scope: 'config:write' })
      .input(panelInput.partial().extend({ panelId: objectId }))
      .output(z.object({ panel: panelView, audit: auditTarget }))
      .mutation(async ({ input }) => {
        const { guildId, panelId, ...fields } = input;
        const updated = await Panel.findOneAndUpdate(
          { _id: panelId, guildId },
          { $set: fields },
          { new: true, runValidators: true },
        ).lean();
        if (!updated) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such panel.' });
        return { panel: toPanelView(updated), audit: { type: 'panel', id: panelId } };
      }),
    delete: guildProcedure({ level: 'admin', scope: 'config:write' })
      .input(z.object({ panelId: objectId }))
      .output(z.object({ deleted: z.boolean(), audit: auditTarget }))
      .mutation(async ({ input }) => {
        const res = await Panel.deleteOne({ _id: input.panelId, guildId: input.guildId });
        if (res.deletedCount === 0) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such panel.' });
        return { deleted: true, audit: { type: 'panel', id: input.panelId } };
      }),
    publish: guildProcedure({ level: 'admin', scope: 'config:write' })
      .input(z.object({ panelId: objectId, channelId: snowflake }))
      .output(z.object({ panel: panelView, audit: auditTarget }))
      .mutation(async ({ ctx, input }) => ({
        panel: toPanelView(await publishPanel(ctx.discord, input.guildId, input.panelId, input.channelId)),
        audit: { type: 'panel', id: input.panelId },
      })),
  }),

  blacklist: router({
    list: guildProcedure({ level: 'staff', scope: 'config:read' })
      .output(
        z.array(
          z.object({
            id: z.string(),
            targetType: z.enum(['user', 'role']),
            targetId: z.string(),
            reason: z.string(),
            addedById: z.string(),
            createdAt: z.date(),
          }),
        ),
      )
      .query(async ({ input }) =>
        (await Blacklist.find({ guildId: input.guildId }).sort({ createdAt: -1 }).limit(1000).lean()).map(
          (b) => ({
            id: b._id.toString(),
            targetType: b.targetType,
            targetId: b.targetId,
            reason: b.reason ?? '',
            addedById: b.addedById,
            createdAt: (b as unknown as { createdAt: Date }).createdAt,
          }),
        ),
      ),
    add: guildProcedure({ level: 'staff', scope: 'config:write' })
      .input(
        z.object({
          targetType: z.enum(['user', 'role']),
          targetId: snowflake,
          reason: z.string().trim().max(500).optional(),
        }),
      )
      .output(z.object({ added: z.boolean(), audit: auditTarget }))
      .mutation(async ({ ctx, input }) => {
        await requireSettings(input.guildId);
        if (
          await Blacklist.exists({
            guildId: input.guildId,
            targetType: input.targetType,
            targetId: input.targetId,
          })
        ) {
          fail('CONFLICT', 'error.alreadyBlacklisted', { type: input.targetType });
        }
        await Blacklist.create({ ...input, reason: input.reason ?? '', addedById: actorAuditId(ctx.actor) });
        invalidateGuildSnapshot(input.guildId);
        return { added: true, audit: { type: 'blacklist', id: input.targetId } };
      }),
    remove: guildProcedure({ level: 'staff', scope: 'config:write' })
      .input(z.object({ targetType: z.enum(['user', 'role']), targetId: snowflake }))
      .output(z.object({ removed: z.boolean(), audit: auditTarget }))
      .mutation(async ({ input }) => {
        const res = await Blacklist.deleteOne(input);
        if (res.deletedCount === 0) fail('NOT_FOUND', 'error.notBlacklisted', { type: input.targetType });
        invalidateGuildSnapshot(input.guildId);
        return { removed: true, audit: { type: 'blacklist', id: input.targetId } };
      }),
  }),

  // --- Gateway events, reported by the bot as the system actor ---

  /** Of the guilds the bot is in, those TicketByte has active settings for: one query per call. */
  guildsWithSettings: systemProcedure
    .meta({ audit: false })
    .input(z.object({ guildIds: z.array(snowflake).max(1000) }))
    .output(z.object({ guildIds: z.array(z.string()) }))
    .query(async ({ input }) => {
      const known = await Guild.find(
        { guildId: { $in: input.guildIds }, removedAt: null },
        { guildId: 1 },
      ).lean();
      return { guildIds: known.map((g) => g.guildId) };
    }),

  guildJoined: systemProcedure
    .input(z.object({ guildId: snowflake, name: z.string().max(100) }))
    .output(z.object({ restored: z.boolean(), audit: auditTarget }))
    .mutation(async ({ input }) => {
      await ensureGuildSettings(input.guildId, input.name);
      const before = await updateGuildSettings(
        input.guildId,
        { $set: { name: input.name, removedAt: null } },
        { returnDocument: 'before' },
      );
      invalidateGuildSnapshot(input.guildId);
      return { restored: Boolean(before?.removedAt), audit: { type: 'guild', id: input.guildId } };
    }),

  /** The bot was removed (a GUILD_DELETE without `unavailable`): keep data for the grace period. */
  guildLeft: systemProcedure
    .input(z.object({ guildId: snowflake }))
    .output(z.object({ marked: z.boolean(), audit: auditTarget }))
    .mutation(async ({ ctx, input }) => {
      const marked = await updateGuildSettings(
        input.guildId,
        { $set: { removedAt: ctx.now() } },
        { filter: { removedAt: null } },
      );
      invalidateGuildSnapshot(input.guildId);
      return { marked: marked !== null, audit: { type: 'guild', id: input.guildId } };
    }),
});
