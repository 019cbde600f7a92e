// How server code reaches the router: in process, as the signed-in person. The router decides every
// rule; this module only translates its answers into SvelteKit's (404 page, login redirect, form
// failure with field errors).
import { createCaller, createContext, type FieldError, fieldErrorsOf, userFacing } from '@ticketbyte/api';
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { discordPort } from './discord';

export type Caller = ReturnType<typeof createCaller>;

export type RouterContext = ReturnType<typeof createContext>;

/**
 * The router's context for the signed-in person of this request (for the export streams, which the
 * router hands out as functions rather than procedures); anonymous visitors go to the login first.
 */
export function routerContext(event: Pick<RequestEvent, 'locals' | 'url'>): RouterContext {
  const { user, session } = event.locals;
  if (!user || !session)
    redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  return createContext({
    actor: { kind: 'user', userId: user.id, sessionId: session.id },
    discord: discordPort(),
  });
}

/** The router as the signed-in person of this request; anonymous visitors go to the login first. */
export function api(event: Pick<RequestEvent, 'locals' | 'url'>): Caller {
  return createCaller(routerContext(event));
}

export type { FieldError };

/** What a form shows after a refused write: one sentence, and messages beside the fields at fault. */
export interface FormFailure {
  message: string;
  fieldErrors: Record<string, string>;
  /** Which form on the page failed (pages have several). */
  form?: string;
}

function codeOf(cause: unknown): TRPCError['code'] | null {
  return cause instanceof TRPCError ? cause.code : null;
}

// Field errors come from the router's own definition (the same its errorFormatter sends over HTTP).
export { fieldErrorsOf };

/** The sentence to show a person for a refused call (the router's own words when it has them). */
export function messageOf(cause: unknown): string {
  const friendly = userFacing(cause);
  if (friendly) return friendly.message;
  if (cause instanceof TRPCError) {
    if (fieldErrorsOf(cause).length > 0) return 'Some fields need another look.';
    if (cause.code === 'INTERNAL_SERVER_ERROR')
      return 'Something went wrong on our side. Please try again in a moment.';
    return cause.message;
  }
  return 'Something went wrong on our side. Please try again in a moment.';
}

/**
 * For loads: anything the person may not see is a plain 404 page (never data, never a hint that it
 * exists); a lost session goes to the login; other failures are an error page in words for people.
 */
export function failLoad(cause: unknown, event: Pick<RequestEvent, 'url'>): never {
  const code = codeOf(cause);
  if (code === 'NOT_FOUND' || code === 'FORBIDDEN') error(404, 'Not found');
  if (code === 'UNAUTHORIZED')
    redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  if (code === 'TOO_MANY_REQUESTS') error(429, 'Too many requests. Please wait a moment and try again.');
  if (code === null) throw cause;
  error(code === 'INTERNAL_SERVER_ERROR' ? 500 : 400, messageOf(cause));
}

/** Runs a load's router calls; refusals become the 404 page, a login redirect or an error page. */
export async function loadOrFail<T>(event: Pick<RequestEvent, 'url'>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (cause) {
    failLoad(cause, event);
  }
}

/** For form actions: a refused write is shown beside the form (400/409/412), a forbidden one is 404. */
export function failAction(cause: unknown, form?: string) {
  const code = codeOf(cause);
  if (code === null) throw cause;
  if (code === 'NOT_FOUND' && !userFacing(cause)) error(404, 'Not found');
  if (code === 'FORBIDDEN') error(404, 'Not found');
  const fieldErrors: Record<string, string> = {};
  for (const f of fieldErrorsOf(cause)) fieldErrors[f.path || 'form'] ??= f.message;
  const status =
    code === 'CONFLICT'
      ? 409
      : code === 'PRECONDITION_FAILED'
        ? 412
        : code === 'TOO_MANY_REQUESTS'
          ? 429
          : code === 'INTERNAL_SERVER_ERROR'
            ? 500
            : 400;
  return fail(status, { message: messageOf(cause), fieldErrors, form } satisfies FormFailure);
}

/** Runs an action's router call; refusals come back to the form. */
export async function act<T>(form: string | undefined, run: () => Promise<T>) {
  try {
    return { ok: true as const, value: await run() };
  } catch (cause) {
    return { ok: false as const, failure: failAction(cause, form) };
  }
}
