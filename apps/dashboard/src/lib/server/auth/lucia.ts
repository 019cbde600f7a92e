// The Lucia instance: session lifetime and the one session cookie a logged-in browser holds.
import { Lucia, TimeSpan } from 'lucia';
import type { MongooseSessionAdapter, SessionAttributes, UserAttributes } from './adapter.js';

export const SESSION_COOKIE_NAME = '__Host-ticketbyte_session';
export const SESSION_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

export function createLucia(adapter: MongooseSessionAdapter) {
  return new Lucia<SessionAttributes, UserAttributes>(adapter, {
    sessionExpiresIn: new TimeSpan(7, 'd'),
    sessionCookie: {
      name: SESSION_COOKIE_NAME,
      expires: true,
      // __Host- requires Secure, Path=/ and no Domain; SameSite=Lax lets the OAuth redirect back in.
      attributes: { secure: true, sameSite: 'lax', path: '/' },
    },
    getSessionAttributes: (attributes) => attributes,
    getUserAttributes: (attributes) => attributes,
  });
}

export type AppLucia = ReturnType<typeof createLucia>;

declare module 'lucia' {
  interface Register {
    Lucia: AppLucia;
    DatabaseSessionAttributes: SessionAttributes;
    DatabaseUserAttributes: UserAttributes;
  }
}
