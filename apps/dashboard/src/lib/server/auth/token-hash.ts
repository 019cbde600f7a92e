// Session tokens are stored only as their SHA-256 hash, so a database dump cannot be replayed as a login.
import { createHash } from 'node:crypto';

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
