// Ticket channel names from the guild's or category's template, made valid for Discord.
export function ticketChannelName(
  template: string,
  vars: { number: number; username: string; category?: string },
) {
  const filled = template
    .replaceAll('{number}', String(vars.number).padStart(4, '0'))
    .replaceAll('{username}', vars.username)
    .replaceAll('{category}', vars.category ?? 'ticket');
  return sanitizeChannelName(filled) || `ticket-${String(vars.number).padStart(4, '0')}`;
}

/** Discord text channel names: lowercase, no spaces, at most 100 characters. */
export function sanitizeChannelName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, '-')
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 100);
}
