// tRPC set-up and the procedure builders. Authorization is declared where a procedure is defined:
// `guildProcedure({ level: 'staff', scope: 'tickets:write' })` reads as "staff of the guild, or a
// token with tickets:write for it". Every successful mutation is written to the audit log here.
import { AuditLog, type ApiTokenScope, type GuildSettings } from '@ticketbyte/db';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z } from 'zod';
import { actorAuditId } from './actor.js';
import type { Context } from './context.js';
import { fail, fieldErrorsOf, UserFacingError, userFacing } from './errors.js';
import { t as translate } from './i18n/index.js';
import {
  type AccessLevel,
  accessLevel,
  hasAccess,
  type MemberStanding,
  memberStanding,
} from './services/access.js';
import { guildSnapshot } from './services/guild-snapshot.js';

export const snowflake = z.string().regex(/^\d{15,22}$/, 'must be a Discord id');

/** Per-procedure settings: `audit: false` for high-frequency event reports that change no setting. */
export interface ProcedureMeta {
  audit?: boolean;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const found = fieldErrorsOf(error);
      const fieldErrors = found.length > 0 ? found : undefined;
      const message = userFacing(error);
      return {
        ...shape,
        message: fieldErrors
          ? translate('en', 'error.invalidInput', {
              details: fieldErrors.map((f) => `${f.path || 'input'}: ${f.message}`).join('; '),
            })
          : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          fieldErrors,
          userMessage: message ? { key: message.key, params: message.params } : undefined,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/** Removes quoted values from an error message so user input never reaches the logs. */
function scrub(message: string): string {
  return message.replace(/"[^"]*"|'[^']*'/g, '"…"').slice(0, 300);
}

const observed = t.middleware(async ({ ctx, path, type, meta, next, getRawInput }) => {
  const result = await next();
  if (!result.ok) {
    const error = result.error;
    if (error.code === 'INTERNAL_SERVER_ERROR' && !userFacing(error)) {
      const cause = error.cause ?? error;
      ctx.log.error('procedure.failed', {
        requestId: ctx.requestId,
        path,
        error: cause.name,
        cause: scrub(cause.message),
        stack: cause.stack?.split('\n').slice(1, 4).join(' | '),
      });
      const friendly = new UserFacingError('error.internal', { requestId: ctx.requestId });
      throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: friendly.message, cause: friendly });
    }
    return result;
  }
  if (type === 'mutation' && ctx.actor.kind !== 'anonymous' && meta?.audit !== false) {
    const raw = ((await getRawInput().catch(() => undefined)) ?? {}) as Record<string, unknown>;
    const audit = (result.data as { audit?: AuditTarget } | undefined)?.audit;
    await AuditLog.create({
      guildId:
        audit?.guildId !== undefined ? audit.guildId : typeof raw.guildId === 'string' ? raw.guildId : null,
      actorId: audit?.actorAlias ?? actorAuditId(ctx.actor),
      actorKind: ctx.actor.kind === 'user' ? 'user' : ctx.actor.kind,
      action: path,
      targetType: audit?.type ?? null,
      targetId: audit?.id ?? null,
      // Which fields were sent, never their values (they can hold what people typed).
      details: { fields: Object.keys(raw).filter((k) => k !== 'guildId') },
    });
  }
  return result;
});

/** What a mutation changed, for its audit entry (returned as `audit` beside the result). */
export interface AuditTarget {
  type: 'ticket' | 'guild' | 'panel' | 'category' | 'blacklist' | 'token' | 'user';
  id: string;
  /** Overrides the guild the entry is filed under (null: none, e.g. after that guild's data was deleted). */
  guildId?: string | null;
  /** Names the actor by a pseudonym (after they deleted their own data). */
  actorAlias?: string;
}

export const publicProcedure = t.procedure.use(observed);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.actor.kind === 'anonymous')
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first.' });
  return next({ ctx: { actor: ctx.actor } });
});

export interface GuildRule {
  /** The least standing a person needs in the guild. */
  level: Exclude<AccessLevel, 'none'>;
  /** The scope an API token needs; without one, tokens may not call the procedure. */
  scope?: ApiTokenScope;
}

export interface GuildContext {
  guildId: string;
  settings: GuildSettings | null;
  /** The caller's standing; tokens and the system act above people and carry 'admin'. */
  level: AccessLevel;
  standing: MemberStanding | null;
}

/**
 * Resolves the caller's standing in `guildId` and enforces `rule`. Someone who is not in the guild
 * (or a token not made for it) gets NOT_FOUND, so guild ids cannot be probed.
 */
export async function authorizeGuild(ctx: Context, guildId: string, rule: GuildRule): Promise<GuildContext> {
  const actor = ctx.actor;
  const { settings } = await guildSnapshot(guildId);
  if (actor.kind === 'anonymous') throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first.' });
  if (actor.kind === 'system') return { guildId, settings, level: 'admin', standing: null };
  if (actor.kind === 'api-token') {
    if (actor.guildIds.length > 0 && !actor.guildIds.includes(guildId))
      fail('NOT_FOUND', 'error.ticketNotFound');
    if (!rule.scope || !actor.scopes.includes(rule.scope)) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: rule.scope
          ? `This token lacks the ${rule.scope} scope.`
          : 'API tokens cannot call this procedure.',
      });
    }
    return { guildId, settings, level: 'admin', standing: null };
  }
  const standing = await memberStanding(actor, guildId, ctx.discord);
  const level = accessLevel(standing, settings);
  if (level === 'none') throw new TRPCError({ code: 'NOT_FOUND', message: 'No such server.' });
  if (!hasAccess(level, rule.level)) {
    fail('FORBIDDEN', rule.level === 'admin' ? 'error.notAdmin' : 'error.notStaff');
  }
  return { guildId, settings, level, standing };
}

export function guildProcedure(rule: GuildRule) {
  return authedProcedure.input(z.object({ guildId: snowflake })).use(async ({ ctx, input, next }) => {
    const guild = await authorizeGuild(ctx, input.guildId, rule);
    return next({ ctx: { guild } });
  });
}

/** Procedures only a signed-in dashboard user may call (their own account, the server picker). */
export const userProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.actor.kind !== 'user')
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only for signed-in people.' });
  return next({ ctx: { actor: ctx.actor } });
});

/** Procedures only TicketByte itself runs (sweeps, gateway events). */
export const systemProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.actor.kind !== 'system') throw new TRPCError({ code: 'FORBIDDEN', message: 'Internal procedure.' });
  return next();
});
