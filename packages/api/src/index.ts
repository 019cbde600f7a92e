// @ticketbyte/api: the router, its context and actors, the Discord port and the services front-ends reuse.
export { type Actor, type ActorKind, actorAuditId } from './actor.js';
export { type Context, type ContextInput, createContext } from './context.js';
export { customId, parseCustomId, type CustomIdAction } from './discord/custom-ids.js';
export { createRestDiscordPort, type DiscordPort, isBackgroundRequest } from './discord/port.js';
export { type FieldError, fail, fieldErrorsOf, UserFacingError, userFacing } from './errors.js';
export { t, type Locale, LOCALES, type MessageKey } from './i18n/index.js';
export { defaultLogger, type Logger, memoryLogger } from './logger.js';
export { type AppRouter, appRouter, createCaller, type RouterInputs, type RouterOutputs } from './root.js';
export { actorForApiToken, createApiToken } from './services/api-tokens.js';
export { settleBackgroundWork } from './services/background.js';
export { DELETE_MY_DATA_CONFIRMATION, streamGuildExport, streamUserExport } from './routers/privacy.js';
export { EXPORT_SCHEMA_VERSION } from './services/privacy.js';
