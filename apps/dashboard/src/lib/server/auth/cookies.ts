// The cookie jar the auth module writes through: SvelteKit's `Cookies` satisfies it, and tests pass a
// recording one. Every TicketByte cookie is host-only, Secure, HttpOnly and SameSite=Lax.
export interface CookieOptions {
  path: string;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'lax' | 'strict' | 'none';
  maxAge?: number;
}

export interface CookieJar {
  get(name: string): string | undefined;
  set(name: string, value: string, options: CookieOptions): void;
  delete(name: string, options: CookieOptions): void;
}

export const baseCookieOptions = { path: '/', httpOnly: true, secure: true, sameSite: 'lax' } as const;
