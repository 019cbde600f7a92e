// Every model, registered with mongoose on import.
export * from './api-token.js';
export * from './audit-log.js';
export * from './blacklist.js';
export * from './daily-stats.js';
export * from './data-request.js';
export * from './guild.js';
export * from './lock.js';
export * from './oauth-account.js';
export * from './open-ticket-slot.js';
export * from './panel.js';
export * from './session.js';
export * from './ticket.js';
export * from './ticket-category.js';
export * from './transcript-message.js';
export * from './user.js';
