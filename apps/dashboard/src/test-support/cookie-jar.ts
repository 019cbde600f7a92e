// A browser-like cookie jar for tests: keeps what the auth module sets, records every Set-Cookie.
import type { CookieJar, CookieOptions } from '$lib/server/auth';

export interface SetCookieRecord {
  name: string;
  value: string;
  options: CookieOptions;
  deleted: boolean;
}

export class RecordingCookieJar implements CookieJar {
  readonly values = new Map<string, string>();
  readonly log: SetCookieRecord[] = [];

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  set(name: string, value: string, options: CookieOptions): void {
    this.log.push({ name, value, options, deleted: false });
    if (options.maxAge === 0) this.values.delete(name);
    else this.values.set(name, value);
  }

  delete(name: string, options: CookieOptions): void {
    this.log.push({ name, value: '', options, deleted: true });
    this.values.delete(name);
  }

  lastSet(name: string): SetCookieRecord | undefined {
    return this.log.filter((r) => r.name === name).at(-1);
  }
}
