// Errors callers show to people. A TRPCError whose cause is a UserFacingError carries a catalog key,
// so the bot can say it in the guild's language and the dashboard can show it as is.
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
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

export interface FieldError {
  /** Dotted path of the input field, e.g. `questions.0.label`; empty for the whole input. */
  path: string;
  message: string;
}

/** The per-field problems behind a validation failure (empty when the error is not one). */
export function fieldErrorsOf(error: unknown): FieldError[] {
  const zod = error instanceof TRPCError ? error.cause : error;
  if (!(zod instanceof ZodError)) return [];
  return zod.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}
