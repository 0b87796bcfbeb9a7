import { startHarness, type Harness, type TestTenant } from '../../../test/server/harness';
import { createApiToken } from '../seed/bootstrap';

// Issue 12 item 2: API tokens with a life cycle, managed by signed-in administrators.
// Starting a database (PGlite) takes seconds on a busy machine.
jest.setTimeout(30_000);

let h: Harness;
let t: TestTenant;
let other: TestTenant;
beforeAll(async () => {
  h = await startHarness();
  t = await h.tenant({ slug: 'tokens' });
  other = await h.tenant({ slug: 'tokens-other' });
});
afterAll(() => h.close());

// Some tests move the clock past the session lifetime: each starts signed in afresh.
beforeEach(async () => {
  for (const x of [t, other]) {
    const res = await h.app.inject({
      method: 'POST',
      url: `/t/${x.tenant.slug}/api/session`,
      payload: { userName: x.adminUserName, password: x.adminPassword },
    });
    x.token = res.json().token;
  }
});

const api = (
  slug: string,
  bearer: string,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) =>
  h.app.inject({
    method,
    url: `/t/${slug}/api/tokens${path}`,
    headers: { authorization: `Bearer ${bearer}`, ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });

const usable = async (token: string, slug = 'tokens') =>
  (
    await h.app.inject({
      method: 'GET',
      url: `/t/${slug}/scim/v2/Users?count=0`,
      headers: { authorization: `Bearer ${token}` },
    })
  ).statusCode;

describe('API tokens', () => {
  test('an administrator creates a token, shown once, that works on SCIM; the list shows who, when and last use', async () => {
    const res = await api('tokens', t.token, 'POST', '', { name: 'Entra ID', expiresInDays: 30 });
    expect(res.statusCode).toBe(201);
    const made = res.json();
    expect(made).toMatchObject({
      name: 'Entra ID',
      createdBy: `user:${t.adminUserName}`,
      created: h.clock.now().toISOString(),
      expires: new Date(h.clock.now().getTime() + 30 * 86400_000).toISOString(),
      lastUsed: null,
    });
    expect(made.token).toMatch(/^rsa_[A-Za-z0-9_-]{43}$/);
    expect(await usable(made.token)).toBe(200);
    h.clock.advance(60_000);
    expect(await usable(made.token)).toBe(200);
    const list = (await api('tokens', t.token, 'GET', '')).json();
    const listed = list.tokens.find((x: { id: string }) => x.id === made.id);
    expect(listed).toMatchObject({ name: 'Entra ID', lastUsed: h.clock.now().toISOString() });
    expect(listed.token).toBeUndefined();
    expect(JSON.stringify(list)).not.toContain(made.token);
    // Stored hashed: the database holds no token.
    const rows = await h.db.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(made.token.slice(4));
  });

  test('a revoked token is 401 at once', async () => {
    const made = (await api('tokens', t.token, 'POST', '', { name: 'Okta' })).json();
    expect(made.expires).toBeNull();
    expect(await usable(made.token)).toBe(200);
    expect((await api('tokens', t.token, 'DELETE', `/${made.id}`)).statusCode).toBe(204);
    expect(await usable(made.token)).toBe(401);
    const listed = (await api('tokens', t.token, 'GET', ''))
      .json()
      .tokens.find((x: { id: string }) => x.id === made.id);
    expect(listed.revoked).toBe(h.clock.now().toISOString());
  });

  test('an expired token is 401', async () => {
    const made = (await api('tokens', t.token, 'POST', '', { name: 'short', expiresInDays: 1 })).json();
    expect(await usable(made.token)).toBe(200);
    h.clock.advance(86400_000);
    expect(await usable(made.token)).toBe(401);
  });

  test('an API token cannot list, create or revoke tokens (403)', async () => {
    const token = await createApiToken(h.db, t.tenant, 'provisioning', h.clock.now());
    expect((await api('tokens', token, 'GET', '')).statusCode).toBe(403);
    const mint = await api('tokens', token, 'POST', '', { name: 'more' });
    expect(mint.statusCode).toBe(403);
    expect(mint.json().detail).toMatch(/sign/i);
    expect((await api('tokens', token, 'DELETE', '/1')).statusCode).toBe(403);
    expect((await api('tokens', 'nonsense', 'GET', '')).statusCode).toBe(401);
  });

  test('bad input names the field; another tenant’s token is not found', async () => {
    const noName = await api('tokens', t.token, 'POST', '', { expiresInDays: 3 });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().detail).toMatch(/name/);
    const badDays = await api('tokens', t.token, 'POST', '', { name: 'x', expiresInDays: 0 });
    expect(badDays.statusCode).toBe(400);
    expect(badDays.json().detail).toMatch(/expiresInDays/);
    const theirs = (await api('tokens-other', other.token, 'POST', '', { name: 'theirs' })).json();
    expect((await api('tokens', t.token, 'DELETE', `/${theirs.id}`)).statusCode).toBe(404);
    expect((await api('tokens', t.token, 'DELETE', '/not-a-number')).statusCode).toBe(404);
    expect(await usable(theirs.token, 'tokens-other')).toBe(200);
  });

  test('creating and revoking tokens is in the audit log, by whom', async () => {
    const made = (await api('tokens', t.token, 'POST', '', { name: 'audited' })).json();
    await api('tokens', t.token, 'DELETE', `/${made.id}`);
    const entries = await h.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'resource_id'])
      .where('resource_type', '=', 'ApiToken')
      .where('resource_id', '=', String(made.id))
      .execute();
    expect(entries.map((e) => [e.actor, e.action])).toEqual([
      [`user:${t.adminUserName}`, 'create'],
      [`user:${t.adminUserName}`, 'revoke'],
    ]);
  });
});
