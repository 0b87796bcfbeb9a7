import { buildApp } from '../app';
import { fastHash, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';

// Issue 12 item 5: sign-in throttling that holds under concurrency and across server
// processes (it is counted in the database), and that an attacker cannot turn against the
// administrator: the account is throttled per client address, with a backoff that grows.
// Starting a database (PGlite) takes seconds on a busy machine.
jest.setTimeout(30_000);

let h: Harness;
let t: TestTenant;
let checks = 0;
beforeAll(async () => {
  h = await startHarness({
    ...fastHash,
    verifyPassword: async (hash, pw) => {
      checks++;
      return fastHash.verifyPassword(hash, pw);
    },
  });
  t = await h.tenant({ slug: 'throttle' });
});
afterAll(() => h.close());
beforeEach(() => {
  checks = 0;
});

type App = Harness['app'];
const signIn = (
  app: App,
  userName: string,
  password: string,
  ip: string,
  headers: Record<string, string> = {},
) =>
  app.inject({
    method: 'POST',
    url: '/t/throttle/api/session',
    payload: { userName, password },
    remoteAddress: ip,
    headers,
  });

async function account(userName: string): Promise<string> {
  const password = `${userName}-Pass-1`;
  await h.db
    .insertInto('users')
    .values({
      tenant_id: t.tenant.id,
      id: `id-${userName}`,
      user_name: userName,
      display_name: userName,
      email: '',
      external_id: null,
      name: null,
      password_issuer: 'admin',
      directory_synced: false,
      self_registered: false,
      hidden: false,
      version: 1,
      attrs: JSON.stringify({ role: '2', status: '1', canComment: '1', remarks: '' }),
      password_hash: `test$${password}`,
      created_at: h.clock.now(),
      updated_at: h.clock.now(),
    })
    .execute();
  return password;
}

describe('sign-in throttling', () => {
  test('100 concurrent wrong passwords check at most the limit; the right password from another address still succeeds', async () => {
    const password = await account('victim');
    // The owner signs in from their own address in the middle of the guessing.
    const attempts = Array.from({ length: 101 }, (_, i) =>
      i === 50
        ? signIn(h.app, 'victim', password, '198.51.100.7')
        : signIn(h.app, 'victim', 'guess', '192.0.2.66'),
    );
    const all = await Promise.all(attempts);
    expect(all[50]!.statusCode).toBe(201);
    const results = all.filter((_, i) => i !== 50);
    expect(checks).toBeLessThanOrEqual(5 + 1);
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c !== 401).every((c) => c === 429)).toBe(true);
    const limited = results.find((r) => r.statusCode === 429)!;
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // The administrator, from their own address, is not locked out by the guessing.
    expect((await signIn(h.app, 'victim', password, '198.51.100.7')).statusCode).toBe(201);
    // From the guessing address even the right password waits.
    expect((await signIn(h.app, 'victim', password, '192.0.2.66')).statusCode).toBe(429);
  });

  test('the wait grows with each further failure and the right password works once it is over', async () => {
    const password = await account('backoff');
    const ip = '192.0.2.10';
    for (let i = 0; i < 5; i++) expect((await signIn(h.app, 'backoff', 'guess', ip)).statusCode).toBe(401);
    const first = Number((await signIn(h.app, 'backoff', 'guess', ip)).headers['retry-after']);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(15 * 60);
    h.clock.advance(first * 1000);
    expect((await signIn(h.app, 'backoff', 'guess', ip)).statusCode).toBe(401);
    const second = Number((await signIn(h.app, 'backoff', 'guess', ip)).headers['retry-after']);
    expect(second).toBeGreaterThan(first);
    h.clock.advance(second * 1000);
    expect((await signIn(h.app, 'backoff', password, ip)).statusCode).toBe(201);
    // Success forgets the failures of that account from that address.
    for (let i = 0; i < 4; i++) expect((await signIn(h.app, 'backoff', 'guess', ip)).statusCode).toBe(401);
    expect((await signIn(h.app, 'backoff', password, ip)).statusCode).toBe(201);
  });

  test('one address guessing many accounts is stopped after 30 failures', async () => {
    const ip = '192.0.2.30';
    for (let i = 0; i < 30; i++) {
      expect((await signIn(h.app, `nobody${i}`, 'guess', ip)).statusCode).toBe(401);
    }
    expect((await signIn(h.app, 'nobody-else', 'guess', ip)).statusCode).toBe(429);
    expect(checks).toBe(30);
  });

  test('the count holds across server processes sharing the database', async () => {
    await account('shared');
    let otherChecks = 0;
    const other = await buildApp({
      db: h.db,
      clock: h.clock.now,
      ...fastHash,
      verifyPassword: async (hash, pw) => {
        otherChecks++;
        return fastHash.verifyPassword(hash, pw);
      },
    });
    try {
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => signIn(i % 2 ? h.app : other, 'shared', 'guess', '192.0.2.40')),
      );
      expect(checks + otherChecks).toBeLessThanOrEqual(5);
    } finally {
      await other.close();
    }
  });

  test('X-Forwarded-For is ignored unless TRUST_PROXY names the proxy', async () => {
    await account('proxied');
    // Without a trusted proxy, a client cannot pick a fresh address per guess.
    for (let i = 0; i < 8; i++) {
      await signIn(h.app, 'proxied', 'guess', '192.0.2.50', { 'x-forwarded-for': `203.0.113.${i}` });
    }
    expect(checks).toBeLessThanOrEqual(5);
    const behindProxy = await buildApp({
      db: h.db,
      clock: h.clock.now,
      ...fastHash,
      trustProxy: '127.0.0.1',
    });
    try {
      const password = await account('proxied2');
      for (let i = 0; i < 5; i++) {
        await signIn(behindProxy, 'proxied2', 'guess', '127.0.0.1', { 'x-forwarded-for': '203.0.113.9' });
      }
      const guesser = await signIn(behindProxy, 'proxied2', password, '127.0.0.1', {
        'x-forwarded-for': '203.0.113.9',
      });
      expect(guesser.statusCode).toBe(429);
      const owner = await signIn(behindProxy, 'proxied2', password, '127.0.0.1', {
        'x-forwarded-for': '198.51.100.20',
      });
      expect(owner.statusCode).toBe(201);
    } finally {
      await behindProxy.close();
    }
  });
});
