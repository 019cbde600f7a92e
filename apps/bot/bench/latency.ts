// Interaction latency: from the emulator dispatching INTERACTION_CREATE to it receiving the bot's
// first callback, p50/p99, at 1, 20 and 100 interactions per second (rate limits off). Two kinds:
// `/help` (answered at once) and `/ticket open` (deferred, then a ticket is opened).
// Run: pnpm --filter @ticketbyte/bot bench:latency
import type { InteractionHandle } from '@ticketbyte/discord-emulator';
import { DEMO, percentile, sleep, startBotProcess, startWorld } from './support.js';

const RATES = [1, 20, 100];
const DURATION_S: Record<number, number> = { 1: 20, 20: 10, 100: 5 };

const world = await startWorld({ rateLimits: 'off' });
const { emu } = world;
const bot = await startBotProcess(emu, world.db);
console.log(bot.readyLine);
try {
  // Set up the guild (staff, category) and enough members that nobody hits the open-ticket limit.
  const setup = await emu.actions.slashCommand({
    guildId: DEMO.guildId,
    channelId: DEMO.channels.support,
    userId: DEMO.users.admin,
    name: 'setup',
    options: { 'staff-role': DEMO.roles.support, 'ticket-category': DEMO.channels.ticketsCategory },
  });
  await setup.waitForOriginal(undefined, { timeoutMs: 20_000 });
  const users = Array.from({ length: 800 }, (_, i) => {
    const id = `14100000000000${String(i).padStart(5, '0')}`;
    emu.actions.createUser({ id, username: `bench${i}` });
    emu.actions.addMember(DEMO.guildId, id);
    return id;
  });
  let next = 0;

  const rows: string[] = [];
  for (const kind of ['help', 'ticket-open'] as const) {
    for (const rate of RATES) {
      const count = rate * DURATION_S[rate]!;
      const handles: InteractionHandle[] = [];
      const started = performance.now();
      for (let i = 0; i < count; i++) {
        const due = started + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        handles.push(
          await emu.actions.slashCommand({
            guildId: DEMO.guildId,
            channelId: DEMO.channels.support,
            userId: kind === 'help' ? DEMO.users.alice : users[next++ % users.length]!,
            name: kind === 'help' ? 'help' : 'ticket',
            subcommand: kind === 'help' ? undefined : 'open',
            options: {},
          }),
        );
      }
      const firsts = await Promise.all(handles.map((h) => h.waitForResponse({ timeoutMs: 30_000 })));
      const latencies = firsts.map((r, i) => r.at - handles[i]!.createdAt);
      let completion = '';
      if (kind === 'ticket-open') {
        const finals = await Promise.all(
          handles.map((h) => h.waitForOriginal(undefined, { timeoutMs: 600_000 })),
        );
        const done = finals.map(
          (m, i) => Date.parse(m.edited_timestamp ?? m.timestamp) - handles[i]!.createdAt,
        );
        const failed = finals.filter((m) => !m.content.startsWith('Your ticket is open')).length;
        completion = `  opened: p50 ${(percentile(done, 50) / 1000).toFixed(1)} s, p99 ${(percentile(done, 99) / 1000).toFixed(1)} s, not opened: ${failed}`;
      }
      const late = latencies.filter((ms) => ms > 3000).length;
      rows.push(
        `${kind.padEnd(12)} ${String(rate).padStart(3)}/s  n=${String(count).padStart(3)}  first callback p50 ${percentile(latencies, 50).toFixed(0).padStart(4)} ms  p99 ${percentile(latencies, 99).toFixed(0).padStart(4)} ms  max ${Math.max(
          ...latencies,
        )
          .toFixed(0)
          .padStart(4)} ms  >3s: ${late}${completion}`,
      );
      console.log(rows.at(-1));
      await sleep(1000);
    }
  }
  console.log(`\nBot RSS at the end: ${bot.rssMb().toFixed(0)} MB`);
} finally {
  await bot.stop();
  await world.stop();
}
