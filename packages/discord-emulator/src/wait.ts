// Waiting on emulator state without sleeping: re-check a condition on every state change.
import type { EmulatorState } from './state';

export interface WaitOptions {
  timeoutMs?: number;
  message?: string;
}

export class WaitTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WaitTimeoutError';
  }
}

/** Resolves with the first truthy value of `condition`, re-checked on each state change (and every 25 ms). */
export function waitForCondition<T>(
  state: EmulatorState,
  condition: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  opts: WaitOptions = {},
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let checking = false;
    let again = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(poll);
      unsubscribe();
      fn();
    };
    const check = async () => {
      if (done) return;
      if (checking) {
        again = true;
        return;
      }
      checking = true;
      try {
        do {
          again = false;
          const value = await condition();
          if (value) return finish(() => resolve(value as T));
        } while (again && !done);
      } catch (error) {
        finish(() => reject(error));
      } finally {
        checking = false;
      }
    };
    const unsubscribe = state.onChange(() => void check());
    const poll = setInterval(() => void check(), 25);
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(new WaitTimeoutError(opts.message ?? `Condition not met within ${timeoutMs} ms`)),
        ),
      timeoutMs,
    );
    void check();
  });
}
