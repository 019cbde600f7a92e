// The ticket list's filters as they sit in the URL (so a filtered list can be bookmarked and works
// without JavaScript) and as ticket.list takes them. Checking them is the router's job.
import type { RouterInputs } from '@ticketbyte/api';

export type TicketListInput = RouterInputs['ticket']['list'];

export interface TicketFilters {
  status: string;
  categoryId: string;
  openerId: string;
  claimedById: string;
  priority: string;
  from: string;
  to: string;
  search: string;
}

export const FILTER_KEYS = [
  'status',
  'categoryId',
  'openerId',
  'claimedById',
  'priority',
  'from',
  'to',
  'search',
] as const;

export function filtersFrom(params: URLSearchParams): TicketFilters {
  const f = Object.fromEntries(FILTER_KEYS.map((k) => [k, (params.get(k) ?? '').trim()]));
  return f as unknown as TicketFilters;
}

function dayStart(day: string): Date | string {
  const d = new Date(`${day}T00:00:00.000Z`);
  return Number.isNaN(d.getTime()) ? day : d;
}

function dayEnd(day: string): Date | string {
  const d = new Date(`${day}T23:59:59.999Z`);
  return Number.isNaN(d.getTime()) ? day : d;
}

/** The router's input for these filters; values it would refuse are passed on for it to refuse. */
export function listInput(guildId: string, f: TicketFilters, cursor?: number): TicketListInput {
  const input: Record<string, unknown> = { guildId, limit: 25 };
  if (f.status && f.status !== 'all') input.status = f.status;
  if (f.categoryId) input.categoryId = f.categoryId;
  if (f.openerId) input.openerId = f.openerId;
  if (f.claimedById) input.claimedById = f.claimedById;
  if (f.priority) input.priority = f.priority;
  if (f.from) input.from = dayStart(f.from);
  if (f.to) input.to = dayEnd(f.to);
  if (f.search) input.search = f.search;
  if (cursor) input.cursor = cursor;
  return input as TicketListInput;
}

export function activeFilterCount(f: TicketFilters): number {
  return FILTER_KEYS.filter((k) => f[k] && !(k === 'status' && f[k] === 'all')).length;
}
