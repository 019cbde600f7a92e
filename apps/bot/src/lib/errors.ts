// Turns whatever a handler threw into the text a member reads, in the guild's language, always with
// the request id that the log line carries, so a report from a member can be found in the logs.
import { type Logger, t, userFacing } from '@ticketbyte/api';
import { TRPCError } from '@trpc/server';
import { bt } from '../i18n/index.js';

export interface DescribedError {
  text: string;
  /** Expected refusals (rules, permissions) vs. something that went wrong. */
  expected: boolean;
  code: string;
  key?: string;
}

export function describeError(error: unknown, locale: string, requestId: string): DescribedError {
  const reference = bt(locale, 'reply.reference', { requestId });
  const known = userFacing(error);
  const code = error instanceof TRPCError ? error.code : 'BOT_ERROR';
  if (known) {
    const text = t(locale, known.key, known.params);
    return {
      text: text.includes(requestId) ? text : `${text}\n-# ${reference}`,
      expected: known.key !== 'error.internal',
      code,
      key: known.key,
    };
  }
  if (error instanceof TRPCError) {
    const cause = error.cause as { issues?: Array<{ path: PropertyKey[]; message: string }> } | undefined;
    if (error.code === 'BAD_REQUEST' && Array.isArray(cause?.issues)) {
      const details = cause.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
      return {
        text: `${t(locale, 'error.invalidInput', { details })}\n-# ${reference}`,
        expected: true,
        code,
      };
    }
    const byCode: Partial<Record<TRPCError['code'], Parameters<typeof t>[1]>> = {
      FORBIDDEN: 'error.forbidden',
      UNAUTHORIZED: 'error.forbidden',
      NOT_FOUND: 'error.ticketNotFound',
      TOO_MANY_REQUESTS: 'error.tooManyRequests',
      SERVICE_UNAVAILABLE: 'error.discordUnavailable',
    };
    const key = byCode[error.code];
    if (key) return { text: `${t(locale, key)}\n-# ${reference}`, expected: true, code, key };
    if (error.code !== 'INTERNAL_SERVER_ERROR') {
      // Procedures' own English messages (e.g. CONFLICT "still being opened") are written for people.
      return { text: `${error.message}\n-# ${reference}`, expected: true, code };
    }
  }
  return { text: t(locale, 'error.internal', { requestId }), expected: false, code };
}

/** Logs a failure with ids and codes only — never what anyone typed. */
export function logFailure(
  log: Logger,
  event: string,
  requestId: string,
  described: DescribedError,
  error: unknown,
  fields: Record<string, unknown> = {},
): void {
  const base = { requestId, code: described.code, key: described.key, ...fields };
  if (described.expected) log.info(event, { ...base, outcome: 'refused' });
  else
    log.error(event, {
      ...base,
      outcome: 'failed',
      error: (error as Error)?.name,
      // discord.js / REST errors carry an HTTP status and a Discord code, never user content.
      status: (error as { status?: number })?.status,
      discordCode: (error as { code?: unknown })?.code,
      stack: (error as Error)?.stack?.split('\n').slice(1, 4).join(' | '),
    });
}
