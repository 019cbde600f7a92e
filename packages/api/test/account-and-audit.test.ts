import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type Harness, member, setUpDemoGuild, signIn, startHarness } from './harness.js';

let h: Harness;
const G = DEMO.guildId;
beforeAll(async () => {
  h = await startHarness();
  await setUpDemoGuild(h);
});
afterAll(() => h.stop());

describe('account.guilds (the server picker)', () => {
  it('lists guilds the person administers or staffs where the bot is, and offers an invite where it is not', async () => {
    const other = h.emu.actions.createGuild({
      name: 'No Bot Here',
      ownerId: DEMO.users.admin,
      members: [{ userId: DEMO.users.admin, roles: [] }],
      bot: { present: false, roleName: 'x' },
    } as Parameters<Harness['emu']['actions']['createGuild']>[0]);
    await signIn(h, DEMO.users.admin);
    const { guilds } = await h.caller({ kind: 'user', userId: DEMO.users.admin }).account.guilds();
    expect(guilds).toEqual([
      expect.objectContaining({
        id: G,
        name: 'TicketByte Demo',
        access: 'admin',
        botPresent: true,
        inviteUrl: null,
      }),
      expect.objectContaining({ id: other.id, access: 'admin', botPresent: false }),
    ]);
    const invite = new URL(guilds[1]!.inviteUrl!);
    expect(invite.searchParams.get('scope')).toBe('bot applications.commands');
    expect(invite.searchParams.get('guild_id')).toBe(other.id);
  });

  it('shows staff their guild as staff, and plain members nothing', async () => {
    await signIn(h, DEMO.users.staff);
    await signIn(h, DEMO.users.bob);
    expect((await h.caller({ kind: 'user', userId: DEMO.users.staff }).account.guilds()).guilds).toEqual([
      expect.objectContaining({ id: G, access: 'staff', botPresent: true }),
    ]);
    expect((await h.caller({ kind: 'user', userId: DEMO.users.bob }).account.guilds()).guilds).toEqual([]);
  });

  it('asks people without stored tokens to sign in again', async () => {
    await expect(h.caller({ kind: 'user', userId: DEMO.users.carol }).account.guilds()).rejects.toMatchObject(
      { code: 'UNAUTHORIZED' },
    );
  });
});

describe('audit.list', () => {
  it('records every mutation with who, what and which fields — never the values — newest first, paginated', async () => {
    const admin = h.caller(member(h, DEMO.users.admin));
    await admin.config.update({ guildId: G, prefix: '?' });
    await admin.config.update({ guildId: G, maxOpenTicketsPerUser: 4 });
    const first = await admin.audit.list({ guildId: G, limit: 1 });
    expect(first.items[0]).toMatchObject({
      actorId: DEMO.users.admin,
      actorKind: 'bot-member',
      action: 'config.update',
      fields: ['maxOpenTicketsPerUser'],
    });
    expect(JSON.stringify(first.items)).not.toContain('"4"');
    const second = await admin.audit.list({ guildId: G, limit: 1, cursor: first.nextCursor! });
    expect(second.items[0]).toMatchObject({ action: 'config.update', fields: ['prefix'] });
  });
});

describe('config.memberNames', () => {
  it('names members, and people who left as former members', async () => {
    const names = await h
      .caller(member(h, DEMO.users.staff))
      .config.memberNames({ guildId: G, userIds: [DEMO.users.alice, '1999999999999999999'] });
    expect(names).toEqual([
      expect.objectContaining({ id: DEMO.users.alice, displayName: 'Alice' }),
      expect.objectContaining({ id: '1999999999999999999', displayName: 'Former member 9999' }),
    ]);
  });
});
