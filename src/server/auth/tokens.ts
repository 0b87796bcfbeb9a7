import { createHash, randomBytes } from 'node:crypto';

/** A new bearer token: 256 random bits, with a prefix that says what kind it is. */
export function newToken(kind: 'session' | 'api'): string {
  return `${kind === 'session' ? 'rss' : 'rsa'}_${randomBytes(32).toString('base64url')}`;
}

/** What the database keeps of a token: its SHA-256, so a leaked table grants nothing. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
