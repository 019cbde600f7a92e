import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../testing/index.js';
import { allocateTicketNumber, Guild } from './guild.js';
import { releaseOpenTicketSlot, takeOpenTicketSlot } from './open-ticket-slot.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(() => db.stop());

describe('ticket numbers', () => {
  it('50 concurrent allocations in one guild yield 1..50 with no gap or repeat', async () => {
    await Guild.create({ guildId: '900000000000000001' });
    const numbers = await Promise.all(
      Array.from({ length: 50 }, () => allocateTicketNumber('900000000000000001')),
    );
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('numbers are per guild', async () => {
    await Guild.create({ guildId: '900000000000000002' });
    expect(await allocateTicketNumber('900000000000000002')).toBe(1);
  });

  it('refuses a guild that has no settings', async () => {
    await expect(allocateTicketNumber('900000000000000099')).rejects.toThrow(/no settings/);
  });
});

describe('open-ticket slots', () => {
  it('20 concurrent opens by one member with a limit of 3 take exactly 3 slots', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => takeOpenTicketSlot('g1', 'u1', 3, `key-${i}`)),
    );
    expect(results.filter((r) => r === 'taken')).toHaveLength(3);
    expect(results.filter((r) => r === 'limit-reached')).toHaveLength(17);
  });

  it('a released slot can be taken again', async () => {
    await takeOpenTicketSlot('g2', 'u1', 1, 'first');
    expect(await takeOpenTicketSlot('g2', 'u1', 1, 'second')).toBe('limit-reached');
    await releaseOpenTicketSlot('first');
    expect(await takeOpenTicketSlot('g2', 'u1', 1, 'second')).toBe('taken');
  });

  it('a second request with the same ticket key is recognised, not given another slot', async () => {
    expect(await takeOpenTicketSlot('g3', 'u1', 3, 'same')).toBe('taken');
    expect(await takeOpenTicketSlot('g3', 'u1', 3, 'same')).toBe('key-in-use');
  });
});
