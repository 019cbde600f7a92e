// The control API: act as users and inspect state, in process (Actions, Inspect) and over HTTP (/control).
import type {
  APIApplicationCommand,
  APIChannel,
  APIGuildMember,
  APIMessage,
  APIOverwrite,
} from 'discord-api-types/v10';
import { DiscordApiError } from './errors';
import type { Gateway } from './gateway';
import type {
  ButtonInput,
  InteractionHandle,
  Interactions,
  ModalInput,
  SelectInput,
  SlashCommandInput,
} from './interactions';
import type { OAuthServer } from './oauth';
import { permissionNames } from './permissions';
import type { FaultInjector, FaultSpec } from './ratelimit';
import { GuildSeedSchema, type ParsedSeed } from './seed';
import { nextSnowflake } from './snowflake';
import type { EmulatorState } from './state';
import { waitForCondition } from './wait';
import type { z } from 'zod';

export interface SendMessageInput {
  channelId: string;
  userId: string;
  content: string;
  /** Reply to this message. */
  replyTo?: string;
}

export interface SeedInfo {
  bot: { token: string; applicationId: string; userId: string; username: string; applicationFlags: number };
  oauth: { clientId: string; clientSecret: string; redirectUris: string[] } | null;
  guilds: {
    id: string;
    name: string;
    ownerId: string;
    botPresent: boolean;
    unavailable: boolean;
    roles: { id: string; name: string; permissions: string; managed: boolean }[];
    channels: { id: string; name: string | null; type: number; parentId: string | null }[];
    members: { userId: string; roles: string[]; nick: string | null }[];
  }[];
  users: { id: string; username: string; globalName: string | null; email: string | null; bot: boolean }[];
}

export class Actions {
  constructor(
    private readonly state: EmulatorState,
    private readonly interactions: Interactions,
    private readonly oauth: OAuthServer,
  ) {}

  /** Runs a slash command as a user; the handle records what the user sees. */
  async slashCommand(input: SlashCommandInput): Promise<InteractionHandle> {
    return this.interactions.slashCommand(input);
  }

  async clickButton(input: ButtonInput): Promise<InteractionHandle> {
    return this.interactions.component('button', input);
  }

  async selectMenu(input: SelectInput): Promise<InteractionHandle> {
    return this.interactions.component('select', input);
  }

  async submitModal(input: ModalInput): Promise<InteractionHandle> {
    return this.interactions.modalSubmit(input);
  }

  /** Sends a message as a user (checks membership and Send Messages). DMs: pass the DM channel id. */
  async sendMessage(input: SendMessageInput): Promise<APIMessage> {
    const channel = this.state.channel(input.channelId);
    this.state.user(input.userId);
    if (channel.guildId) {
      const perms = this.state.permissionsIn(input.userId, channel.id);
      if ((perms & (1n << 11n)) === 0n)
        throw new Error(`User ${input.userId} cannot send messages in ${channel.id}`);
    } else if (!channel.recipientIds.includes(input.userId)) {
      throw new Error(`User ${input.userId} is not in DM channel ${channel.id}`);
    }
    const reference = input.replyTo
      ? {
          type: 0 as const,
          message_id: input.replyTo,
          channel_id: channel.id,
          guild_id: channel.guildId ?? undefined,
        }
      : undefined;
    return this.state.createMessage(channel.id, {
      author: this.state.apiUser(input.userId),
      content: input.content,
      type: reference ? 19 : 0,
      messageReference: reference,
    }).message;
  }

  /** Sends a DM from a user to the bot (opens the DM channel if needed). */
  async sendDm(input: { userId: string; content: string }): Promise<APIMessage> {
    const channel = this.state.openDm(this.state.bot.userId, input.userId);
    return this.sendMessage({ channelId: channel.id, userId: input.userId, content: input.content });
  }

  async editMessage(input: {
    channelId: string;
    messageId: string;
    userId: string;
    content: string;
  }): Promise<APIMessage> {
    const stored = this.state.storedMessage(input.channelId, input.messageId);
    if (stored.message.author.id !== input.userId) throw new Error('Users can only edit their own messages');
    return this.state.editMessage(input.channelId, input.messageId, { content: input.content }).message;
  }

  async deleteMessage(input: { channelId: string; messageId: string; userId?: string }): Promise<void> {
    this.state.deleteMessage(input.channelId, input.messageId);
  }

  addMember(guildId: string, userId: string, roleIds: string[] = []): APIGuildMember {
    return this.state.addMember(guildId, userId, roleIds);
  }

  removeMember(guildId: string, userId: string): void {
    this.state.removeMember(guildId, userId);
  }

  setMemberRoles(guildId: string, userId: string, roleIds: string[]): APIGuildMember {
    return this.state.setMemberRoles(guildId, userId, roleIds);
  }

  /** Kicks the bot: GUILD_DELETE without `unavailable` (a real removal). */
  removeBotFromGuild(guildId: string): void {
    this.state.removeMember(guildId, this.state.bot.userId);
  }

  /** Invites the bot back (GUILD_CREATE); `roleIds` are existing roles to give it. */
  addBotToGuild(guildId: string, roleIds: string[] = []): void {
    this.state.addMember(guildId, this.state.bot.userId, roleIds);
  }

  /** Starts an outage: GUILD_DELETE with `unavailable: true`. `guildOutageEnd` brings it back (GUILD_CREATE). */
  guildOutage(guildId: string): void {
    this.state.setOutage(guildId, true);
  }

  guildOutageEnd(guildId: string): void {
    this.state.setOutage(guildId, false);
  }

  createGuild(input: z_GuildInput): SeedInfo['guilds'][number] {
    const parsed = GuildSeedSchema.parse({ id: nextSnowflake(), ...input });
    this.state.createGuild(parsed);
    return guildInfo(this.state, parsed.id);
  }

  createUser(input: { id?: string; username: string; globalName?: string; email?: string; locale?: string }) {
    const id = input.id ?? nextSnowflake();
    this.state.users.set(id, {
      id,
      username: input.username,
      globalName: input.globalName ?? null,
      bot: false,
      email: input.email ?? null,
      locale: input.locale ?? 'en-US',
      dmsClosed: false,
    });
    this.state.touch();
    return this.state.apiUser(id);
  }

  createRole(guildId: string, input: { name: string; permissions?: string }) {
    return this.state.createRole(guildId, input);
  }

  /** With `closed`, the bot gets 50007 when it tries to DM this user. */
  setDmsClosed(userId: string, closed: boolean): void {
    this.state.user(userId).dmsClosed = closed;
  }

  /**
   * Sets the application's flags (as the Developer Portal's privileged-intent switches do); they apply to the
   * next IDENTIFY, as on Discord.
   */
  setApplicationFlags(flags: number): void {
    if (!Number.isInteger(flags) || flags < 0)
      throw new ControlError(400, '"flags" must be a non-negative integer');
    this.state.bot.applicationFlags = flags;
  }

  /** What the browser is redirected to after this user approves (or denies) an authorize URL. */
  oauthConsent(authorizeUrl: string | URL, userId: string, opts: { deny?: boolean } = {}): string {
    return this.oauth.consent(authorizeUrl, userId, opts);
  }
}

type z_GuildInput = Omit<z.input<typeof GuildSeedSchema>, 'id'> & { id?: string };

export class Inspect {
  constructor(
    private readonly state: EmulatorState,
    private readonly interactions: Interactions,
  ) {}

  channels(guildId: string): APIChannel[] {
    return this.state.guildChannels(guildId).map((c) => this.state.apiChannel(c.id));
  }

  channel(id: string): APIChannel | undefined {
    return this.state.channels.has(id) ? this.state.apiChannel(id) : undefined;
  }

  /** Messages oldest first; `as` also shows that user's ephemeral messages. */
  messages(channelId: string, opts: { as?: string } = {}): APIMessage[] {
    if (!this.state.channels.has(channelId)) return [];
    return (this.state.messages.get(channelId) ?? [])
      .filter((s) => s.ephemeralFor === null || s.ephemeralFor === opts.as)
      .map((s) => s.message);
  }

  message(channelId: string, messageId: string): APIMessage | undefined {
    return this.state.messages.get(channelId)?.find((s) => s.message.id === messageId)?.message;
  }

  overwrites(channelId: string): APIOverwrite[] {
    return this.state.channel(channelId).overwrites.map((o) => ({ ...o }));
  }

  canView(userId: string, channelId: string): boolean {
    return this.state.canView(userId, channelId);
  }

  permissions(userId: string, channelId: string): bigint {
    return this.state.permissionsIn(userId, channelId);
  }

  permissionNames(userId: string, channelId: string): string[] {
    return permissionNames(this.state.permissionsIn(userId, channelId));
  }

  /** Channels of a guild this user can see (what their sidebar shows). */
  visibleChannels(userId: string, guildId: string): APIChannel[] {
    return this.state
      .guildChannels(guildId)
      .filter((c) => c.type === 4 || this.state.canView(userId, c.id))
      .map((c) => this.state.apiChannel(c.id));
  }

  /** The DM channel between the bot and this user, if one was opened. */
  dmChannel(userId: string): APIChannel | undefined {
    const c = [...this.state.channels.values()].find(
      (ch) =>
        ch.type === 1 && ch.recipientIds.includes(userId) && ch.recipientIds.includes(this.state.bot.userId),
    );
    return c ? this.state.apiChannel(c.id) : undefined;
  }

  /** Messages in the bot's DM with this user, oldest first. */
  dms(userId: string): APIMessage[] {
    const c = this.dmChannel(userId);
    return c ? this.messages(c.id) : [];
  }

  commands(guildId?: string): APIApplicationCommand[] {
    const map = guildId ? this.state.guildCommands.get(guildId) : this.state.globalCommands;
    return [...(map?.values() ?? [])];
  }

  members(guildId: string): APIGuildMember[] {
    return [...this.state.guild(guildId).members.keys()].map((id) => this.state.apiMember(guildId, id));
  }

  member(guildId: string, userId: string): APIGuildMember | undefined {
    return this.state.guild(guildId).members.has(userId) ? this.state.apiMember(guildId, userId) : undefined;
  }

  roles(guildId: string) {
    return [...this.state.guild(guildId).roles.values()].map((r) => ({ ...r }));
  }

  interaction(id: string): InteractionHandle | undefined {
    return this.interactions.byId.get(id);
  }

  allInteractions(): InteractionHandle[] {
    return [...this.interactions.byId.values()];
  }

  /** The attachment bytes behind an attachment URL the emulator handed out. */
  attachment(url: string): { data: Uint8Array; contentType: string } | undefined {
    return this.state.files.get(new URL(url, this.state.baseUrl).pathname);
  }
}

export function guildInfo(state: EmulatorState, id: string): SeedInfo['guilds'][number] {
  const g = state.guild(id);
  return {
    id: g.id,
    name: g.name,
    ownerId: g.ownerId,
    botPresent: g.members.has(state.bot.userId),
    unavailable: g.unavailable,
    roles: [...g.roles.values()].map((r) => ({
      id: r.id,
      name: r.name,
      permissions: r.permissions,
      managed: r.managed,
    })),
    channels: state
      .guildChannels(id)
      .map((c) => ({ id: c.id, name: c.name, type: c.type, parentId: c.parentId })),
    members: [...g.members.values()].map((m) => ({ userId: m.userId, roles: [...m.roles], nick: m.nick })),
  };
}

export function seedInfo(state: EmulatorState, oauth: ParsedSeed['oauth'] | null): SeedInfo {
  return {
    bot: { ...state.bot },
    oauth: oauth ? { ...oauth, redirectUris: [...oauth.redirectUris] } : null,
    guilds: [...state.guilds.keys()].map((id) => guildInfo(state, id)),
    users: [...state.users.values()].map((u) => ({
      id: u.id,
      username: u.username,
      globalName: u.globalName,
      email: u.email,
      bot: u.bot,
    })),
  };
}

// ---------------------------------------------------------------- HTTP

export interface ControlDeps {
  state: EmulatorState;
  actions: Actions;
  inspect: Inspect;
  faults: FaultInjector;
  gateway: Gateway;
  seed: () => SeedInfo;
  stats: () => unknown;
  oauthUrls: () => unknown;
}

type ControlHandler = (req: {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
}) => unknown | Promise<unknown>;

const controlRoutes: { method: string; parts: string[]; handler: (deps: ControlDeps) => ControlHandler }[] =
  [];

function control(method: string, path: string, handler: (deps: ControlDeps) => ControlHandler): void {
  controlRoutes.push({ method, parts: path.split('/').filter(Boolean), handler });
}

const str = (v: unknown, name: string): string => {
  if (typeof v !== 'string' || v === '') throw new ControlError(400, `"${name}" is required`);
  return v;
};
const timeout = (q: URLSearchParams) => Math.min(Number(q.get('timeoutMs') ?? 10_000) || 10_000, 60_000);

export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

control('GET', '/seed', (d) => () => d.seed());
control('GET', '/stats', (d) => () => d.stats());
control('GET', '/oauth', (d) => () => d.oauthUrls());
control('GET', '/changes', (d) => async ({ query }) => {
  const since = Number(query.get('since') ?? -1);
  if (d.state.version > since) return { version: d.state.version };
  try {
    await waitForCondition(d.state, () => d.state.version > since, { timeoutMs: timeout(query) });
  } catch {
    /* long-poll timeout: report the unchanged version */
  }
  return { version: d.state.version };
});

control(
  'POST',
  '/interactions/slash',
  (d) =>
    async ({ body }) =>
      (await d.actions.slashCommand(body as never)).toJSON(),
);
control(
  'POST',
  '/interactions/button',
  (d) =>
    async ({ body }) =>
      (await d.actions.clickButton(body as never)).toJSON(),
);
control(
  'POST',
  '/interactions/select',
  (d) =>
    async ({ body }) =>
      (await d.actions.selectMenu(body as never)).toJSON(),
);
control(
  'POST',
  '/interactions/modal',
  (d) =>
    async ({ body }) =>
      (await d.actions.submitModal(body as never)).toJSON(),
);
control('GET', '/interactions', (d) => () => d.inspect.allInteractions().map((h) => h.toJSON()));
control(
  'GET',
  '/interactions/:id',
  (d) =>
    ({ params }) =>
      interactionOr404(d, params.id).toJSON(),
);
control('GET', '/interactions/:id/response', (d) => async ({ params, query }) => {
  const h = interactionOr404(d, params.id);
  try {
    await h.waitForResponse({ timeoutMs: timeout(query) });
  } catch {
    throw new ControlError(408, `No response to interaction ${h.id} yet`);
  }
  return h.toJSON();
});
control('GET', '/interactions/:id/followups', (d) => async ({ params, query }) => {
  const h = interactionOr404(d, params.id);
  const count = Number(query.get('count') ?? 1);
  try {
    await h.waitForFollowUp({ timeoutMs: timeout(query), count });
  } catch {
    throw new ControlError(408, `Interaction ${h.id} has fewer than ${count} follow-ups`);
  }
  return h.toJSON();
});

control(
  'POST',
  '/messages',
  (d) =>
    ({ body }) =>
      d.actions.sendMessage(body as never),
);
control(
  'POST',
  '/dms',
  (d) =>
    ({ body }) =>
      d.actions.sendDm(body as never),
);
control(
  'PATCH',
  '/channels/:channelId/messages/:messageId',
  (d) =>
    ({ params, body }) =>
      d.actions.editMessage({ ...(body as { userId: string; content: string }), ...params } as never),
);
control('DELETE', '/channels/:channelId/messages/:messageId', (d) => async ({ params }) => {
  await d.actions.deleteMessage({ channelId: params.channelId ?? '', messageId: params.messageId ?? '' });
  return { ok: true };
});

control('GET', '/guilds/:guildId/channels', (d) => ({ params, query }) => {
  const as = query.get('as');
  return as ? d.inspect.visibleChannels(as, params.guildId ?? '') : d.inspect.channels(params.guildId ?? '');
});
control(
  'GET',
  '/guilds/:guildId/members',
  (d) =>
    ({ params }) =>
      d.inspect.members(params.guildId ?? ''),
);
control(
  'GET',
  '/guilds/:guildId/roles',
  (d) =>
    ({ params }) =>
      d.inspect.roles(params.guildId ?? ''),
);
control(
  'POST',
  '/guilds',
  (d) =>
    ({ body }) =>
      d.actions.createGuild(body as never),
);
control(
  'POST',
  '/guilds/:guildId/members',
  (d) =>
    ({ params, body }) =>
      d.actions.addMember(params.guildId ?? '', str(body.userId, 'userId'), (body.roleIds as string[]) ?? []),
);
control(
  'PUT',
  '/guilds/:guildId/members/:userId/roles',
  (d) =>
    ({ params, body }) =>
      d.actions.setMemberRoles(params.guildId ?? '', params.userId ?? '', (body.roleIds as string[]) ?? []),
);
control('DELETE', '/guilds/:guildId/members/:userId', (d) => ({ params }) => {
  d.actions.removeMember(params.guildId ?? '', params.userId ?? '');
  return { ok: true };
});
control('POST', '/guilds/:guildId/remove-bot', (d) => ({ params }) => {
  d.actions.removeBotFromGuild(params.guildId ?? '');
  return { ok: true };
});
control('POST', '/guilds/:guildId/add-bot', (d) => ({ params, body }) => {
  d.actions.addBotToGuild(params.guildId ?? '', (body.roleIds as string[]) ?? []);
  return { ok: true };
});
control('POST', '/guilds/:guildId/outage', (d) => ({ params, body }) => {
  if (body.end === true) d.actions.guildOutageEnd(params.guildId ?? '');
  else d.actions.guildOutage(params.guildId ?? '');
  return { ok: true };
});

control('GET', '/channels/:channelId', (d) => ({ params }) => {
  const c = d.inspect.channel(params.channelId ?? '');
  if (!c) throw new ControlError(404, 'Unknown channel');
  return c;
});
control(
  'GET',
  '/channels/:channelId/messages',
  (d) =>
    ({ params, query }) =>
      d.inspect.messages(params.channelId ?? '', { as: query.get('as') ?? undefined }),
);
control(
  'GET',
  '/channels/:channelId/overwrites',
  (d) =>
    ({ params }) =>
      d.inspect.overwrites(params.channelId ?? ''),
);
control('GET', '/permissions', (d) => ({ query }) => {
  const userId = str(query.get('userId'), 'userId');
  const channelId = str(query.get('channelId'), 'channelId');
  return {
    permissions: d.inspect.permissions(userId, channelId).toString(),
    names: d.inspect.permissionNames(userId, channelId),
    canView: d.inspect.canView(userId, channelId),
  };
});
control('GET', '/users/:userId/dms', (d) => ({ params }) => ({
  channel: d.inspect.dmChannel(params.userId ?? '') ?? null,
  messages: d.inspect.dms(params.userId ?? ''),
}));
control(
  'POST',
  '/users',
  (d) =>
    ({ body }) =>
      d.actions.createUser(body as never),
);
control('PUT', '/application/flags', (d) => ({ body }) => {
  d.actions.setApplicationFlags(body.flags as number);
  return { flags: d.state.bot.applicationFlags };
});
control('PUT', '/users/:userId/dms-closed', (d) => ({ params, body }) => {
  d.actions.setDmsClosed(params.userId ?? '', body.closed === true);
  return { ok: true };
});
control(
  'GET',
  '/commands',
  (d) =>
    ({ query }) =>
      d.inspect.commands(query.get('guildId') ?? undefined),
);

control('GET', '/faults', (d) => () => d.faults.list());
control('POST', '/faults', (d) => ({ body }) => {
  const route = str(body.route, 'route');
  const spec: FaultSpec = {
    ...(body as unknown as FaultSpec),
    route: body.regex === true ? new RegExp(route) : route,
  };
  return { id: d.faults.add(spec).id };
});
control('DELETE', '/faults', (d) => () => {
  d.faults.clear();
  return { ok: true };
});
control('DELETE', '/faults/:id', (d) => ({ params }) => ({ ok: d.faults.remove(Number(params.id)) }));
control('POST', '/gateway/drop', (d) => () => {
  d.gateway.dropConnections();
  return { ok: true };
});
control('POST', '/gateway/refuse-resume', (d) => ({ body }) => {
  d.gateway.refuseNextResume(typeof body.times === 'number' ? body.times : 1);
  return { ok: true };
});
control('POST', '/gateway/reconnect', (d) => () => {
  d.gateway.requestReconnect();
  return { ok: true };
});
control('POST', '/oauth/consent', (d) => ({ body }) => ({
  location: d.actions.oauthConsent(str(body.authorizeUrl, 'authorizeUrl'), str(body.userId, 'userId'), {
    deny: body.deny === true,
  }),
}));

function interactionOr404(d: ControlDeps, id: string | undefined): InteractionHandle {
  const h = d.inspect.interaction(id ?? '');
  if (!h) throw new ControlError(404, `Unknown interaction ${id}`);
  return h;
}

/** Runs a /control request; `path` is the part after /control. */
export async function handleControl(
  deps: ControlDeps,
  method: string,
  path: string,
  query: URLSearchParams,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  const parts = path.split('/').filter(Boolean);
  let pathMatched = false;
  for (const r of controlRoutes) {
    if (r.parts.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = r.parts.every((p, i) => {
      if (p.startsWith(':')) {
        params[p.slice(1)] = decodeURIComponent(parts[i] ?? '');
        return true;
      }
      return p === parts[i];
    });
    if (!matches) continue;
    pathMatched = true;
    if (r.method !== method) continue;
    try {
      const result = await r.handler(deps)({
        params,
        query,
        body: body && typeof body === 'object' ? (body as Record<string, unknown>) : {},
      });
      return { status: 200, body: result ?? { ok: true } };
    } catch (error) {
      if (error instanceof ControlError) return { status: error.status, body: { error: error.message } };
      if (error instanceof DiscordApiError) {
        return { status: error.status === 404 ? 404 : 400, body: { error: error.message, code: error.code } };
      }
      return { status: 400, body: { error: error instanceof Error ? error.message : String(error) } };
    }
  }
  return pathMatched
    ? { status: 405, body: { error: 'Method not allowed' } }
    : { status: 404, body: { error: `No control route ${method} /control${path}` } };
}

export function controlRouteList(): string[] {
  return controlRoutes.map((r) => `${r.method} /control/${r.parts.join('/')}`);
}
