// @ticketbyte/discord-emulator: a local Discord (REST, gateway, OAuth2, control API, sandbox) for tests and demo.
export {
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type EmulatorStats,
  type RestExchange,
} from './server';
export {
  assertConformingTraffic,
  formatInvalidRequests,
  type InvalidRequest,
  type OperationUse,
  type TrafficReport,
  type ValidationMode,
} from './openapi/traffic';
export {
  formatMergedReport,
  mergeTrafficReports,
  OPENAPI_REPORT_ENV,
  writeTrafficReport,
  type MergedTrafficReport,
} from './openapi/report-file';
export { defaultSpecPath, OPENAPI_PATH_ENV, specAvailable } from './openapi/spec';
export {
  demoSeed,
  DEMO,
  parseSeed,
  SeedSchema,
  type Seed,
  type ParsedSeed,
  DEFAULT_APPLICATION_FLAGS,
  DEFAULT_EVERYONE_PERMISSIONS,
  TICKETBYTE_BOT_PERMISSIONS,
  SUPPORT_ROLE_PERMISSIONS,
} from './seed';
export { Actions, Inspect, type SeedInfo, type SendMessageInput } from './control';
export {
  InteractionHandle,
  type InteractionResponseView,
  type ModalView,
  type SlashCommandInput,
  type ButtonInput,
  type SelectInput,
  type ModalInput,
  type OptionValue,
} from './interactions';
export type { Fault, FaultSpec, RateLimitMode } from './ratelimit';
export { GLOBAL_LIMIT_PER_SECOND } from './ratelimit';
export { WaitTimeoutError, type WaitOptions } from './wait';
export { DiscordApiError } from './errors';
export { ALL_PERMISSIONS, basePermissions, channelPermissions, permissionNames } from './permissions';
export { nextSnowflake } from './snowflake';
export { checkIntents, KNOWN_INTENTS, PRIVILEGED_INTENTS } from './gateway-intents';
export type { EmulatorState } from './state';
