import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CpuPool } from './CpuPool';

// Strings zxcvbn takes over a second to score on the main thread at the 128-character cap.
const SLOW = Array.from({ length: 128 }, (_, i) => String.fromCharCode(33 + ((i * 7) % 90))).join('');

describe('CpuPool', () => {
  let pool: CpuPool;
  afterEach(() => pool.close());

  test('scores passwords and hashes in worker threads with the same results as the tasks', async () => {
    pool = new CpuPool({ size: 1 });
    const weak = await pool.run({ kind: 'strength', password: 'password', userInputs: [], locale: 'ja' });
    expect(weak).toMatchObject({ score: 0, label: 'とても弱い' });
    const hash = await pool.run({ kind: 'hash', password: 'Correct-horse-9' });
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await pool.run({ kind: 'verify', hash, password: 'Correct-horse-9' })).toBe(true);
    expect(await pool.run({ kind: 'verify', hash, password: 'wrong' })).toBe(false);
  });

  test('slow scoring does not block the event loop', async () => {
    pool = new CpuPool({ size: 1 });
    await pool.run({ kind: 'strength', password: 'warm-up', userInputs: [], locale: 'ja' });
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    await Promise.all(
      [1, 2].map(() => pool.run({ kind: 'strength', password: SLOW, userInputs: [], locale: 'ja' })),
    );
    delay.disable();
    // Scoring SLOW on the loop blocks it for more than a second; in the pool the loop stays free.
    expect(delay.max / 1e6).toBeLessThan(500);
  });

  test('a full queue is refused with 503 and Retry-After instead of growing', async () => {
    pool = new CpuPool({ size: 1, maxQueue: 2 });
    const running = [1, 2, 3].map(() =>
      pool.run({ kind: 'strength', password: SLOW, userInputs: [], locale: 'en' }),
    );
    await expect(
      pool.run({ kind: 'strength', password: 'x', userInputs: [], locale: 'en' }),
    ).rejects.toMatchObject({
      status: 503,
      headers: { 'retry-after': '1' },
    });
    await Promise.all(running);
  });

  test('an error in a task rejects that task only', async () => {
    pool = new CpuPool({ size: 1 });
    await expect(pool.run({ kind: 'verify', hash: 'not-a-hash', password: 'x' })).rejects.toThrow();
    expect(await pool.run({ kind: 'hash', password: 'still-works' })).toMatch(/^\$argon2id\$/);
  });
});
