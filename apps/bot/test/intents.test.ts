// Privileged intents at start-up, against the emulator's application flags (Discord closes the gateway
// with 4014 for a privileged intent the application was not granted).
import { ApplicationFlags, GatewayIntentBits, RESTEvents } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../src/bot.js';
import { DEMO, type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

const MEMBERS = ApplicationFlags.GatewayGuildMembersLimited;
const CONTENT = ApplicationFlags.GatewayMessageContentLimited;

describe('privileged intents at start-up', () => {
  it('without the Server Members intent, start-up stops with one line naming it and where to turn it on', async () => {
    h.emu.actions.setApplicationFlags(CONTENT);
    const failure = await h.restartBot().then(
      () => null,
      (error: Error) => error,
    );
    expect(failure?.message).toMatch(
      /^the application does not have the Server Members Intent\. Turn it on in the Discord Developer Portal \(your application → Bot → Privileged Gateway Intents → Server Members Intent\)/,
    );
    expect(failure?.message).not.toContain('\n');
    expect(h.bot.client.isReady()).toBe(false);
  });

  it('without Message Content, the bot runs without it (no text in transcripts, no prefix commands) and says so', async () => {
    h.emu.actions.setApplicationFlags(MEMBERS);
    const bot = await h.restartBot({ messageContent: true });
    expect(bot.client.isReady()).toBe(true);
    expect(bot.deps.messageContent).toBe(false);
    expect(bot.client.options.intents.has(GatewayIntentBits.MessageContent)).toBe(false);
    expect(bot.client.options.intents.has(GatewayIntentBits.GuildMembers)).toBe(true);
    expect(h.logs.lines.some((l) => l.includes('bot.intents.message_content_not_granted'))).toBe(true);
  });

  it('with both granted, the bot asks for both', async () => {
    h.emu.actions.setApplicationFlags(MEMBERS | CONTENT);
    const bot = await h.restartBot({ messageContent: true });
    expect(bot.deps.messageContent).toBe(true);
    expect(bot.client.options.intents.has(GatewayIntentBits.MessageContent)).toBe(true);
  });

  it('a grant withdrawn between the check and IDENTIFY: the 4014 close stops start-up with a line, not a hang', async () => {
    h.emu.actions.setApplicationFlags(MEMBERS | CONTENT);
    const bot = createBot({
      token: DEMO.botToken,
      apiUrl: h.emu.restUrl,
      messageContent: true,
      sweepIntervalMs: 0,
      registerCommands: false,
      syncGuilds: false,
      log: h.logs,
    });
    // The intent check's request is the bot's first; withdraw the grant as soon as it is answered.
    bot.client.rest.once(RESTEvents.Response, () => h.emu.actions.setApplicationFlags(CONTENT));
    try {
      await expect(bot.start()).rejects.toThrow(/close code 4014/);
    } finally {
      await bot.stop(1_000);
      h.emu.actions.setApplicationFlags(MEMBERS | CONTENT);
    }
  });
});
