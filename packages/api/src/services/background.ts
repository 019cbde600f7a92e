// Side effects nobody waits for (log-channel entries, DMs): they run after the reply, so a busy log
// channel's rate limit never slows a member down. Failures are logged; shutdown and tests can wait
// for what is still running.
import type { Context } from '../context.js';

const pending = new Set<Promise<unknown>>();

export function inBackground(ctx: Context, event: string, work: () => Promise<unknown>): void {
  const running: Promise<unknown> = work()
    .catch((error: Error & { code?: string }) => {
      ctx.log.warn(event, { requestId: ctx.requestId, error: error?.name, code: error?.code });
    })
    .finally(() => pending.delete(running));
  pending.add(running);
}

/** Resolves once every background side effect started so far has finished. */
export async function settleBackgroundWork(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}
