import { loadConfig } from './config';

describe('settings for several processes', () => {
  test('DB_POOL_MAX is 10 connections unless set, and SHUTDOWN_TIMEOUT_MS 10 s', () => {
    const c = loadConfig({});
    expect(c.DB_POOL_MAX).toBe(10);
    expect(c.SHUTDOWN_TIMEOUT_MS).toBe(10_000);
    expect(loadConfig({ DB_POOL_MAX: '4', SHUTDOWN_TIMEOUT_MS: '2500' })).toMatchObject({
      DB_POOL_MAX: 4,
      SHUTDOWN_TIMEOUT_MS: 2500,
    });
  });

  test.each([['0'], ['-1'], ['2.5'], ['many']])('DB_POOL_MAX=%s is refused, naming the variable', (v) => {
    expect(() => loadConfig({ DB_POOL_MAX: v })).toThrow(/DB_POOL_MAX/);
  });

  test('a SHUTDOWN_TIMEOUT_MS that is not a number of milliseconds is refused, naming it', () => {
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT_MS: 'soon' })).toThrow(/SHUTDOWN_TIMEOUT_MS/);
  });
});
