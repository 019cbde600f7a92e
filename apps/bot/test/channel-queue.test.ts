import { describe, expect, it } from 'vitest';
import { ChannelQueue } from '../src/lib/channel-queue.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('the channel queue for message events', () => {
  it('runs one channel’s events in arrival order, even when earlier ones are slower', async () => {
    const queue = new ChannelQueue(4);
    const done: string[] = [];
    const delays = [20, 1, 5];
    delays.forEach((ms, i) => {
      queue.push('c1', async () => {
        await new Promise((r) => setTimeout(r, ms));
        done.push(`c1:${i}`);
      });
    });
    await queue.idle();
    expect(done).toEqual(['c1:0', 'c1:1', 'c1:2']);
  });

  it('works on at most `concurrency` channels at once and finishes them all', async () => {
    const queue = new ChannelQueue(3);
    let running = 0;
    let peak = 0;
    let finished = 0;
    for (let c = 0; c < 10; c++) {
      for (let m = 0; m < 5; m++) {
        queue.push(`c${c}`, async () => {
          running++;
          peak = Math.max(peak, running);
          await tick();
          running--;
          finished++;
        });
      }
    }
    expect(queue.stats().pending).toBe(50);
    await queue.idle();
    expect(peak).toBe(3);
    expect(finished).toBe(50);
    expect(queue.stats()).toEqual({ pending: 0, running: 0, dropped: 0 });
  });

  it('drops events beyond its bound instead of growing, and counts them', async () => {
    const queue = new ChannelQueue(1, 5);
    let ran = 0;
    const accepted = Array.from({ length: 8 }, () =>
      queue.push('c1', async () => {
        ran++;
        await tick();
      }),
    );
    expect(accepted).toEqual([true, true, true, true, true, false, false, false]);
    await queue.idle();
    expect(ran).toBe(5);
    expect(queue.stats().dropped).toBe(3);
    // Once drained, it accepts again.
    expect(queue.push('c1', async () => {})).toBe(true);
    await queue.idle();
  });

  it('a failing event does not stall the events behind it', async () => {
    const queue = new ChannelQueue(1);
    const done: number[] = [];
    queue.push('c1', async () => {
      throw new Error('database went away');
    });
    queue.push('c1', async () => {
      done.push(2);
    });
    await queue.idle();
    expect(done).toEqual([2]);
  });
});
