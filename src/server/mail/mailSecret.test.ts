import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateKeyFile, openBody, parseMailKey, sealBody, useMailKey } from './mailSecret';

describe('mail bodies at rest', () => {
  test('sealed bodies are not the text, differ each time, and open again with the key', () => {
    useMailKey(randomBytes(32));
    const text = 'パスワード: Secret-pass-1';
    const a = sealBody(text);
    expect(a).toMatch(/^enc:v1:/);
    expect(a).not.toContain('Secret-pass-1');
    expect(sealBody(text)).not.toBe(a);
    expect(openBody(a)).toBe(text);
    expect(openBody('plain, from before encryption')).toBe('plain, from before encryption');
  });

  test('another key cannot open a body, and says what to do', () => {
    useMailKey(randomBytes(32));
    const sealed = sealBody('x');
    useMailKey(randomBytes(32));
    expect(() => openBody(sealed)).toThrow(/same MAIL_SECRET_KEY/);
  });

  test('MAIL_SECRET_KEY is 32 bytes in hex or base64; anything else is refused', () => {
    const k = randomBytes(32);
    expect(parseMailKey(k.toString('hex'))).toEqual(k);
    expect(parseMailKey(k.toString('base64'))).toEqual(k);
    expect(() => parseMailKey('short')).toThrow(/32 bytes/);
  });

  test('the key file is made once, mode 0600, and read back after', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'roster-key-'));
    try {
      const file = join(dir, 'data', 'mail-secret.key');
      const made = await loadOrCreateKeyFile(file);
      expect(made.created).toBe(true);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const again = await loadOrCreateKeyFile(file);
      expect(again).toEqual({ key: made.key, created: false });
      expect(parseMailKey(await readFile(file, 'utf8'))).toEqual(made.key);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
