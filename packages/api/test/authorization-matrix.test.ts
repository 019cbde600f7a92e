// Who may call what: every procedure of the router against every kind of caller. The list of
// procedures comes from the router itself, so a new procedure without an entry here fails the suite.
import { randomBytes } from 'node:crypto';
import { API_TOKEN_SCOPES, Session } from '@ticketbyte/db';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/actor.js';
import { appRouter } from '../src/root.js';
import { createApiToken } from '../src/services/api-tokens.js';
import { DEMO, type Harness, member, setUpDemoGuild, signIn, startHarness, system } from './harness.js';

let h: Harness;
const G = DEMO.guildId;
const ALL_SCOPES = API_TOKEN_SCOPES;

const actors = {
  anonymous: (): Actor => ({ kind: 'anonymous' }),
  outsider: (): Actor => ({ kind: 'user', userId: DEMO.users.outsider }),
  member: (): Actor => member(h, DEMO.users.bob),
  opener: (): Actor => member(h, DEMO.users.alice),
  staff: (): Actor => member(h, DEMO.users.staff),
  // The admin signs in to the dashboard: their standing comes from Discord, not from the caller.
  admin: (): Actor => ({ kind: 'user', userId: DEMO.users.admin }),
  token: (): Actor => ({ kind: 'api-token', tokenId: 'matrix-all', scopes: [...ALL_SCOPES], guildIds: [G] }),
  tokenNoScope: (): Actor => ({ kind: 'api-token', tokenId: 'matrix-none', scopes: [], guildIds: [G] }),
  tokenOtherGuild: (): Actor => ({
    kind: 'api-token',
    tokenId: 'matrix-other',
    scopes: [...ALL_SCOPES],
    guildIds: ['1999999999999999999'],
  }),
  // An operator's token: every scope, every guild.
  operator: (): Actor => ({
    kind: 'api-token',
    tokenId: 'matrix-operator',
    scopes: [...ALL_SCOPES],
    guildIds: [],
  }),
  system: (): Actor => system,
};
type ActorName = keyof typeof actors;

const EVERYONE = Object.keys(actors) as ActorName[];
const SYSTEM: ActorName[] = ['system'];
const GUILD_MEMBERS: ActorName[] = ['member', 'opener', 'staff', 'admin', 'token', 'operator', 'system'];
const PARTICIPANTS: ActorName[] = ['opener', 'staff', 'admin', 'token', 'operator', 'system'];
const STAFF: ActorName[] = ['staff', 'admin', 'token', 'operator', 'system'];
const ADMINS: ActorName[] = ['admin', 'token', 'operator', 'system'];
const SIGNED_IN: ActorName[] = ['outsider', 'admin'];
const GUILD_ADMINS_ONLY: ActorName[] = ['admin', 'system'];

let categoryId = '';
let panelId = '';

async function freshTicket() {
  const { ticket } = await h
    .caller(system)
    .ticket.open({ guildId: G, openerId: DEMO.users.alice, topic: 'matrix' });
  return ticket;
}

type InputFactory = (actor: ActorName) => Promise<Record<string, unknown> | undefined>;
const guild: InputFactory = async () => ({ guildId: G });
const onTicket = (extra: Record<string, unknown> = {}): InputFactory => {
  let ticketId: string | undefined;
  return async () => {
    ticketId ??= (await freshTicket()).id;
    return { guildId: G, ticketId, ...extra };
  };
};
const range = { from: '2026-01-01', to: '2026-12-31' };
const messageFacts = async () => ({
  guildId: G,
  channelId: DEMO.channels.general,
  messageId: '1500000000000000100',
  authorId: DEMO.users.bob,
  authorName: 'Bob',
  content: 'hello',
  sentAt: new Date(),
});

const matrix: Record<string, { allowed: ActorName[]; input: InputFactory }> = {
  health: { allowed: EVERYONE, input: async () => undefined },

  // People open for themselves; tools and the system name the member they open for.
  'ticket.open': {
    allowed: GUILD_MEMBERS,
    input: async (actor) => ({
      guildId: G,
      ...(actor.startsWith('token') || actor === 'system' ? { openerId: DEMO.users.alice } : {}),
    }),
  },
  'ticket.close': { allowed: PARTICIPANTS, input: onTicket({ reason: 'matrix' }) },
  'ticket.requestClose': { allowed: STAFF, input: onTicket() },
  // Only the opener answers a close request that staff made.
  'ticket.answerCloseRequest': { allowed: ['opener'], input: onTicket({ accept: false }) },
  'ticket.reopen': { allowed: STAFF, input: onTicket() },
  'ticket.deleteChannel': { allowed: STAFF, input: onTicket() },
  'ticket.claim': { allowed: STAFF, input: onTicket() },
  'ticket.unclaim': { allowed: STAFF, input: onTicket() },
  'ticket.addMember': { allowed: STAFF, input: onTicket({ memberId: DEMO.users.carol }) },
  'ticket.removeMember': { allowed: STAFF, input: onTicket({ memberId: DEMO.users.carol }) },
  'ticket.rename': { allowed: STAFF, input: onTicket({ name: 'renamed' }) },
  'ticket.setPriority': { allowed: STAFF, input: onTicket({ priority: 'high' }) },
  'ticket.setTopic': { allowed: PARTICIPANTS, input: onTicket({ topic: 'new topic' }) },
  'ticket.get': { allowed: PARTICIPANTS, input: onTicket() },
  'ticket.transcript': { allowed: STAFF, input: onTicket({ format: 'json' }) },
  'ticket.list': { allowed: STAFF, input: guild },
  'ticket.history': { allowed: STAFF, input: onTicket() },
  'ticket.recordMessage': { allowed: SYSTEM, input: messageFacts },
  'ticket.recordMessageEdit': {
    allowed: SYSTEM,
    input: async () => ({
      guildId: G,
      channelId: DEMO.channels.general,
      messageId: '1500000000000000100',
      content: 'x',
      editedAt: new Date(),
    }),
  },
  'ticket.recordMessageDelete': {
    allowed: SYSTEM,
    input: async () => ({
      guildId: G,
      channelId: DEMO.channels.general,
      messageId: '1500000000000000100',
      deletedAt: new Date(),
    }),
  },
  'ticket.channelDeleted': {
    allowed: SYSTEM,
    input: async () => ({ guildId: G, channelId: '1300000000000009999' }),
  },
  'ticket.memberLeft': { allowed: SYSTEM, input: async () => ({ guildId: G, userId: DEMO.users.carol }) },
  'ticket.autoCloseSweep': { allowed: SYSTEM, input: async () => undefined },

  'config.get': { allowed: STAFF, input: guild },
  'config.public': { allowed: GUILD_MEMBERS, input: guild },
  'config.update': { allowed: ADMINS, input: async () => ({ guildId: G, prefix: '!' }) },
  'config.setup': { allowed: ADMINS, input: guild },
  'config.channels': { allowed: STAFF, input: guild },
  'config.roles': { allowed: STAFF, input: guild },
  'config.categories.list': { allowed: GUILD_MEMBERS, input: guild },
  'config.categories.create': {
    allowed: ADMINS,
    input: async () => ({ guildId: G, name: `Matrix ${Math.random()}` }),
  },
  'config.categories.update': {
    allowed: ADMINS,
    input: async () => ({ guildId: G, categoryId, description: 'x' }),
  },
  'config.categories.delete': {
    allowed: ADMINS,
    input: async () => {
      const { category } = await h
        .caller(system)
        .config.categories.create({ guildId: G, name: `Doomed ${Math.random()}` });
      return { guildId: G, categoryId: category.id };
    },
  },
  'config.panels.list': { allowed: STAFF, input: guild },
  'config.panels.get': { allowed: GUILD_MEMBERS, input: async () => ({ guildId: G, panelId }) },
  'config.panels.create': { allowed: ADMINS, input: async () => ({ guildId: G, title: 'Matrix panel' }) },
  'config.panels.update': { allowed: ADMINS, input: async () => ({ guildId: G, panelId, title: 'Updated' }) },
  'config.panels.delete': {
    allowed: ADMINS,
    input: async () => {
      const { panel } = await h.caller(system).config.panels.create({ guildId: G, title: 'Doomed' });
      return { guildId: G, panelId: panel.id };
    },
  },
  'config.panels.publish': {
    allowed: ADMINS,
    input: async () => ({ guildId: G, panelId, channelId: DEMO.channels.support }),
  },
  'config.blacklist.list': { allowed: STAFF, input: guild },
  'config.blacklist.add': {
    allowed: STAFF,
    input: async () => ({
      guildId: G,
      targetType: 'user',
      targetId: `18${String(Math.floor(Math.random() * 1e16)).padStart(16, '0')}`,
    }),
  },
  'config.blacklist.remove': {
    allowed: STAFF,
    input: async () => {
      const targetId = `17${String(Math.floor(Math.random() * 1e16)).padStart(16, '0')}`;
      await h.caller(system).config.blacklist.add({ guildId: G, targetType: 'user', targetId });
      return { guildId: G, targetType: 'user', targetId };
    },
  },
  'config.guildsWithSettings': { allowed: SYSTEM, input: async () => ({ guildIds: [G] }) },
  'config.guildJoined': { allowed: SYSTEM, input: async () => ({ guildId: G, name: 'TicketByte Demo' }) },
  'config.guildLeft': { allowed: SYSTEM, input: async () => ({ guildId: '1300000000000008888' }) },

  'analytics.summary': { allowed: STAFF, input: async () => ({ guildId: G, ...range }) },
  'analytics.daily': { allowed: STAFF, input: async () => ({ guildId: G, ...range }) },
  'analytics.commands': { allowed: STAFF, input: async () => ({ guildId: G, ...range }) },
  'analytics.staff': { allowed: STAFF, input: async () => ({ guildId: G, ...range }) },
  'analytics.recordCommand': { allowed: SYSTEM, input: async () => ({ guildId: G, command: 'ticket' }) },

  'account.guilds': { allowed: SIGNED_IN, input: async () => undefined },

  'privacy.summary': { allowed: SIGNED_IN, input: async () => undefined },
  'privacy.requests': { allowed: SIGNED_IN, input: async () => undefined },
  'privacy.endSession': {
    allowed: SIGNED_IN,
    input: async (actor) => {
      const sessionId = randomBytes(32).toString('hex');
      const userId = actor === 'admin' ? DEMO.users.admin : DEMO.users.outsider;
      await Session.create({
        _id: sessionId,
        userId,
        expiresAt: new Date(Date.now() + 86_400_000),
        lastSeenAt: new Date(),
      });
      return { sessionId };
    },
  },
  'privacy.refreshProfile': { allowed: SIGNED_IN, input: async () => undefined },
  // A wrong confirmation: the signed-in get BAD_REQUEST (allowed, nothing deleted), everyone else a denial.
  'privacy.deleteMyData': { allowed: SIGNED_IN, input: async () => ({ confirm: 'no' }) },
  'privacy.deleteUserData': { allowed: ['operator'], input: async () => ({ userId: '1999999999999999998' }) },
  'privacy.deleteGuildData': {
    allowed: ADMINS,
    input: async () => ({ guildId: G, confirmGuildId: '1999999999999999997' }),
  },
  'privacy.sweep': { allowed: SYSTEM, input: async () => undefined },
  'audit.list': { allowed: ADMINS, input: guild },
  'config.memberNames': { allowed: STAFF, input: async () => ({ guildId: G, userIds: [DEMO.users.alice] }) },

  'tokens.list': { allowed: GUILD_ADMINS_ONLY, input: guild },
  'tokens.create': {
    allowed: GUILD_ADMINS_ONLY,
    input: async () => ({ guildId: G, name: 'matrix', scopes: ['tickets:read'] }),
  },
  'tokens.revoke': {
    allowed: GUILD_ADMINS_ONLY,
    input: async () => ({
      guildId: G,
      tokenId: (
        await createApiToken({ name: 'x', scopes: ['tickets:read'], guildIds: [G], createdById: 'test' })
      ).id,
    }),
  },
};

const DENIALS = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND']);

async function outcome(actor: Actor, path: string, input: unknown): Promise<'allowed' | 'denied'> {
  // biome-ignore lint/suspicious/noExplicitAny: walking the caller by a dotted path
  const procedure = path.split('.').reduce<any>((node, key) => node[key], h.caller(actor));
  try {
    await procedure(input);
    return 'allowed';
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    if (error.code === 'INTERNAL_SERVER_ERROR') throw error;
    return DENIALS.has(error.code) ? 'denied' : 'allowed';
  }
}

beforeAll(async () => {
  h = await startHarness();
  await setUpDemoGuild(h);
  await h.caller(system).config.update({ guildId: G, maxOpenTicketsPerUser: 25 });
  categoryId = (await h.caller(system).config.categories.create({ guildId: G, name: 'Matrix' })).category.id;
  panelId = (await h.caller(system).config.panels.create({ guildId: G, title: 'Matrix' })).panel.id;
  await signIn(h, DEMO.users.admin);
  await signIn(h, DEMO.users.outsider);
});
afterAll(() => h.stop());

describe('authorization matrix', () => {
  it('has an entry for every procedure of the router, and no stale entries', () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(Object.keys(matrix).sort()).toEqual(procedures);
  });

  for (const [path, entry] of Object.entries(matrix)) {
    it(`${path}: allowed for ${entry.allowed.join(', ')}; denied for everyone else`, async () => {
      const seen: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const name of EVERYONE) {
        seen[name] = await outcome(actors[name](), path, await entry.input(name));
        expected[name] = entry.allowed.includes(name) ? 'allowed' : 'denied';
      }
      expect(seen).toEqual(expected);
    });
  }
});
