// One way to answer, whether the request came as an interaction or as a prefix command: handlers
// call `defer`, `reply` and (interactions only) `showModal`, and never care which it was.
// Interaction answers are ephemeral; operations on one interaction are serialised so a watchdog
// deferral and the handler's own reply can never race into "already acknowledged".
import type { REST } from '@discordjs/rest';
import {
  type APIEmbed,
  type AttachmentPayload,
  type BaseMessageOptions,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Message,
  MessageFlags,
  MessagePayload,
  type MessagePayloadOption,
  type ModalBuilder,
  type ModalSubmitInteraction,
  Routes,
  type StringSelectMenuInteraction,
} from 'discord.js';

export interface ReplyBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: BaseMessageOptions['components'];
  files?: AttachmentPayload[];
}

export interface Responder {
  readonly kind: 'interaction' | 'message';
  /** Whether the first answer has gone out (a modal can then no longer be shown). */
  readonly acknowledged: boolean;
  /** Tells Discord we are working on it (interactions: an ephemeral "thinking…"). */
  defer(): Promise<void>;
  reply(body: ReplyBody): Promise<void>;
  /** Interactions only: shows a form; returns false when it is too late to show one. */
  showModal(modal: ModalBuilder): Promise<boolean>;
}

type RepliableInteraction =
  | ChatInputCommandInteraction
  | ButtonInteraction
  | StringSelectMenuInteraction
  | ModalSubmitInteraction;

const NO_PINGS = { parse: [] as never[] };

export class InteractionResponder implements Responder {
  readonly kind = 'interaction' as const;
  private chain: Promise<unknown> = Promise.resolve();
  private modalShown = false;

  constructor(
    private readonly interaction: RepliableInteraction,
    /**
     * Where edits of the deferred reply and follow-ups go: a REST instance of their own. Discord does
     * not count interaction endpoints against the bot's global 50 requests/s, but @discordjs/rest
     * exempts only the first callback; through the bot's instance every ticket open's answer would
     * take a slot from the channel creations and messages that do count (a burst of opens would
     * need a third more time).
     */
    private readonly webhooks: REST,
    /** Update the message the component is on instead of sending a new ephemeral one. */
    private mode: 'reply' | 'update' = 'reply',
  ) {}

  get acknowledged(): boolean {
    return this.modalShown || this.interaction.deferred || this.interaction.replied;
  }

  setMode(mode: 'reply' | 'update'): this {
    this.mode = mode;
    return this;
  }

  private serial<T>(op: () => Promise<T>): Promise<T> {
    const run = this.chain.then(op, op);
    this.chain = run.catch(() => undefined);
    return run;
  }

  defer(): Promise<void> {
    return this.serial(async () => {
      if (this.acknowledged) return;
      const i = this.interaction;
      if (this.mode === 'update' && (i.isButton() || i.isStringSelectMenu() || i.isModalSubmit())) {
        await i.deferUpdate();
      } else {
        await i.deferReply({ flags: MessageFlags.Ephemeral });
      }
    });
  }

  reply(body: ReplyBody): Promise<void> {
    return this.serial(async () => {
      const i = this.interaction;
      const payload = { ...body, allowedMentions: NO_PINGS };
      if (this.modalShown) return;
      if (i.deferred && !i.replied) {
        await this.editOriginal(payload);
      } else if (i.replied) {
        await this.followUp({ ...payload, flags: MessageFlags.Ephemeral });
      } else if (this.mode === 'update' && (i.isButton() || i.isStringSelectMenu())) {
        await i.update(payload);
      } else {
        await i.reply({ ...payload, flags: MessageFlags.Ephemeral });
      }
    });
  }

  /** The request body and files discord.js would send for `options` on this interaction's webhook. */
  private async webhookRequest(options: MessagePayloadOption) {
    const { body, files } = await MessagePayload.create(this.interaction.webhook, options)
      .resolveBody()
      .resolveFiles();
    return { body, files: files ?? undefined, auth: false };
  }

  /** What `interaction.editReply` does, over the interaction REST instance. */
  private async editOriginal(options: MessagePayloadOption): Promise<void> {
    const i = this.interaction;
    await this.webhooks.patch(
      Routes.webhookMessage(i.applicationId, i.token, '@original'),
      await this.webhookRequest(options),
    );
    i.replied = true;
  }

  /** What `interaction.followUp` does, over the interaction REST instance. */
  private async followUp(options: MessagePayloadOption): Promise<void> {
    const i = this.interaction;
    await this.webhooks.post(Routes.webhook(i.applicationId, i.token), {
      ...(await this.webhookRequest(options)),
      query: new URLSearchParams({ wait: 'true' }),
    });
  }

  showModal(modal: ModalBuilder): Promise<boolean> {
    return this.serial(async () => {
      const i = this.interaction;
      if (this.acknowledged || i.isModalSubmit()) return false;
      await i.showModal(modal);
      this.modalShown = true;
      return true;
    });
  }
}

export class MessageResponder implements Responder {
  readonly kind = 'message' as const;
  private sent = false;

  constructor(private readonly message: Message<true>) {}

  get acknowledged(): boolean {
    return this.sent;
  }

  async defer(): Promise<void> {
    await this.message.channel.sendTyping().catch(() => undefined);
  }

  async reply(body: ReplyBody): Promise<void> {
    this.sent = true;
    await this.message.reply({
      content: body.content,
      embeds: body.embeds,
      components: body.components,
      files: body.files,
      allowedMentions: { parse: [], repliedUser: false },
    });
  }

  async showModal(): Promise<boolean> {
    return false;
  }
}
