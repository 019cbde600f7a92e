// A realistic document for every model, shared by the round-trip tests (embedded server and MONGODB_URI).
import type { Model } from 'mongoose';
import * as models from '../models/index.js';

const now = new Date('2026-11-20T10:00:00.000Z');

export const realisticDocuments: Array<{
  model: Model<never>;
  doc: Record<string, unknown>;
  uniqueKey: string[];
}> = [
  {
    model: models.Guild as never,
    doc: {
      guildId: '1100000000000000001',
      name: 'TicketByte Demo',
      staffRoleIds: ['1100000000000000010'],
      transcriptsEnabled: true,
      autoCloseAfterHours: 48,
    },
    uniqueKey: ['guildId'],
  },
  {
    model: models.TicketCategory as never,
    doc: {
      guildId: '1100000000000000001',
      name: 'Billing',
      emoji: '💳',
      description: 'Payments and refunds',
      staffRoleIds: ['1100000000000000010'],
      questions: [
        { questionId: 'order', label: 'Order number', style: 'short', required: true, maxLength: 40 },
      ],
    },
    uniqueKey: ['guildId', 'name'],
  },
  {
    model: models.Panel as never,
    doc: {
      guildId: '1100000000000000001',
      title: 'Need help?',
      description: 'Pick a topic',
      style: 'select',
      categoryIds: ['c1', 'c2'],
    },
    uniqueKey: [],
  },
  {
    model: models.Ticket as never,
    doc: {
      guildId: '1100000000000000001',
      number: 7,
      openKey: 'interaction:1200000000000000001',
      categoryId: 'c1',
      channelId: '1300000000000000001',
      openerId: '1400000000000000001',
      participantIds: ['1400000000000000002'],
      priority: 'high',
      topic: 'Refund for order 1234',
      answers: [{ questionId: 'order', label: 'Order number', value: '1234' }],
      status: 'open',
      openedAt: now,
      lastActivityAt: now,
    },
    uniqueKey: ['guildId', 'number'],
  },
  {
    model: models.TranscriptMessage as never,
    doc: {
      _id: '1500000000000000001',
      guildId: '1100000000000000001',
      ticketId: 't1',
      channelId: '1300000000000000001',
      messageId: '1500000000000000001',
      authorId: '1400000000000000001',
      authorName: 'Alice',
      content: 'tbenc:v1:k1:aaaa:bbbb:cccc',
      attachments: [
        { name: 'receipt.png', size: 2048, contentType: 'image/png', url: 'https://cdn.example/receipt.png' },
      ],
      embedsSummary: ['Order #1234'],
      sentAt: now,
      expiresAt: new Date(now.getTime() + 90 * 86_400_000),
    },
    uniqueKey: ['_id'],
  },
  {
    model: models.Blacklist as never,
    doc: {
      guildId: '1100000000000000001',
      targetType: 'user',
      targetId: '1400000000000000009',
      reason: 'Spam',
      addedById: '1400000000000000003',
    },
    uniqueKey: ['guildId', 'targetType', 'targetId'],
  },
  {
    model: models.DailyStats as never,
    doc: {
      _id: '1100000000000000001:2026-11-20',
      guildId: '1100000000000000001',
      day: '2026-11-20',
      opened: 4,
      closed: 3,
      commands: { ticket: 5, help: 1 },
    },
    uniqueKey: ['_id'],
  },
  {
    model: models.User as never,
    doc: {
      discordId: '1400000000000000001',
      username: 'alice',
      globalName: 'Alice',
      avatar: 'a_0123456789abcdef',
      profileSyncedAt: now,
    },
    uniqueKey: ['discordId'],
  },
  {
    model: models.Session as never,
    doc: {
      _id: 'f'.repeat(64),
      userId: '1400000000000000001',
      expiresAt: new Date(now.getTime() + 7 * 86_400_000),
      device: 'Firefox on Linux',
      lastSeenAt: now,
    },
    uniqueKey: ['_id'],
  },
  {
    model: models.OAuthAccount as never,
    doc: {
      userId: '1400000000000000001',
      accessToken: 'tbenc:v1:k1:a:b:c',
      scopes: ['identify', 'guilds'],
      accessTokenExpiresAt: now,
    },
    uniqueKey: ['userId', 'provider'],
  },
  {
    model: models.ApiToken as never,
    doc: {
      tokenHash: 'a'.repeat(64),
      displayPrefix: 'tb_abcd',
      name: 'Grafana',
      scopes: ['analytics:read'],
      guildIds: ['1100000000000000001'],
      createdById: '1400000000000000003',
    },
    uniqueKey: ['tokenHash'],
  },
  {
    model: models.AuditLog as never,
    doc: {
      guildId: '1100000000000000001',
      actorId: '1400000000000000003',
      actorKind: 'user',
      action: 'config.update',
      targetType: 'guild',
      targetId: '1100000000000000001',
      details: { changed: ['prefix'] },
    },
    uniqueKey: [],
  },
  {
    model: models.DataRequest as never,
    doc: {
      kind: 'export',
      requesterId: '1400000000000000001',
      status: 'completed',
      requestedAt: now,
      completedAt: now,
    },
    uniqueKey: [],
  },
  {
    model: models.OpenTicketSlot as never,
    doc: {
      guildId: '1100000000000000001',
      userId: '1400000000000000001',
      slot: 1,
      ticketKey: 'interaction:1',
    },
    uniqueKey: ['guildId', 'userId', 'slot'],
  },
  {
    model: models.Lock as never,
    doc: { _id: 'guild:1100000000000000001', owner: 'p1', expiresAt: now },
    uniqueKey: ['_id'],
  },
];
