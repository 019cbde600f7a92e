// What procedures return, as zod schemas: outputs are validated, so nothing internal (idempotency
// keys, lock state, ciphertext) can leak to a caller by accident.
import { TICKET_PRIORITIES, TICKET_STATUSES } from '@ticketbyte/db';
import { z } from 'zod';

export const objectId = z.string().regex(/^[a-f0-9]{24}$/, 'must be an id');

export const ticketView = z.object({
  id: z.string(),
  guildId: z.string(),
  number: z.number().int(),
  categoryId: z.string().nullable(),
  channelId: z.string().nullable(),
  openerId: z.string(),
  participantIds: z.array(z.string()),
  claimedById: z.string().nullable(),
  priority: z.enum(TICKET_PRIORITIES),
  topic: z.string(),
  answers: z.array(z.object({ questionId: z.string(), label: z.string(), value: z.string() })),
  status: z.enum(TICKET_STATUSES),
  closeReason: z.string().nullable(),
  closedById: z.string().nullable(),
  closeRequestPending: z.boolean(),
  openedAt: z.date(),
  closedAt: z.date().nullable(),
  firstStaffResponseAt: z.date().nullable(),
  lastActivityAt: z.date(),
});
export type TicketView = z.infer<typeof ticketView>;

interface TicketLike {
  _id: { toString(): string };
  guildId: string;
  number: number;
  categoryId?: string | null;
  channelId?: string | null;
  openerId: string;
  participantIds?: string[];
  claimedById?: string | null;
  priority?: string | null;
  topic?: string | null;
  answers?: Array<{ questionId: string; label: string; value?: string | null }>;
  status: string;
  closeReason?: string | null;
  closedById?: string | null;
  closeRequest?: unknown;
  openedAt: Date;
  closedAt?: Date | null;
  firstStaffResponseAt?: Date | null;
  lastActivityAt: Date;
}

export function toTicketView(t: TicketLike): TicketView {
  return {
    id: t._id.toString(),
    guildId: t.guildId,
    number: t.number,
    categoryId: t.categoryId ?? null,
    channelId: t.channelId ?? null,
    openerId: t.openerId,
    participantIds: t.participantIds ?? [],
    claimedById: t.claimedById ?? null,
    priority: (t.priority ?? 'normal') as TicketView['priority'],
    topic: t.topic ?? '',
    answers: (t.answers ?? []).map((a) => ({
      questionId: a.questionId,
      label: a.label,
      value: a.value ?? '',
    })),
    status: t.status as TicketView['status'],
    closeReason: t.closeReason ?? null,
    closedById: t.closedById ?? null,
    closeRequestPending: Boolean(t.closeRequest),
    openedAt: t.openedAt,
    closedAt: t.closedAt ?? null,
    firstStaffResponseAt: t.firstStaffResponseAt ?? null,
    lastActivityAt: t.lastActivityAt,
  };
}

export const auditTarget = z.object({
  type: z.enum(['ticket', 'guild', 'panel', 'category', 'blacklist', 'token', 'user']),
  id: z.string(),
  guildId: z.string().nullable().optional(),
  actorAlias: z.string().optional(),
});

/** Mutations return what they changed plus the audit target the audit middleware records. */
export const ticketMutationResult = z.object({ ticket: ticketView, audit: auditTarget });
