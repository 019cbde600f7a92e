// zlib-stream transport compression: binary frames from one zlib context per connection, each ending in
// the Z_SYNC_FLUSH suffix, that a client inflates through one shared context (Discord's documented recipe).
import { inflateSync } from 'node:zlib';
import { GatewayIntentBits as I } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type Emulator } from '../src/index';
import { startTestEmulator } from './support/emulator';
import { endsWithSyncFlush, identify, openGateway } from './support/raw-gateway';

let emu: Emulator;

beforeAll(async () => {
  emu = await startTestEmulator({ seed: 'demo' });
});
afterAll(() => emu?.close());

describe('compress=zlib-stream', () => {
  it('sends HELLO, READY, GUILD_CREATE and later dispatches through one shared zlib stream', async () => {
    const gw = await openGateway(emu.gatewayUrl, 'v=10&encoding=json&compress=zlib-stream');
    expect(await gw.next()).toMatchObject({ op: 10, d: { heartbeat_interval: 41_250 } });
    gw.send(identify(DEMO.botToken, I.Guilds | I.GuildMessages | I.MessageContent));
    expect(await gw.next((p) => p.t === 'READY')).toMatchObject({ d: { v: 10 } });
    expect(await gw.next((p) => p.t === 'GUILD_CREATE')).toMatchObject({ d: { id: DEMO.guildId } });
    await emu.actions.sendMessage({
      channelId: DEMO.channels.general,
      userId: DEMO.users.alice,
      content: 'zipped',
    });
    expect(await gw.next((p) => p.t === 'MESSAGE_CREATE')).toMatchObject({ d: { content: 'zipped' } });
    gw.send({ op: 1, d: 1 });
    expect(await gw.next((p) => p.op === 11)).toMatchObject({ op: 11 });

    expect(gw.frames.length).toBe(gw.payloads.length);
    expect(gw.frames.every((f) => f.binary && endsWithSyncFlush(f.data))).toBe(true);
    // The first frame starts the zlib stream (a zlib header), and only it can be inflated alone: the others
    // depend on the context built by the frames before them.
    const [first, second] = gw.frames;
    expect(first?.data[0]).toBe(0x78);
    expect(JSON.parse(inflateSync(first!.data, { finishFlush: 2 }).toString())).toMatchObject({ op: 10 });
    expect(() => inflateSync(second!.data, { finishFlush: 2 })).toThrow();
    gw.ws.close();
  });

  it('keeps frames in order when many dispatches are queued at once', async () => {
    const gw = await openGateway(emu.gatewayUrl, 'v=10&encoding=json&compress=zlib-stream');
    gw.send(identify(DEMO.botToken, I.Guilds | I.GuildMessages | I.MessageContent));
    await gw.next((p) => p.t === 'GUILD_CREATE');
    for (let i = 0; i < 30; i++) {
      await emu.actions.sendMessage({
        channelId: DEMO.channels.general,
        userId: DEMO.users.bob,
        content: `m${i}`,
      });
    }
    await gw.next((p) => p.t === 'MESSAGE_CREATE' && (p.d as { content: string }).content === 'm29');
    const contents = gw.payloads
      .filter((p) => p.t === 'MESSAGE_CREATE')
      .map((p) => (p.d as { content: string }).content);
    expect(contents).toEqual(Array.from({ length: 30 }, (_, i) => `m${i}`));
    const seqs = gw.payloads.filter((p) => p.op === 0).map((p) => p.s);
    expect(seqs).toEqual([...seqs].sort((a, b) => (a ?? 0) - (b ?? 0)));
    gw.ws.close();
  });

  it('closes after the frames queued before the close (a refused IDENTIFY still gets its HELLO first)', async () => {
    const gw = await openGateway(emu.gatewayUrl, 'v=10&encoding=json&compress=zlib-stream');
    gw.send(identify('not-the-token', I.Guilds));
    expect(await gw.closed).toEqual({ code: 4004, reason: 'Authentication failed.' });
    // Frames are recorded as they arrive (before the close event); inflating them is asynchronous.
    expect(gw.frames).toHaveLength(1);
    expect(await gw.next()).toMatchObject({ op: 10 });
  });

  it('without compress, sends text frames; IDENTIFY compress: true is accepted (Discord may leave payloads uncompressed)', async () => {
    const gw = await openGateway(emu.gatewayUrl, 'v=10&encoding=json');
    gw.send(identify(DEMO.botToken, I.Guilds, { compress: true }));
    await gw.next((p) => p.t === 'READY');
    expect(gw.frames.every((f) => !f.binary)).toBe(true);
    gw.ws.close();
  });
});
