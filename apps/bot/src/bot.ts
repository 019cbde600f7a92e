// Assembles the bot: client, Discord port on the client's own REST instance (shared rate-limit
// buckets), router callers, event handlers, command registration, the auto-close sweep and a
// graceful stop. `index.ts` runs it as a process; tests and benchmarks run it in process.
import { createRestDiscordPort, defaultLogger, type Logger } from '@ticketbyte/api';
import { REST } from '@discordjs/rest';
import { type Client, Events, IntentsBitField } from 'discord.js';
import { type ClientConfig, createClient, intentsFor } from './client.js';
import { prepareDemoGuild } from './demo.js';
import { onChannelDelete, onMemberRemove } from './events/channels-members.js';
import { onGuildCreate, onGuildDelete, onGuildUnavailable, syncGuilds } from './events/guilds.js';
import { onInteractionCreate } from './events/interaction-create.js';
import { NonTicketChannels, onMessageCreate, onMessageDelete, onMessageUpdate } from './events/messages.js';
import { AutoCloseScheduler } from './lib/auto-close.js';
import { type BotDeps, makeCallerFactory, SYSTEM } from './lib/deps.js';
import { GuildConfigCache } from './lib/guild-config.js';
import { ChannelQueue } from './lib/channel-queue.js';
import { Inflight } from './lib/inflight.js';
import { decideIntents, intentCloseMessage, MESSAGE_CONTENT } from './lib/intents.js';
import { registerCommands } from './lib/register-commands.js';
import { commandBodies } from './registry.js';

export interface BotOptions extends ClientConfig {
  token: string;
  /** Register commands in this guild only (development); otherwise globally. */
  devGuildId?: string;
  /** Register commands on start (default true; only the process holding shard 0 does). */
  registerCommands?: boolean;
  /** Prepare the demo guild on start (TICKETBYTE_DEMO). */
  demo?: boolean;
  /** Report guilds without settings as joined on start (default true). */
  syncGuilds?: boolean;
  publicUrl?: string;
  /** Auto-close sweep interval; 0 turns the timer off (tests call `sweepNow`). */
  sweepIntervalMs?: number;
  /** The clock handed to the router (tests move it to drive auto-close). */
  now?: () => Date;
  log?: Logger;
}

export interface Bot {
  client: Client;
  deps: BotDeps;
  /** Logs in and resolves when ready, commands registered and the demo guild prepared. */
  start(): Promise<Client<true>>;
  /** Finishes in-flight work (up to `timeoutMs`), stops the sweep and closes the gateway. */
  stop(timeoutMs?: number): Promise<void>;
  sweepNow(): Promise<{ warned: number; closed: number } | null>;
  /** Resolves when the start-up guild sync has finished. */
  synced: Promise<number>;
}

export function createBot(options: BotOptions): Bot {
  const client = createClient(options);
  const log = options.log ?? defaultLogger;
  const now = options.now ?? (() => new Date());
  const discord = createRestDiscordPort(client.rest);
  const caller = makeCallerFactory(discord, log, now);
  const deps: BotDeps = {
    client,
    interactionRest: new REST(client.options.rest),
    discord,
    log,
    now,
    caller,
    config: new GuildConfigCache(() => caller(SYSTEM)),
    inflight: new Inflight(),
    messageContent: options.messageContent,
    publicUrl: options.publicUrl,
  };
  const skip = new NonTicketChannels();
  const messageQueue = new ChannelQueue();
  const scheduler = new AutoCloseScheduler(deps, options.sweepIntervalMs ?? 60_000);
  let resolveSynced: (n: number) => void = () => {};
  const synced = new Promise<number>((r) => {
    resolveSynced = r;
  });

  client.on(Events.InteractionCreate, onInteractionCreate(deps));
  client.on(Events.MessageCreate, onMessageCreate(deps, skip, messageQueue));
  client.on(Events.MessageUpdate, onMessageUpdate(deps, skip, messageQueue));
  client.on(Events.MessageDelete, onMessageDelete(deps, skip, messageQueue));
  client.on(Events.MessageBulkDelete, (messages) => {
    const handle = onMessageDelete(deps, skip, messageQueue);
    for (const message of messages.values()) handle(message);
  });
  client.on(Events.GuildCreate, onGuildCreate(deps));
  client.on(Events.GuildDelete, onGuildDelete(deps));
  client.on(Events.GuildUnavailable, onGuildUnavailable(deps));
  client.on(Events.ChannelDelete, onChannelDelete(deps, skip));
  client.on(Events.GuildMemberRemove, onMemberRemove(deps));
  client.on(Events.ShardResume, (shardId, replayed) =>
    log.info('bot.gateway.resumed', { shardId, replayed }),
  );
  client.on(Events.ShardDisconnect, (_event, shardId) => log.warn('bot.gateway.disconnected', { shardId }));
  client.on(Events.Error, (error) => log.error('bot.client.error', { error: error.name }));

  /** Shard 0's process does the once-per-bot work (registration, sweep); others only serve events. */
  const holdsShardZero = () => client.shard?.ids.includes(0) ?? true;

  return {
    client,
    deps,
    synced,
    async start() {
      client.rest.setToken(options.token);
      const intents = await decideIntents(client.rest, options.messageContent);
      if (intents.messageContentWithheld) {
        // Runs as with DISCORD_MESSAGE_CONTENT_INTENT=false: transcripts keep no text, no prefix commands.
        log.warn('bot.intents.message_content_not_granted', { portalSwitch: MESSAGE_CONTENT.portalName });
        client.options.intents = new IntentsBitField(intentsFor(false));
        deps.messageContent = false;
      }
      const ready = new Promise<Client<true>>((resolve, reject) => {
        client.once(Events.ClientReady, resolve);
        client.on(Events.ShardDisconnect, (event) => {
          const message = intentCloseMessage(event.code);
          if (message) reject(new Error(message));
        });
      });
      // A gateway closed for its intents may leave login pending: whichever settles first decides.
      const loggedIn = client.login(options.token);
      loggedIn.catch(() => {});
      const c = await Promise.race([ready, loggedIn.then(() => ready)]);
      if (holdsShardZero() && options.registerCommands !== false) {
        const outcome = await registerCommands(c.rest, c.application.id, commandBodies(), options.devGuildId);
        log.info('bot.commands.registered', { scope: options.devGuildId ? 'guild' : 'global', outcome });
      }
      if (options.demo) {
        await prepareDemoGuild(deps).catch((error) =>
          log.error('bot.demo.failed', { error: (error as Error)?.name, message: (error as Error)?.message }),
        );
      }
      if (options.syncGuilds !== false) {
        void deps.inflight.track(syncGuilds(deps, c.guilds.cache.values()).then(resolveSynced));
      } else resolveSynced(0);
      if (holdsShardZero() && (options.sweepIntervalMs ?? 60_000) > 0) scheduler.start();
      return c;
    },
    async stop(timeoutMs = 10_000) {
      scheduler.stop();
      // Queued message events are in-flight work too: wait for them within the same time limit.
      const drained = await deps.inflight.drain(timeoutMs, messageQueue.idle());
      if (!drained) log.warn('bot.stop.timeout', { inflight: deps.inflight.size });
      await client.destroy();
    },
    sweepNow: () => scheduler.sweep(),
  };
}
