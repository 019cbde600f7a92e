// The periodic sweeps: auto-close every interval, and the privacy retention sweep (expired
// transcripts and sessions, guilds past their grace period) every RETENTION_INTERVAL_MS. The timer only says "look now": which tickets to warn or close is
// in the database (last activity, warning time), so a restart loses nothing, and the router's
// conditional updates make a sweep safe to run in several processes at once.
import { type BotDeps, SYSTEM } from './deps.js';

const RETENTION_INTERVAL_MS = 10 * 60_000;

export class AutoCloseScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | null = null;
  private lastRetentionSweep = 0;

  constructor(
    private readonly deps: BotDeps,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
    void this.sweep();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Runs one sweep (or joins the one in progress). */
  sweep(): Promise<{ warned: number; closed: number } | null> {
    if (this.running) return this.running as Promise<{ warned: number; closed: number } | null>;
    const run = this.deps.inflight.track(
      this.deps
        .caller(SYSTEM)
        .ticket.autoCloseSweep()
        .then(async (result) => {
          if (result.warned || result.closed) this.deps.log.info('bot.autoClose.swept', result);
          if (Date.now() - this.lastRetentionSweep >= RETENTION_INTERVAL_MS) {
            this.lastRetentionSweep = Date.now();
            const retention = await this.deps.caller(SYSTEM).privacy.sweep();
            if (retention.transcriptMessages || retention.sessions || retention.guildsDeleted) {
              this.deps.log.info('bot.retention.swept', retention);
            }
          }
          return result;
        })
        .catch((error) => {
          this.deps.log.error('bot.autoClose.failed', { error: (error as Error)?.name });
          return null;
        })
        .finally(() => {
          this.running = null;
        }),
    );
    this.running = run;
    return run;
  }
}
