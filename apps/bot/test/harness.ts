// Test harness: a throwaway FerretDB, the Discord emulator with the demo seed, and the real bot (a
// discord.js client) in process, wired by configuration only. `stop()` ends all three, so no
// process or port is left behind.
import { memoryLogger } from '@ticketbyte/api';
import { startTestDatabase, type TestDatabase } from '@ticketbyte/db/testing';
import {
  assertConformingTraffic,
  DEMO,
  type EmulatorOptions,
  type Emulator,
  type InteractionHandle,
  startEmulator,
} from '@ticketbyte/discord-emulator';
import { type APIMessage, Events, type Message } from 'discord.js';
import { type Bot, type BotOptions, createBot } from '../src/bot.js';

export { DEMO };

/**
 * How long a test waits for something the bot does in answer to an event. Generous on purpose: CI
 * machines are small and shared, and a wait ends as soon as the event happens.
 */
export const EVENT_CEILING_MS = 60_000;

export interface Harness {
  db: TestDatabase;
  emu: Emulator;
  bot: Bot;
  logs: ReturnType<typeof memoryLogger>;
  /** The clock the router sees; null means real time. */
  clock: { now: Date | null };
  /** Stops the bot (gracefully) and starts a fresh one on the same database and emulator. */
  restartBot(options?: Partial<BotOptions>): Promise<Bot>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  emulator?: EmulatorOptions;
  bot?: Partial<BotOptions>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const [db, emu] = await Promise.all([
    startTestDatabase(),
    // Every request the bot sends is checked against Discord's OpenAPI description; an invalid one is
    // refused as Discord would (50035) and fails the suite when the harness stops.
    startEmulator({ port: 0, seed: 'demo', validateRequests: 'enforce', ...options.emulator }),
  ]);
  const logs = memoryLogger();
  const clock: { now: Date | null } = { now: null };
  const make = (extra: Partial<BotOptions> = {}) =>
    createBot({
      token: DEMO.botToken,
      apiUrl: emu.restUrl,
      messageContent: true,
      sweepIntervalMs: 0,
      restTimeoutMs: 5_000,
      now: () => clock.now ?? new Date(),
      log: logs,
      ...options.bot,
      ...extra,
    });
  const harness: Harness = {
    db,
    emu,
    bot: make(),
    logs,
    clock,
    async restartBot(extra) {
      await harness.bot.stop();
      harness.bot = make(extra);
      await harness.bot.start();
      return harness.bot;
    },
    async stop() {
      await harness.bot.stop(5_000).catch(() => undefined);
      await emu.close();
      await db.stop();
      assertConformingTraffic(emu);
    },
  };
  try {
    await harness.bot.start();
  } catch (error) {
    await harness.stop();
    throw error;
  }
  return harness;
}

/** What a member finally sees for an interaction: a form, or the (ephemeral) message. */
export interface Outcome {
  modal: { customId: string; title: string; components: unknown[] } | null;
  content: string;
  embeds: APIMessage['embeds'];
  components: NonNullable<APIMessage['components']>;
  attachments: APIMessage['attachments'];
  ephemeral: boolean;
  /** Milliseconds from the interaction to the bot's first callback. */
  ackMs: number;
}

export async function outcome(
  h: Harness,
  handle: InteractionHandle,
  until?: (m: APIMessage) => boolean,
): Promise<Outcome> {
  const first = await handle.waitForResponse({ timeoutMs: EVENT_CEILING_MS });
  const ackMs = first.at - handle.createdAt;
  if (first.modal) {
    return {
      modal: first.modal,
      content: '',
      embeds: [],
      components: [],
      attachments: [],
      ephemeral: true,
      ackMs,
    };
  }
  let message: APIMessage;
  if (first.type === 5) {
    message = await handle.waitForOriginal(until, { timeoutMs: EVENT_CEILING_MS });
  } else if (first.type === 6) {
    // Deferred update: wait until the component's message is edited into its final state.
    const before = handle.original?.edited_timestamp ?? null;
    message = await h.emu.waitFor(
      () => {
        const m = handle.original;
        return m && m.edited_timestamp !== before && (!until || until(m)) ? m : undefined;
      },
      { timeoutMs: EVENT_CEILING_MS },
    );
  } else {
    message = until ? await handle.waitForOriginal(until, { timeoutMs: EVENT_CEILING_MS }) : handle.original!;
  }
  return {
    modal: null,
    content: message.content,
    embeds: message.embeds,
    components: message.components ?? [],
    attachments: message.attachments,
    ephemeral: first.ephemeral || ((message.flags ?? 0) & 64) !== 0,
    ackMs,
  };
}

/** Runs a slash command as `userId` and returns what they see. */
export async function slash(
  h: Harness,
  userId: string,
  name: string,
  subcommand: string | undefined,
  options: Record<string, string | number | boolean> = {},
  channelId: string = DEMO.channels.support,
): Promise<Outcome> {
  const handle = await h.emu.actions.slashCommand({
    guildId: DEMO.guildId,
    channelId,
    userId,
    name,
    subcommand,
    options,
  });
  return outcome(h, handle);
}

/** Custom ids of the buttons (and selects) on a message. */
export function buttonsOf(
  message: Pick<APIMessage, 'components'> | undefined,
): Array<{ customId: string; label: string }> {
  const out: Array<{ customId: string; label: string }> = [];
  for (const row of message?.components ?? []) {
    for (const c of (row as { components?: Array<{ custom_id?: string; label?: string }> }).components ??
      []) {
      if (c.custom_id) out.push({ customId: c.custom_id, label: c.label ?? '' });
    }
  }
  return out;
}

/** The first message in `channelId` with a button whose custom id starts with `prefix`. */
export function findButton(h: Harness, channelId: string, prefix: string, as?: string) {
  const messages = h.emu.inspect.messages(channelId, as ? { as } : {});
  for (const m of [...messages].reverse()) {
    const b = buttonsOf(m).find((x) => x.customId.startsWith(prefix));
    if (b) return { messageId: m.id, customId: b.customId, label: b.label };
  }
  return undefined;
}

/** Clicks a button as `userId` and returns what they see. */
export async function click(
  h: Harness,
  userId: string,
  channelId: string,
  button: { messageId: string; customId: string },
  until?: (m: APIMessage) => boolean,
): Promise<Outcome> {
  const handle = await h.emu.actions.clickButton({
    guildId: DEMO.guildId,
    channelId,
    messageId: button.messageId,
    userId,
    customId: button.customId,
  });
  return outcome(h, handle, until);
}

/** Sends a plain message as a member and waits for the bot's reply to it (prefix commands). */
export async function prefix(
  h: Harness,
  userId: string,
  channelId: string,
  content: string,
): Promise<APIMessage> {
  const sent = await h.emu.actions.sendMessage({ channelId, userId, content });
  return h.emu.waitFor(
    () => h.emu.inspect.messages(channelId).find((m) => m.message_reference?.message_id === sent.id),
    { timeoutMs: EVENT_CEILING_MS },
  );
}

/**
 * Sends a member's message and resolves once the bot has received it and finished everything it
 * started because of it: the barrier a "the bot did not answer" assertion waits on, not a sleep.
 */
export async function sendAndSettle(
  h: Harness,
  userId: string,
  channelId: string,
  content: string,
): Promise<APIMessage> {
  const received = new Set<string>();
  // Registered after the bot's own listener, so when it sees the message the bot has tracked its work.
  const listener = (message: Message) => received.add(message.id);
  h.bot.client.on(Events.MessageCreate, listener);
  try {
    const sent = await h.emu.actions.sendMessage({ channelId, userId, content });
    await h.emu.waitFor(() => received.has(sent.id), { timeoutMs: EVENT_CEILING_MS });
    await h.bot.deps.inflight.idle();
    return sent;
  } finally {
    h.bot.client.off(Events.MessageCreate, listener);
  }
}

/** Logs as one string, for "never logged" assertions. */
export function allLogs(h: Harness): string {
  return h.logs.lines.join('\n');
}
