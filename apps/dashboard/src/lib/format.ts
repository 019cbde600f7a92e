// Numbers, dates and durations the way people read them (en-GB style dates, 24-hour clock).
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const shortDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

export function formatDate(date: Date | string | null | undefined): string {
  return date ? dateFormat.format(new Date(date)) : '—';
}

export function formatDateTime(date: Date | string | null | undefined): string {
  return date ? dateTimeFormat.format(new Date(date)) : '—';
}

/** "12 Nov" for a YYYY-MM-DD day (a UTC calendar day, as the router counts them). */
export function formatDay(day: string): string {
  return shortDay.format(new Date(`${day}T00:00:00Z`));
}

/** "3 min", "2 h 5 min", "4 d 3 h"; "—" when there is nothing to measure. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** "5 minutes ago", "yesterday", or a date for anything older than a week. */
export function formatRelative(date: Date | string | null | undefined, now = Date.now()): string {
  if (!date) return '—';
  const diff = (now - new Date(date).getTime()) / 1000;
  if (diff < 60) return 'just now';
  if (diff < 3600) return `${Math.floor(diff / 60)} min ago`;
  if (diff < 86_400) return `${Math.floor(diff / 3600)} h ago`;
  if (diff < 2 * 86_400) return 'yesterday';
  if (diff < 7 * 86_400) return `${Math.floor(diff / 86_400)} days ago`;
  return formatDate(date);
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat('en-GB').format(n);
}

/** The YYYY-MM-DD of a date in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export const PRIORITY_LABELS = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' } as const;
export const STATUS_LABELS: Record<string, string> = {
  opening: 'Opening',
  open: 'Open',
  closed: 'Closed',
  deleted: 'Channel deleted',
};
