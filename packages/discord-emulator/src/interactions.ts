// Interactions as a user causes them (slash commands, buttons, selects, modal submits) and what the bot
// answers: callbacks, follow-ups and @original edits, recorded the way the user would see them.
import {
  type APIApplicationCommand,
  type APIApplicationCommandOption,
  type APIAttachment,
  type APIEmbed,
  type APIMessage,
  type APIMessageTopLevelComponent,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  GatewayDispatchEvents,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  MessageType,
} from 'discord-api-types/v10';
import { Errors, fieldError } from './errors';
import {
  findComponent,
  isEmptyMessage,
  messageBody,
  resolveMessageFields,
  type UploadedFile,
} from './message-input';
import { nextSnowflake, randomToken } from './snowflake';
import type { EmulatorState, StoredMessage } from './state';
import { type WaitOptions, waitForCondition } from './wait';

export type OptionValue = string | number | boolean;

export interface SlashCommandInput {
  guildId?: string;
  channelId: string;
  userId: string;
  name: string;
  subcommand?: string;
  subcommandGroup?: string;
  options?: Record<string, OptionValue>;
  locale?: string;
}

export interface ButtonInput {
  guildId?: string;
  channelId: string;
  messageId: string;
  userId: string;
  customId: string;
  locale?: string;
}

export interface SelectInput extends ButtonInput {
  values: string[];
}

export interface ModalInput {
  guildId?: string;
  channelId: string;
  userId: string;
  customId: string;
  fields: Record<string, string | string[]>;
  /** Set when the modal was opened from a component on this message. */
  messageId?: string;
  locale?: string;
}

export interface ModalView {
  customId: string;
  title: string;
  components: unknown[];
}

/** One interaction callback as the user saw it. */
export interface InteractionResponseView {
  type: InteractionResponseType;
  content: string;
  embeds: APIEmbed[];
  components: APIMessageTopLevelComponent[];
  flags: number;
  ephemeral: boolean;
  attachments: APIAttachment[];
  /** The message that shows this response (created for types 4/5, the component's message for 6/7). */
  messageId: string | null;
  modal: ModalView | null;
  at: number;
}

export type InteractionKind = 'slash' | 'button' | 'select' | 'modal';

const LOADING = MessageFlags.Loading;
const EPHEMERAL = MessageFlags.Ephemeral;
const INITIAL_RESPONSE_WINDOW_MS = 3000;
const TOKEN_LIFETIME_MS = 15 * 60 * 1000;

export class InteractionHandle {
  readonly responses: InteractionResponseView[] = [];
  readonly followUpIds: string[] = [];
  originalMessageId: string | null = null;
  readonly createdAt = Date.now();

  constructor(
    private readonly state: EmulatorState,
    readonly id: string,
    readonly token: string,
    readonly kind: InteractionKind,
    readonly userId: string,
    readonly guildId: string | null,
    readonly channelId: string,
    readonly payload: Record<string, unknown>,
    readonly sourceMessageId: string | null,
  ) {}

  get acknowledged(): boolean {
    return this.responses.length > 0;
  }

  get responseType(): InteractionResponseType | null {
    return this.responses[0]?.type ?? null;
  }

  /** The message behind @original, as it looks now (null before a message response). */
  get original(): APIMessage | null {
    if (!this.originalMessageId) return null;
    return this.state.findMessage(this.originalMessageId)?.message ?? null;
  }

  /** Follow-up messages as they look now (deleted ones are left out). */
  get followUps(): APIMessage[] {
    return this.followUpIds
      .map((id) => this.state.findMessage(id)?.message)
      .filter((m): m is APIMessage => m !== undefined);
  }

  /** The modal the bot showed in response, if any. */
  get modal(): ModalView | null {
    return this.responses.find((r) => r.modal)?.modal ?? null;
  }

  /** Resolves with the first callback the bot sent (rejects after timeoutMs, default 5000). */
  waitForResponse(opts: WaitOptions = {}): Promise<InteractionResponseView> {
    return waitForCondition(this.state, () => this.responses[0], {
      message: `Interaction ${this.kind} ${this.id} got no response within ${opts.timeoutMs ?? 5000} ms`,
      ...opts,
    });
  }

  /** Resolves with follow-up number `count` (1-based, default 1). */
  waitForFollowUp(opts: WaitOptions & { count?: number } = {}): Promise<APIMessage> {
    const count = opts.count ?? 1;
    return waitForCondition(this.state, () => this.followUps[count - 1], {
      message: `Interaction ${this.id} got no follow-up #${count}`,
      ...opts,
    });
  }

  /** Resolves once @original exists, is no longer "thinking…", and matches `predicate` if given. */
  waitForOriginal(predicate?: (m: APIMessage) => boolean, opts: WaitOptions = {}): Promise<APIMessage> {
    return waitForCondition(
      this.state,
      () => {
        const m = this.original;
        if (!m || ((m.flags ?? 0) & LOADING) !== 0) return undefined;
        return !predicate || predicate(m) ? m : undefined;
      },
      { message: `Interaction ${this.id}: @original did not reach the expected state`, ...opts },
    );
  }

  toJSON() {
    return {
      id: this.id,
      token: this.token,
      kind: this.kind,
      userId: this.userId,
      guildId: this.guildId,
      channelId: this.channelId,
      acknowledged: this.acknowledged,
      responses: this.responses,
      followUps: this.followUps,
      original: this.original,
      modal: this.modal,
    };
  }
}

export class Interactions {
  readonly byId = new Map<string, InteractionHandle>();
  /** How long the bot has for its initial callback (Discord: 3 s). 0 disables the deadline. */
  responseWindowMs = INITIAL_RESPONSE_WINDOW_MS;

  constructor(private readonly state: EmulatorState) {}

  byToken(token: string): InteractionHandle | undefined {
    for (const h of this.byId.values()) if (h.token === token) return h;
    return undefined;
  }

  // ---------------------------------------------------------------- user side

  slashCommand(input: SlashCommandInput): InteractionHandle {
    const guildId = input.guildId ?? this.state.channel(input.channelId).guildId ?? undefined;
    const command = this.findCommand(input.name, guildId);
    const resolved = new Resolved(this.state, guildId);
    let options = this.buildOptions(command.options ?? [], input.options ?? {}, resolved, `/${input.name}`);
    if (input.subcommand) {
      const scope: { options?: APIApplicationCommandOption[] } | undefined = input.subcommandGroup
        ? (command.options?.find(
            (o) =>
              o.type === ApplicationCommandOptionType.SubcommandGroup && o.name === input.subcommandGroup,
          ) as { options?: APIApplicationCommandOption[] } | undefined)
        : command;
      if (!scope) throw new Error(`/${input.name} has no subcommand group "${input.subcommandGroup}"`);
      const sub = (scope.options ?? []).find(
        (o) => o.type === ApplicationCommandOptionType.Subcommand && o.name === input.subcommand,
      );
      if (!sub || sub.type !== ApplicationCommandOptionType.Subcommand) {
        throw new Error(`/${input.name} has no subcommand "${input.subcommand}"`);
      }
      const subOptions = this.buildOptions(
        sub.options ?? [],
        input.options ?? {},
        resolved,
        `/${input.name} ${sub.name}`,
      );
      const subcommand = {
        type: ApplicationCommandOptionType.Subcommand,
        name: sub.name,
        options: subOptions,
      };
      options = input.subcommandGroup
        ? [
            {
              type: ApplicationCommandOptionType.SubcommandGroup,
              name: input.subcommandGroup,
              options: [subcommand],
            },
          ]
        : [subcommand];
    } else if (command.options?.some((o) => o.type === ApplicationCommandOptionType.Subcommand)) {
      throw new Error(`/${input.name} needs a subcommand`);
    }
    const data: Record<string, unknown> = {
      id: command.id,
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      options,
    };
    if (command.guild_id) data.guild_id = command.guild_id;
    const res = resolved.toJSON();
    if (res) data.resolved = res;
    return this.create('slash', InteractionType.ApplicationCommand, input, data, null);
  }

  component(kind: 'button' | 'select', input: ButtonInput & { values?: string[] }): InteractionHandle {
    const stored = this.state.storedMessage(input.channelId, input.messageId);
    if (stored.ephemeralFor && stored.ephemeralFor !== input.userId) throw Errors.unknownMessage();
    const component = findComponent(stored.message.components ?? [], input.customId);
    if (!component) {
      throw new Error(`Message ${input.messageId} has no component with custom_id "${input.customId}"`);
    }
    if (component.disabled) throw new Error(`Component "${input.customId}" is disabled`);
    const type = component.type as ComponentType;
    if (kind === 'button' && type !== ComponentType.Button) {
      throw new Error(`Component "${input.customId}" is not a button`);
    }
    if (kind === 'select' && type === ComponentType.Button) {
      throw new Error(`Component "${input.customId}" is a button, not a select menu`);
    }
    const data: Record<string, unknown> = { custom_id: input.customId, component_type: type };
    if (kind === 'select') {
      const values = input.values ?? [];
      const min = (component.min_values as number | undefined) ?? 1;
      const max = (component.max_values as number | undefined) ?? 1;
      if (values.length < min || values.length > max) {
        throw new Error(`Select "${input.customId}" takes ${min}–${max} values, got ${values.length}`);
      }
      if (type === ComponentType.StringSelect) {
        const allowed = ((component.options as { value: string }[] | undefined) ?? []).map((o) => o.value);
        const bad = values.find((v) => !allowed.includes(v));
        if (bad !== undefined) throw new Error(`Select "${input.customId}" has no option "${bad}"`);
      } else {
        const guildId = input.guildId ?? stored.guildId ?? undefined;
        const resolved = new Resolved(this.state, guildId);
        for (const v of values) {
          if (type === ComponentType.RoleSelect) resolved.role(v);
          else if (type === ComponentType.ChannelSelect) resolved.channel(v);
          else if (type === ComponentType.UserSelect) resolved.user(v);
          else if (this.state.users.has(v)) resolved.user(v);
          else resolved.role(v);
        }
        const res = resolved.toJSON();
        if (res) data.resolved = res;
      }
      data.values = values;
    }
    return this.create(kind, InteractionType.MessageComponent, input, data, stored);
  }

  modalSubmit(input: ModalInput): InteractionHandle {
    // Answer in the same layout the modal used (Label components or legacy action rows).
    const shown = [...this.byId.values()]
      .reverse()
      .find((h) => h.userId === input.userId && h.modal?.customId === input.customId)?.modal;
    const usesLabels =
      shown?.components.some((c) => (c as { type?: number }).type === ComponentType.Label) ?? false;
    const fieldComponent = (customId: string, value: string | string[]) =>
      Array.isArray(value)
        ? { type: ComponentType.StringSelect, custom_id: customId, values: value }
        : { type: ComponentType.TextInput, custom_id: customId, value };
    const components = Object.entries(input.fields).map(([customId, value], i) =>
      usesLabels
        ? { type: ComponentType.Label, id: i + 1, component: fieldComponent(customId, value) }
        : { type: ComponentType.ActionRow, components: [fieldComponent(customId, value)] },
    );
    const data = { custom_id: input.customId, components };
    const stored = input.messageId ? this.state.storedMessage(input.channelId, input.messageId) : null;
    return this.create('modal', InteractionType.ModalSubmit, input, data, stored);
  }

  private findCommand(name: string, guildId: string | undefined): APIApplicationCommand {
    const fromGuild = guildId
      ? [...(this.state.guildCommands.get(guildId)?.values() ?? [])].find((c) => c.name === name)
      : undefined;
    const command = fromGuild ?? [...this.state.globalCommands.values()].find((c) => c.name === name);
    if (!command || command.type !== ApplicationCommandType.ChatInput) {
      throw new Error(
        `/${name} is not a registered chat input command (register it first, globally or in the guild)`,
      );
    }
    return command;
  }

  private buildOptions(
    defs: APIApplicationCommandOption[],
    given: Record<string, OptionValue>,
    resolved: Resolved,
    where: string,
  ): unknown[] {
    const leafDefs = defs.filter(
      (d) =>
        d.type !== ApplicationCommandOptionType.Subcommand &&
        d.type !== ApplicationCommandOptionType.SubcommandGroup,
    );
    if (leafDefs.length === 0 && defs.length > 0) return [];
    const out: unknown[] = [];
    for (const def of leafDefs) {
      const value = given[def.name];
      if (value === undefined) {
        if ('required' in def && def.required) throw new Error(`${where}: option "${def.name}" is required`);
        continue;
      }
      out.push({ name: def.name, type: def.type, value: coerceOption(def, value, resolved, where) });
    }
    if (leafDefs.length > 0 || defs.length === 0) {
      const unknown = Object.keys(given).filter((k) => !leafDefs.some((d) => d.name === k));
      if (unknown.length > 0 && defs.length === leafDefs.length) {
        throw new Error(`${where}: unknown option(s) ${unknown.join(', ')}`);
      }
    }
    return out;
  }

  private create(
    kind: InteractionKind,
    type: InteractionType,
    input: { guildId?: string; channelId: string; userId: string; locale?: string },
    data: Record<string, unknown>,
    source: StoredMessage | null,
  ): InteractionHandle {
    const state = this.state;
    const channel = state.channel(input.channelId);
    const guildId = input.guildId ?? channel.guildId;
    if (guildId && channel.guildId !== guildId) throw Errors.unknownChannel();
    const user = state.user(input.userId);
    if (guildId) {
      const guild = state.guild(guildId);
      if (!guild.members.has(input.userId))
        throw new Error(`User ${input.userId} is not a member of guild ${guildId}`);
      if (!guild.members.has(state.bot.userId)) throw new Error(`The bot is not in guild ${guildId}`);
      if (guild.unavailable) throw new Error(`Guild ${guildId} is unavailable (outage)`);
      if (!state.canView(input.userId, input.channelId)) {
        throw new Error(`User ${input.userId} cannot see channel ${input.channelId}`);
      }
    } else if (!channel.recipientIds.includes(input.userId)) {
      throw new Error(`User ${input.userId} is not a recipient of DM channel ${input.channelId}`);
    }
    const id = nextSnowflake();
    const token = `aW50ZXJhY3Rpb24.${id}.${randomToken(48)}`;
    const userPerms = state.permissionsIn(input.userId, input.channelId).toString();
    const botPerms = state.permissionsIn(state.bot.userId, input.channelId).toString();
    const apiChannel = { ...state.apiChannel(input.channelId), permissions: userPerms };
    const payload: Record<string, unknown> = {
      id,
      application_id: state.bot.applicationId,
      type,
      data,
      channel: apiChannel,
      channel_id: input.channelId,
      token,
      version: 1,
      app_permissions: botPerms,
      locale: input.locale ?? user.locale,
      entitlements: [],
      authorizing_integration_owners: guildId ? { '0': guildId } : { '1': input.userId },
      context: guildId ? 0 : 1,
      attachment_size_limit: 10 * 1024 * 1024,
    };
    if (guildId) {
      const guild = state.guild(guildId);
      payload.guild_id = guildId;
      payload.guild = { id: guildId, locale: guild.locale, features: [] };
      payload.guild_locale = guild.locale;
      payload.member = { ...state.apiMember(guildId, input.userId), permissions: userPerms };
    } else {
      payload.user = state.apiUser(input.userId);
    }
    if (source) payload.message = { ...source.message };
    const handle = new InteractionHandle(
      state,
      id,
      token,
      kind,
      input.userId,
      guildId,
      input.channelId,
      payload,
      source?.message.id ?? null,
    );
    this.byId.set(id, handle);
    // The bot sees the interaction; state.dispatch routes it through the gateway.
    state.dispatch(GatewayDispatchEvents.InteractionCreate, payload, { guildId: guildId ?? undefined });
    state.touch();
    return handle;
  }

  // ---------------------------------------------------------------- bot side (REST)

  /** POST /interactions/:id/:token/callback */
  callback(
    interactionId: string,
    token: string,
    rawBody: unknown,
    files: UploadedFile[],
    withResponse: boolean,
  ): { status: number; body?: unknown } {
    const h = this.byId.get(interactionId);
    if (!h || h.token !== token) throw Errors.unknownInteraction();
    if (h.acknowledged) throw Errors.alreadyAcknowledged();
    if (this.responseWindowMs > 0 && Date.now() - h.createdAt > this.responseWindowMs)
      throw Errors.unknownInteraction();
    const body = messageBody(rawBody) as { type?: number; data?: Record<string, unknown> };
    const type = body.type as InteractionResponseType;
    const data = (body.data ?? {}) as Record<string, unknown>;
    const state = this.state;
    const view: InteractionResponseView = {
      type,
      content: '',
      embeds: [],
      components: [],
      flags: 0,
      ephemeral: false,
      attachments: [],
      messageId: null,
      modal: null,
      at: Date.now(),
    };
    const fromComponent =
      h.kind === 'button' || h.kind === 'select' || (h.kind === 'modal' && h.sourceMessageId);
    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource:
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const fields = resolveMessageFields(state, h.channelId, messageBody(data), files);
        const deferred = type === InteractionResponseType.DeferredChannelMessageWithSource;
        if (!deferred && isEmptyMessage(fields)) throw Errors.emptyMessage();
        const flags = (fields.flags ?? 0) | (deferred ? LOADING : 0);
        const ephemeral = (flags & EPHEMERAL) !== 0;
        const stored = state.createMessage(h.channelId, {
          author: state.apiUser(state.bot.userId),
          content: deferred ? '' : fields.content,
          embeds: deferred ? [] : fields.embeds,
          components: deferred ? [] : fields.components,
          attachments: deferred ? [] : fields.attachments,
          flags,
          type: h.kind === 'slash' ? MessageType.ChatInputCommand : MessageType.Default,
          webhookId: state.bot.applicationId,
          applicationId: state.bot.applicationId,
          interactionMetadata: this.metadata(h),
          ephemeralFor: ephemeral ? h.userId : null,
        });
        h.originalMessageId = stored.message.id;
        Object.assign(view, messageView(stored.message), { messageId: stored.message.id });
        break;
      }
      case InteractionResponseType.DeferredMessageUpdate:
      case InteractionResponseType.UpdateMessage: {
        if (!fromComponent || !h.sourceMessageId) {
          throw Errors.invalidForm(
            fieldError(
              ['type'],
              'INTERACTION_RESPONSE_TYPE_INVALID',
              'This response type is only valid for components',
            ),
          );
        }
        const source = state.storedMessage(h.channelId, h.sourceMessageId);
        h.originalMessageId = source.message.id;
        if (type === InteractionResponseType.UpdateMessage) {
          const fields = resolveMessageFields(
            state,
            h.channelId,
            messageBody(data),
            files,
            source.message.attachments,
          );
          state.editMessage(h.channelId, source.message.id, fields);
        }
        Object.assign(view, messageView(source.message), { messageId: source.message.id });
        break;
      }
      case InteractionResponseType.Modal: {
        if (h.kind === 'modal') {
          throw Errors.invalidForm(
            fieldError(
              ['type'],
              'INTERACTION_RESPONSE_TYPE_INVALID',
              'Cannot respond to a modal with a modal',
            ),
          );
        }
        const customId = data.custom_id;
        const title = data.title;
        const components = data.components;
        if (
          typeof customId !== 'string' ||
          typeof title !== 'string' ||
          !Array.isArray(components) ||
          components.length === 0
        ) {
          throw Errors.invalidForm(
            fieldError(['data'], 'MODAL_INVALID', 'A modal needs custom_id, title and components'),
          );
        }
        if (title.length > 45) {
          throw Errors.invalidForm(
            fieldError(['data', 'title'], 'BASE_TYPE_MAX_LENGTH', 'Must be 45 or fewer in length.'),
          );
        }
        view.modal = { customId, title, components };
        break;
      }
      case InteractionResponseType.ApplicationCommandAutocompleteResult:
      case InteractionResponseType.Pong:
        break;
      default:
        throw Errors.invalidForm(
          fieldError(['type'], 'BASE_TYPE_CHOICES', `Value must be one of valid interaction types.`),
        );
    }
    h.responses.push(view);
    state.touch();
    if (!withResponse) return { status: 204 };
    const interaction: Record<string, unknown> = { id: h.id, type: h.payload.type };
    const original = h.original;
    if (original && (type === 4 || type === 5)) {
      interaction.response_message_id = original.id;
      interaction.response_message_loading = type === 5;
      interaction.response_message_ephemeral = ((original.flags ?? 0) & EPHEMERAL) !== 0;
    }
    const resource: Record<string, unknown> = { type };
    if (original && type !== InteractionResponseType.DeferredMessageUpdate) resource.message = original;
    return { status: 200, body: { interaction, resource } };
  }

  private metadata(h: InteractionHandle): APIMessage['interaction_metadata'] {
    const meta: Record<string, unknown> = {
      id: h.id,
      type: h.payload.type,
      user: this.state.apiUser(h.userId),
      authorizing_integration_owners: h.payload.authorizing_integration_owners,
    };
    if (h.kind === 'slash') {
      meta.name = (h.payload.data as { name: string }).name;
      meta.command_type = ApplicationCommandType.ChatInput;
    }
    if (h.sourceMessageId) meta.interacted_message_id = h.sourceMessageId;
    return meta as unknown as APIMessage['interaction_metadata'];
  }

  private webhookHandle(applicationId: string, token: string): InteractionHandle {
    const h = this.byToken(token);
    if (
      !h ||
      applicationId !== this.state.bot.applicationId ||
      Date.now() - h.createdAt > TOKEN_LIFETIME_MS
    ) {
      throw Errors.unknownWebhook();
    }
    return h;
  }

  /** POST /webhooks/:applicationId/:token — a follow-up. */
  followUp(applicationId: string, token: string, rawBody: unknown, files: UploadedFile[]): APIMessage {
    const h = this.webhookHandle(applicationId, token);
    if (!h.acknowledged) throw Errors.unknownWebhook();
    const state = this.state;
    const fields = resolveMessageFields(state, h.channelId, messageBody(rawBody), files);
    if (isEmptyMessage(fields)) throw Errors.emptyMessage();
    // After a deferred reply, the first follow-up fills in the "thinking…" message.
    const original = h.original;
    if (h.responseType === InteractionResponseType.DeferredChannelMessageWithSource && original) {
      if (((original.flags ?? 0) & LOADING) !== 0) {
        const flags = (original.flags ?? 0) & ~LOADING;
        return state.editMessage(h.channelId, original.id, { ...fields, flags }).message;
      }
    }
    const flags = fields.flags ?? 0;
    const stored = state.createMessage(h.channelId, {
      author: state.apiUser(state.bot.userId),
      content: fields.content,
      embeds: fields.embeds,
      components: fields.components,
      attachments: fields.attachments,
      flags,
      type: MessageType.Default,
      webhookId: state.bot.applicationId,
      applicationId: state.bot.applicationId,
      interactionMetadata: this.metadata(h),
      ephemeralFor: (flags & EPHEMERAL) !== 0 ? h.userId : null,
    });
    h.followUpIds.push(stored.message.id);
    return stored.message;
  }

  private webhookMessage(h: InteractionHandle, messageId: string): StoredMessage {
    const id = messageId === '@original' ? h.originalMessageId : messageId;
    if (!id || (messageId !== '@original' && !h.followUpIds.includes(id) && id !== h.originalMessageId)) {
      throw Errors.unknownMessage();
    }
    const stored = this.state.findMessage(id);
    if (!stored) throw Errors.unknownMessage();
    return stored;
  }

  getWebhookMessage(applicationId: string, token: string, messageId: string): APIMessage {
    return this.webhookMessage(this.webhookHandle(applicationId, token), messageId).message;
  }

  editWebhookMessage(
    applicationId: string,
    token: string,
    messageId: string,
    rawBody: unknown,
    files: UploadedFile[],
  ): APIMessage {
    const h = this.webhookHandle(applicationId, token);
    const stored = this.webhookMessage(h, messageId);
    const fields = resolveMessageFields(
      this.state,
      h.channelId,
      messageBody(rawBody),
      files,
      stored.message.attachments,
    );
    const keep = (stored.message.flags ?? 0) & (EPHEMERAL | MessageFlags.IsComponentsV2);
    fields.flags = (fields.flags ?? 0) | keep;
    return this.state.editMessage(stored.message.channel_id, stored.message.id, fields).message;
  }

  deleteWebhookMessage(applicationId: string, token: string, messageId: string): void {
    const h = this.webhookHandle(applicationId, token);
    const stored = this.webhookMessage(h, messageId);
    this.state.deleteMessage(stored.message.channel_id, stored.message.id);
  }
}

function messageView(m: APIMessage) {
  return {
    content: m.content,
    embeds: m.embeds,
    components: (m.components ?? []) as APIMessageTopLevelComponent[],
    flags: m.flags ?? 0,
    ephemeral: ((m.flags ?? 0) & EPHEMERAL) !== 0,
    attachments: m.attachments,
  };
}

/** Collects the `resolved` block of an interaction. */
class Resolved {
  private readonly users: Record<string, unknown> = {};
  private readonly members: Record<string, unknown> = {};
  private readonly roles: Record<string, unknown> = {};
  private readonly channels: Record<string, unknown> = {};

  constructor(
    private readonly state: EmulatorState,
    private readonly guildId: string | undefined,
  ) {}

  user(id: string): void {
    this.users[id] = this.state.apiUser(id);
    const guild = this.guildId ? this.state.guilds.get(this.guildId) : undefined;
    if (guild?.members.has(id) && this.guildId) {
      this.members[id] = {
        ...this.state.apiMember(this.guildId, id, false),
        permissions: this.state.guildPermissions(id, this.guildId).toString(),
      };
    }
  }

  role(id: string): void {
    const role = this.guildId ? this.state.guild(this.guildId).roles.get(id) : undefined;
    if (!role) throw new Error(`Unknown role ${id}`);
    this.roles[id] = { ...role };
  }

  channel(id: string): void {
    const c = this.state.channel(id);
    this.channels[id] = {
      id: c.id,
      name: c.name,
      type: c.type,
      permissions: this.state.permissionsIn(this.state.bot.userId, id).toString(),
      parent_id: c.parentId,
    };
  }

  toJSON(): Record<string, unknown> | undefined {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries({
      users: this.users,
      members: this.members,
      roles: this.roles,
      channels: this.channels,
    })) {
      if (Object.keys(value).length > 0) out[key] = value;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
}

function coerceOption(
  def: APIApplicationCommandOption,
  value: OptionValue,
  resolved: Resolved,
  where: string,
): OptionValue {
  const T = ApplicationCommandOptionType;
  switch (def.type) {
    case T.String: {
      const s = String(value);
      if (def.choices && !def.choices.some((c) => c.value === s)) {
        throw new Error(`${where}: "${s}" is not a choice of option "${def.name}"`);
      }
      return s;
    }
    case T.Integer:
    case T.Number: {
      const n = Number(value);
      if (Number.isNaN(n) || (def.type === T.Integer && !Number.isInteger(n))) {
        throw new Error(
          `${where}: option "${def.name}" needs a ${def.type === T.Integer ? 'whole ' : ''}number`,
        );
      }
      return n;
    }
    case T.Boolean:
      return value === true || value === 'true';
    case T.User:
      resolved.user(String(value));
      return String(value);
    case T.Role:
      resolved.role(String(value));
      return String(value);
    case T.Channel:
      resolved.channel(String(value));
      return String(value);
    case T.Mentionable:
      try {
        resolved.user(String(value));
      } catch {
        resolved.role(String(value));
      }
      return String(value);
    default:
      return value;
  }
}
