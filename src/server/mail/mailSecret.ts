import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Mail bodies wait in the outbox encrypted: they hold registration URLs and passwords, and a
 * database (PGlite's files, a backup) must not. AES-256-GCM from node:crypto, a fresh 96-bit
 * IV per body (NIST SP 800-38D's recommended IV length), the 128-bit tag kept with it.
 */
const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

// One key per process, set at start from MAIL_SECRET_KEY or the key file; a process that
// never sets one (tests, a command) uses a random key, which is right for mail it also sends.
let key: Buffer = randomBytes(32);

/** Uses this key from now on (32 bytes). */
export function useMailKey(k: Buffer): void {
  if (k.length !== 32) throw new Error('The mail key must be 32 bytes.');
  key = k;
}

/** Reads MAIL_SECRET_KEY: 32 bytes as 64 hex digits or as base64. */
export function parseMailKey(text: string): Buffer {
  const t = text.trim();
  const k = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  if (k.length !== 32) {
    throw new Error(
      'MAIL_SECRET_KEY must be 32 bytes: 64 hex digits, or 44 base64 characters (openssl rand -base64 32).',
    );
  }
  return k;
}

/**
 * The key in `file`, made (32 random bytes, mode 0600) when there is none yet. Returns
 * whether it was made now.
 */
export async function loadOrCreateKeyFile(file: string): Promise<{ key: Buffer; created: boolean }> {
  try {
    return { key: parseMailKey(await readFile(file, 'utf8')), created: false };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await mkdir(dirname(file), { recursive: true });
  const k = randomBytes(32);
  await writeFile(file, `${k.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  await chmod(file, 0o600);
  return { key: k, created: true };
}

/** The body as the outbox stores it. */
export function sealBody(text: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
}

/** The body to send; throws when it was sealed with another key (a server with another key). */
export function openBody(stored: string): string {
  // Bodies queued before encryption existed are plain text.
  if (!stored.startsWith(PREFIX)) return stored;
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new Error('This mail was encrypted with another key: give every server the same MAIL_SECRET_KEY.');
  }
}
