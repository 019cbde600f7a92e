// Types SvelteKit needs from this app: what hooks put in `event.locals`.
import type { AuthSession, AuthUser } from '$lib/server/auth';

declare global {
  namespace App {
    interface Locals {
      user: AuthUser | null;
      session: AuthSession | null;
    }
    interface Error {
      message: string;
    }
  }
}
