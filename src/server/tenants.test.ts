import { testDb, TestClock } from '../../test/server/harness';
import { configureTenant } from './cli/tenantSettings';
import type { Db } from './db/connect';
import { checkLoginUrl, createTenant, loadTenant, serviceName, setLoginUrl } from './tenants';

// Issue 15 item 8: each tenant may say where its users log in to the service (JAIRO Cloud,
// EQ); the registration done page and the mails link there. Only an http(s) URL is kept.
describe('a tenant login URL', () => {
  let db: Db;
  let drop: () => Promise<void>;
  const now = new TestClock().now();
  beforeAll(async () => {
    ({ db, drop } = await testDb());
  });
  afterAll(() => drop());

  test('is none until set, kept when given at creation, changed and cleared later', async () => {
    const plain = await createTenant(
      db,
      { slug: 'no-login', name: '株式会社A', profile: 'eq', userLimit: 10, passwordClasses: 2 },
      now,
    );
    expect(plain.loginUrl).toBeNull();
    const made = await createTenant(
      db,
      {
        slug: 'with-login',
        name: 'B大学',
        profile: 'jairo',
        userLimit: 10,
        passwordClasses: 2,
        loginUrl: 'https://idp.example.ac.jp/login',
      },
      now,
    );
    expect(made.loginUrl).toBe('https://idp.example.ac.jp/login');
    await setLoginUrl(db, 'no-login', 'https://eq.example.jp/portal/login?next=%2F');
    expect((await loadTenant(db, 'no-login'))!.loginUrl).toBe('https://eq.example.jp/portal/login?next=%2F');
    await setLoginUrl(db, 'no-login', null);
    expect((await loadTenant(db, 'no-login'))!.loginUrl).toBeNull();
    await expect(setLoginUrl(db, 'nobody', null)).rejects.toThrow("No tenant 'nobody'");
  });

  test.each(
    [
      ['javascript:alert(1)', 'http:// or https://'],
      ['ftp://files.example.jp/', 'http:// or https://'],
      ['idp.example.ac.jp/login', 'http:// or https://'],
      ['https://user:secret@idp.example.ac.jp/', 'user name or password'],
      ['https://idp.example.ac.jp/log in', 'spaces'],
      [`https://idp.example.ac.jp/${'a'.repeat(2100)}`, '2,000'],
    ].map(([url, why]) => ({ url: url!, why: why!, shown: url!.slice(0, 40) })),
  )('refuses $shown, saying it $why', async ({ url, why }) => {
    expect(() => checkLoginUrl(url)).toThrow(why);
    await expect(setLoginUrl(db, 'no-login', url)).rejects.toThrow(why);
    await expect(
      createTenant(
        db,
        { slug: 'bad-url', name: 'C', profile: 'eq', userLimit: 1, passwordClasses: 2, loginUrl: url },
        now,
      ),
    ).rejects.toThrow(why);
  });

  test('the operator command sets, shows and clears it', async () => {
    const out: string[] = [];
    const say = (line: string) => out.push(line);
    await configureTenant(db, ['--tenant', 'with-login', '--login-url', 'https://repo.example.ac.jp/'], say);
    expect((await loadTenant(db, 'with-login'))!.loginUrl).toBe('https://repo.example.ac.jp/');
    await configureTenant(db, ['--tenant', 'with-login'], say);
    expect(out.at(-1)).toContain('login URL: https://repo.example.ac.jp/');
    await configureTenant(db, ['--tenant', 'with-login', '--clear-login-url'], say);
    expect((await loadTenant(db, 'with-login'))!.loginUrl).toBeNull();
    await expect(
      configureTenant(db, ['--tenant', 'with-login', '--login-url', 'javascript:alert(1)'], say),
    ).rejects.toThrow('http:// or https://');
    await expect(configureTenant(db, ['--login-url', 'https://x.example/'], say)).rejects.toThrow('Usage');
  });

  test('names the service the users know: JAIRO Cloud or EQ', async () => {
    expect(serviceName((await loadTenant(db, 'with-login'))!.profile)).toBe('JAIRO Cloud');
    expect(serviceName((await loadTenant(db, 'no-login'))!.profile)).toBe('EQ');
  });
});
