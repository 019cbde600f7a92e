import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../testing/index.js';
import { releaseOpenTicketSlot, takeOpenTicketSlot } from './open-ticket-slot.js';
import { insertNumberedTicket, Ticket } from './ticket.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(() => db.stop());

const newTicket = (openKey: string) => ({
  openKey,
  categoryId: null,
  openerId: '1400000000000000001',
  topic: '',
  answers: [],
  status: 'open' as const,
  openedAt: new Date(),
  lastActivityAt: new Date(),
});

describe('ticket numbers', () => {
  it('50 concurrent opens in one guild are numbered 1..50 with no gap or repeat', async () => {
    const tickets = await Promise.all(
      Array.from({ length: 50 }, (_, i) => insertNumberedTicket('900000000000000001', newTicket(`a-${i}`))),
    );
    expect(tickets.map((t) => t.number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
  });

  it('numbers are per guild', async () => {
    expect((await insertNumberedTicket('900000000000000002', newTicket('b-1'))).number).toBe(1);
  });

  it('a number another process took meanwhile is skipped, not repeated', async () => {
    const guildId = '900000000000000003';
    expect((await insertNumberedTicket(guildId, newTicket('c-1'))).number).toBe(1);
    // Another process (the dashboard, say) opens #2 and #3; this one still remembers 1.
    await Ticket.create({ ...newTicket('other-2'), guildId, number: 2 });
    await Ticket.create({ ...newTicket('other-3'), guildId, number: 3 });
    expect((await insertNumberedTicket(guildId, newTicket('c-4'))).number).toBe(4);
  });

  it('a duplicate open key is not mistaken for a taken number', async () => {
    await expect(insertNumberedTicket('900000000000000004', newTicket('c-1'))).rejects.toThrow(
      /duplicate key|E11000/i,
    );
    expect(await Ticket.countDocuments({ guildId: '900000000000000004' })).toBe(0);
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
