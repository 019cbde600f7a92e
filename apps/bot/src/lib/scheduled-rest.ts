// The bot's REST client: @discordjs/rest with one admission step in front of its queues.
//
// Why: under a burst @discordjs/rest serves its per-bucket queues in turn against the global
// 50 requests/s, so a guild's ticket-channel creations went out about one a second behind hundreds
// of messages, and a route's first requests overshot its bucket before its hash was known (a 429
// costs about 2 s). Here every request waits in one place until the global window and its route's
// bucket both have room:
// - in arrival order, bucket by bucket; `background` requests (log-channel posts) go when nothing
//   else can, or once they have waited `BACKGROUND_AGING_MS`, so they never starve;
// - a bucket whose limits are not known yet gets one request in flight; the rest follow when its
//   headers say how many may;
// - interaction callbacks skip the step, since Discord exempts them from the global limit.
// @discordjs/rest still sends, retries 5xx, waits out any 429 that arrives anyway and builds the
// errors; its own global counter is switched off, because this one replaces it.
import {
  DefaultRestOptions,
  type InternalRequest,
  REST,
  type RESTOptions,
  type ResponseLike,
} from '@discordjs/rest';
import { isBackgroundRequest } from '@ticketbyte/api';

/** How long a background request may be passed over before it is served in arrival order. */
export const BACKGROUND_AGING_MS = 5_000;
/** Expired bucket records are dropped once there are more than this many (bounded memory)… */
const MAX_IDLE_BUCKETS = 5_000;
/** …looking at most this often, so a bot busy in many channels does not scan them on every request. */
const BUCKET_SWEEP_INTERVAL_MS = 10_000;

export type RequestPriority = 'normal' | 'background';

interface Waiting {
  request: InternalRequest;
  queuedAt: number;
  admit: () => void;
  reject: (error: unknown) => void;
}

/** What this process knows about one route bucket (method + route + major parameter). */
interface Bucket {
  /** Null until a response has carried the bucket's headers. */
  limit: number | null;
  remaining: number;
  resetAt: number;
  inFlight: number;
}

/** Discord scopes a route's bucket by its major parameter: the channel, guild or webhook. */
export function bucketKey(method: string, fullRoute: string): string {
  const major = /^\/(?:channels|guilds)\/(\d{17,20})|^\/webhooks\/(\d{17,20}\/[^/?]+)/.exec(fullRoute);
  const route = fullRoute
    .replace(/\/webhooks\/\d{17,20}\/[^/?]+/, '/webhooks/:id/:token')
    .replace(/\d{17,20}/g, ':id')
    .replace(/\/reactions\/.*/, '/reactions/:reaction');
  return `${method} ${route} ${major?.[1] ?? major?.[2] ?? 'global'}`;
}

function isInteractionCallback(route: string): boolean {
  return /\/interactions\/[^/]+\/[^/]+\/callback$/.test(route);
}

/**
 * The last line of the global limit, at the moment of sending. Admission counts in whole windows,
 * and a request admitted late in one can leave in the next (it may wait behind its bucket inside
 * @discordjs/rest); Discord would answer a global 429, which stalls every request for a second.
 * Here a request may leave only `windowMs` after the request `limit` places before it was
 * *answered*: Discord counts a request between its sending and its answer, so however the network
 * delays them, no window of a second on Discord's side sees more than `limit`. The window is a
 * second plus the rate-limit offset.
 */
export class SendPacer {
  /** The last `limit` requests sent, oldest first, with when each was answered (null: not yet). */
  private readonly recent: Array<{ answeredAt: number | null }> = [];
  private readonly waiters: Array<(answered: () => void) => void> = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Resolves when a request may be sent; call the function it gives when it has been answered. */
  slot(): Promise<() => void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.release();
    });
  }

  private release() {
    while (this.waiters.length > 0) {
      if (this.recent.length >= this.limit) {
        const { answeredAt } = this.recent[0]!;
        if (answeredAt === null) return; // its answer calls release()
        const freeAt = answeredAt + this.windowMs;
        const now = Date.now();
        if (now < freeAt) {
          if (!this.timer) {
            this.timer = setTimeout(() => {
              this.timer = null;
              this.release();
            }, freeAt - now);
            this.timer.unref();
          }
          return;
        }
        this.recent.shift();
      }
      const record: { answeredAt: number | null } = { answeredAt: null };
      this.recent.push(record);
      this.waiters.shift()!(() => {
        record.answeredAt ??= Date.now();
        this.release();
      });
    }
  }
}

function priorityOf(request: InternalRequest): RequestPriority {
  return isBackgroundRequest(request) ? 'background' : 'normal';
}

export class ScheduledRest extends REST {
  private readonly perSecond: number;
  private readonly buckets = new Map<string, Bucket>();
  /** Waiting requests by bucket, per priority; a Map keeps buckets in the order they began waiting. */
  private readonly queues: Record<RequestPriority, Map<string, Waiting[]>> = {
    normal: new Map(),
    background: new Map(),
  };
  private windowEndsAt = 0;
  private windowLeft = 0;
  private pumpQueued = false;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Number.POSITIVE_INFINITY;
  private sweptAt = 0;

  constructor(options: Partial<RESTOptions> = {}) {
    const perSecond = options.globalRequestsPerSecond ?? DefaultRestOptions.globalRequestsPerSecond;
    const offset = typeof options.offset === 'number' ? options.offset : DefaultRestOptions.offset;
    const pacer = new SendPacer(perSecond, 1000 + Math.max(0, Number(offset)));
    const send = options.makeRequest ?? DefaultRestOptions.makeRequest;
    super({
      ...options,
      // The global limit is kept here, not by @discordjs/rest's counter, which would double-count.
      globalRequestsPerSecond: Number.POSITIVE_INFINITY,
      makeRequest: async (url, init) => {
        if (isInteractionCallback(new URL(url).pathname)) return send(url, init);
        const answered = await pacer.slot();
        try {
          return await send(url, init);
        } finally {
          answered();
        }
      },
    });
    this.perSecond = perSecond;
  }

  override async queueRequest(request: InternalRequest): Promise<ResponseLike> {
    if (isInteractionCallback(request.fullRoute)) return super.queueRequest(request);
    const key = bucketKey(request.method, request.fullRoute);
    await this.admission(key, request);
    const bucket = this.bucket(key);
    try {
      const response = await super.queueRequest(request);
      this.learn(bucket, response, request.fullRoute);
      return response;
    } finally {
      bucket.inFlight--;
      this.schedulePump();
    }
  }

  private admission(key: string, request: InternalRequest): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const priority = priorityOf(request);
      const entry: Waiting = { request, queuedAt: Date.now(), admit: resolve, reject };
      const queue = this.queues[priority];
      const list = queue.get(key);
      if (list) list.push(entry);
      else queue.set(key, [entry]);
      const { signal } = request;
      if (signal) {
        if (signal.aborted) {
          this.drop(priority, key, entry, signal.reason);
          return;
        }
        signal.addEventListener('abort', () => this.drop(priority, key, entry, signal.reason), {
          once: true,
        });
      }
      this.schedulePump();
    });
  }

  private drop(priority: RequestPriority, key: string, entry: Waiting, reason: unknown) {
    const list = this.queues[priority].get(key);
    const at = list?.indexOf(entry) ?? -1;
    if (!list || at < 0) return; // already admitted: @discordjs/rest handles the abort from here
    list.splice(at, 1);
    if (list.length === 0) this.queues[priority].delete(key);
    entry.reject(reason ?? new DOMException('This operation was aborted', 'AbortError'));
  }

  /** One pass per tick, so requests queued together are admitted by priority, not by call order. */
  private schedulePump() {
    if (this.pumpQueued) return;
    this.pumpQueued = true;
    queueMicrotask(() => {
      this.pumpQueued = false;
      this.pump();
    });
  }

  private pump() {
    const now = Date.now();
    if (now >= this.windowEndsAt) {
      this.windowLeft = this.perSecond;
      this.windowEndsAt = Number.POSITIVE_INFINITY; // opens with the first request admitted
    }
    let wakeAt = Number.POSITIVE_INFINITY;
    const background = this.queues.background;
    const oldestBackground = background.values().next().value?.[0]?.queuedAt ?? now;
    const order: RequestPriority[] =
      now - oldestBackground >= BACKGROUND_AGING_MS ? ['background', 'normal'] : ['normal', 'background'];
    for (const priority of order) {
      const queue = this.queues[priority];
      for (const [key, list] of queue) {
        const bucket = this.bucket(key);
        // A new window; requests admitted in the last one and not yet answered may land in it.
        if (bucket.limit !== null && now >= bucket.resetAt) bucket.remaining = bucket.limit - bucket.inFlight;
        while (list.length > 0 && this.windowLeft > 0) {
          const open = bucket.limit === null ? bucket.inFlight === 0 : bucket.remaining > 0;
          if (!open) break;
          if (this.windowEndsAt === Number.POSITIVE_INFINITY) {
            this.windowEndsAt = now + 1000 + this.offsetFor(list[0]!.request.fullRoute);
          }
          this.windowLeft--;
          bucket.remaining--;
          bucket.inFlight++;
          list.shift()!.admit();
        }
        if (list.length === 0) queue.delete(key);
        else if (bucket.limit !== null && bucket.remaining <= 0) wakeAt = Math.min(wakeAt, bucket.resetAt);
      }
    }
    const anyWaiting = this.queues.normal.size > 0 || this.queues.background.size > 0;
    if (this.windowLeft <= 0 && anyWaiting) wakeAt = Math.min(wakeAt, this.windowEndsAt);
    if (this.buckets.size > MAX_IDLE_BUCKETS && now - this.sweptAt >= BUCKET_SWEEP_INTERVAL_MS) {
      this.sweptAt = now;
      this.forgetIdleBuckets(now);
    }
    this.wakeAt(wakeAt);
  }

  /** Bucket state from a response's headers, less the requests admitted since that are still out. */
  private learn(bucket: Bucket, response: ResponseLike, route: string) {
    const limit = Number(response.headers.get('X-RateLimit-Limit'));
    const remaining = Number(response.headers.get('X-RateLimit-Remaining'));
    const resetAfter = Number(response.headers.get('X-RateLimit-Reset-After'));
    if (!(limit > 0) || !Number.isFinite(remaining) || !Number.isFinite(resetAfter)) {
      // No headers (a route without a limit): one at a time is the safe guess until some arrive.
      bucket.limit ??= 1;
      return;
    }
    bucket.limit = limit;
    bucket.remaining = remaining - (bucket.inFlight - 1);
    bucket.resetAt = Date.now() + resetAfter * 1000 + this.offsetFor(route);
  }

  private bucket(key: string): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = { limit: null, remaining: 1, resetAt: 0, inFlight: 0 };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  private forgetIdleBuckets(now: number) {
    for (const [key, bucket] of this.buckets) {
      const waiting = this.queues.normal.has(key) || this.queues.background.has(key);
      if (bucket.inFlight === 0 && now >= bucket.resetAt && !waiting) this.buckets.delete(key);
    }
  }

  private offsetFor(route: string): number {
    const { offset } = this.options;
    return Math.max(0, typeof offset === 'number' ? offset : offset(route));
  }

  private wakeAt(at: number) {
    if (at === Number.POSITIVE_INFINITY || (this.timer && at >= this.timerAt)) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.timerAt = Number.POSITIVE_INFINITY;
        this.pump();
      },
      Math.max(0, at - Date.now()),
    );
    this.timer.unref();
  }
}
