// Errors callers show to people. A TRPCError whose cause is a UserFacingError carries a catalog key,
// so the bot can say it in the guild's language and the dashboard can show it as is.
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { type MessageKey, t } from './i18n/index.js';

export class UserFacingError extends Error {
  override name = 'UserFacingError';
  constructor(
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(t('en', key, params));
  }
}

/** Throws a TRPCError with `code` whose message is the English text of `key`. */
export function fail(
  code: TRPC_ERROR_CODE_KEY,
  key: MessageKey,
  params?: Record<string, string | number>,
): never {
  const cause = new UserFacingError(key, params);
  throw new TRPCError({ code, message: cause.message, cause });
}

/** The catalog key and parameters behind an error, when it has them. */
export function userFacing(error: unknown): UserFacingError | undefined {
  if (error instanceof UserFacingError) return error;
  if (error instanceof TRPCError && error.cause instanceof UserFacingError) return error.cause;
  return undefined;
}
