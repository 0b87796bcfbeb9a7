import { ROSTER_USER_EXTENSION as EXT } from '../../domain';
import { SCHEMA_PATCH } from '../../scim/constants';
import { eqUser } from '../../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';
import { createApiToken, insertAccount } from '../seed/bootstrap';

let h: Harness;
let a: TestTenant;
let b: TestTenant;
beforeAll(async () => {
  h = await startHarness({ allowedOrigins: ['https://localhost:3000'] });
  a = await h.tenant({ slug: 'tenant-a' });
  b = await h.tenant({ slug: 'tenant-b', profile: 'jairo' });
});
afterAll(() => h.close());

const signIn = (slug: string, userName: string, password: string, ip = '10.0.0.1') =>
  h.app.inject({
    method: 'POST',
    url: `/t/${slug}/api/session`,
    payload: { userName, password },
    remoteAddress: ip,
  });

// Some tests move the clock past the session lifetime: start each test with live sessions.
beforeEach(async () => {
  a.token = (await signIn('tenant-a', a.adminUserName, a.adminPassword, '10.9.9.1')).json().token;
  b.token = (await signIn('tenant-b', b.adminUserName, b.adminPassword, '10.9.9.2')).json().token;
});

describe('sign-in', () => {
  test('an administrator gets a bearer token that works on SCIM', async () => {
    const res = await signIn('tenant-a', a.adminUserName, a.adminPassword);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      tenant: { slug: 'tenant-a', profile: 'eq' },
      user: { userName: a.adminUserName },
    });
    const list = await h.app.inject({
      method: 'GET',
      url: '/t/tenant-a/scim/v2/Users',
      headers: { authorization: `Bearer ${res.json().token}` },
    });
    expect(list.statusCode).toBe(200);
  });

  test('a wrong password is 401; the token table holds only hashes', async () => {
    expect((await signIn('tenant-a', a.adminUserName, 'wrong', '10.0.0.2')).statusCode).toBe(401);
    expect((await signIn('tenant-a', 'nobody', 'wrong', '10.0.0.2')).statusCode).toBe(401);
    const rows = await h.db.selectFrom('sessions').select('token_hash').execute();
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  test('after five failures for one user from one address, that address waits (429, Retry-After); another does not', async () => {
    const user = (
      await scim(h, a, 'POST', '/Users', eqUser('target', {}, { role: '2', status: '1' }))
    ).json();
    await h.db
      .updateTable('users')
      .set({ password_hash: 'test$Target-pass-1' })
      .where('id', '=', user.id)
      .execute();
    for (let i = 0; i < 5; i++)
      expect((await signIn('tenant-a', 'target', 'guess', '10.1.0.1')).statusCode).toBe(401);
    const limited = await signIn('tenant-a', 'target', 'Target-pass-1', '10.1.0.1');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await signIn('tenant-a', 'target', 'Target-pass-1', '10.1.0.9')).statusCode).toBe(201);
    h.clock.advance(Number(limited.headers['retry-after']) * 1000);
    expect((await signIn('tenant-a', 'target', 'Target-pass-1', '10.1.0.1')).statusCode).toBe(201);
  });

  test('a user who is not an administrator is 403', async () => {
    const user = (await scim(h, a, 'POST', '/Users', eqUser('plainuser'))).json();
    await h.db
      .updateTable('users')
      .set({ password_hash: 'test$Plain-pass-1' })
      .where('id', '=', user.id)
      .execute();
    const res = await signIn('tenant-a', 'plainuser', 'Plain-pass-1', '10.2.0.1');
    expect(res.statusCode).toBe(403);
    expect(res.json().status).toBe('403');
  });

  test("jairo's institution administrator signs in though not in the roster", async () => {
    await insertAccount(
      h.db,
      b.tenant,
      {
        userName: 'inst-admin',
        displayName: '機関管理者',
        email: 'inst@b.example.jp',
        password: 'Inst-pass-1',
        attrs: {},
        hidden: true,
      },
      async (p) => `test$${p}`,
      h.clock.now(),
    );
    const res = await signIn('tenant-b', 'inst-admin', 'Inst-pass-1', '10.3.0.1');
    expect(res.statusCode).toBe(201);
    const list = (
      await h.app.inject({
        method: 'GET',
        url: '/t/tenant-b/scim/v2/Users',
        headers: { authorization: `Bearer ${res.json().token}` },
      })
    ).json();
    expect(list.Resources.map((u: { userName: string }) => u.userName)).not.toContain('inst-admin');
  });

  test('a session expires, and signing out revokes it', async () => {
    const token = (await signIn('tenant-a', a.adminUserName, a.adminPassword, '10.4.0.1')).json().token;
    const get = () =>
      h.app.inject({
        method: 'GET',
        url: '/t/tenant-a/scim/v2/Users?count=0',
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await get()).statusCode).toBe(200);
    const out = await h.app.inject({
      method: 'DELETE',
      url: '/t/tenant-a/api/session',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.statusCode).toBe(204);
    expect((await get()).statusCode).toBe(401);
    const token2 = (await signIn('tenant-a', a.adminUserName, a.adminPassword, '10.4.0.2')).json().token;
    h.clock.advance(61 * 60 * 1000);
    const late = await h.app.inject({
      method: 'GET',
      url: '/t/tenant-a/scim/v2/Users',
      headers: { authorization: `Bearer ${token2}` },
    });
    expect(late.statusCode).toBe(401);
  });

  test('an administrator demoted by another loses access at once: the session has ended (401)', async () => {
    const other = (
      await scim(h, a, 'POST', '/Users', eqUser('admin2', {}, { role: '2', status: '1' }))
    ).json();
    await h.db
      .updateTable('users')
      .set({ password_hash: 'test$Admin2-pass-1' })
      .where('id', '=', other.id)
      .execute();
    const signedIn = await signIn('tenant-a', 'admin2', 'Admin2-pass-1', '10.5.0.1');
    expect(signedIn.statusCode).toBe(201);
    const token = signedIn.json().token;
    const fresh = (await signIn('tenant-a', a.adminUserName, a.adminPassword, '10.5.0.2')).json().token;
    await h.app.inject({
      method: 'PATCH',
      url: `/t/tenant-a/scim/v2/Users/${other.id}`,
      headers: { authorization: `Bearer ${fresh}`, 'content-type': 'application/scim+json' },
      payload: { schemas: [SCHEMA_PATCH], Operations: [{ op: 'replace', path: `${EXT}:role`, value: '1' }] },
    });
    const res = await h.app.inject({
      method: 'GET',
      url: '/t/tenant-a/scim/v2/Users',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('tenant isolation', () => {
  test("a token of one tenant cannot read or change another tenant's data", async () => {
    const fresh = (await signIn('tenant-a', a.adminUserName, a.adminPassword, '10.6.0.1')).json().token;
    const asA = (method: 'GET' | 'DELETE', url: string) =>
      h.app.inject({ method, url, headers: { authorization: `Bearer ${fresh}` } });
    expect((await asA('GET', '/t/tenant-b/scim/v2/Users')).statusCode).toBe(401);
    const bUser = (await scim(h, b, 'GET', '/Users?count=1')).json().Resources[0];
    expect((await asA('GET', `/t/tenant-a/scim/v2/Users/${bUser.id}`)).statusCode).toBe(404);
    expect((await asA('DELETE', `/t/tenant-a/scim/v2/Users/${bUser.id}`)).statusCode).toBe(404);
    expect((await scim(h, b, 'GET', `/Users/${bUser.id}`)).statusCode).toBe(200);
  });

  test('API tokens work for their tenant only', async () => {
    const token = await createApiToken(h.db, a.tenant, 'okta', h.clock.now());
    const get = (slug: string) =>
      h.app.inject({
        method: 'GET',
        url: `/t/${slug}/scim/v2/ServiceProviderConfig`,
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await get('tenant-a')).statusCode).toBe(200);
    expect((await get('tenant-b')).statusCode).toBe(401);
  });

  test('an unknown tenant is 404', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/t/nope/scim/v2/Users' })).statusCode).toBe(404);
  });
});

describe('authentication before the body', () => {
  // Without a valid token the body is never read: not parsed, not checked, whatever it holds.
  const bodies: [string, string][] = [
    ['not JSON', '{"Operations": ['],
    ['nested past jsonDepth', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['a __proto__ key', '{"__proto__": {"admin": true}}'],
    ['a NUL', '{"schemas": ["a\\u0000b"]}'],
  ];
  for (const [what, payload] of bodies) {
    test(`a body that is ${what} gets 401 without a token, and its 400 only with one`, async () => {
      const send = (authorization?: string) =>
        h.app.inject({
          method: 'POST',
          url: '/t/tenant-a/scim/v2/Bulk',
          headers: { 'content-type': 'application/scim+json', ...(authorization ? { authorization } : {}) },
          payload,
        });
      expect((await send()).statusCode).toBe(401);
      expect((await send('Bearer not-a-token')).statusCode).toBe(401);
      expect((await send(`Bearer ${a.token}`)).statusCode).toBe(400);
    });
  }
});

describe('CORS', () => {
  test('the add-in origin may call the API and read ETag and Location', async () => {
    const res = await h.app.inject({
      method: 'OPTIONS',
      url: '/t/tenant-a/scim/v2/Users',
      headers: {
        origin: 'https://localhost:3000',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,if-match',
      },
    });
    expect(res.headers['access-control-allow-origin']).toBe('https://localhost:3000');
    const get = await scim(h, a, 'GET', '/ServiceProviderConfig', undefined, {
      origin: 'https://localhost:3000',
    });
    expect(get.headers['access-control-expose-headers']).toContain('ETag');
  });

  test('another origin is not allowed', async () => {
    const res = await scim(h, a, 'GET', '/ServiceProviderConfig', undefined, {
      origin: 'https://evil.example',
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
