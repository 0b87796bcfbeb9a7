import { ROSTER_USER_EXTENSION as EXT } from '../../domain';
import { SCHEMA_PATCH } from '../../scim/constants';
import { BULK_REQUEST, eqUser } from '../../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';
import { createApiToken, insertAccount } from '../seed/bootstrap';

// Issue 12 items 3 and 4: a tenant always keeps an active administrator, nobody suspends,
// deletes or demotes their own account, and sessions end when their user's access does.
// Starting a database (PGlite) takes seconds on a busy machine.
jest.setTimeout(30_000);

let h: Harness;
let t: TestTenant;
let j: TestTenant;
/** The same tenant as seen by a provisioning client (an API token: no own account). */
let asToken: TestTenant;
beforeAll(async () => {
  h = await startHarness();
  t = await h.tenant({ slug: 'admins' });
  j = await h.tenant({ slug: 'admins-j', profile: 'jairo' });
  asToken = { ...t, token: await createApiToken(h.db, t.tenant, 'okta', h.clock.now()) };
});
afterAll(() => h.close());

const patch = (path: string, value: unknown) => ({
  schemas: [SCHEMA_PATCH],
  Operations: [{ op: 'replace', path, value }],
});

async function admin(userName: string, password = `${userName}-Pass-1`) {
  const u = (
    await scim(h, asToken, 'POST', '/Users', eqUser(userName, {}, { role: '2', status: '1' }))
  ).json();
  await h.db
    .updateTable('users')
    .set({ password_hash: `test$${password}` })
    .where('id', '=', u.id)
    .execute();
  return { id: u.id as string, password };
}

const signIn = (slug: string, userName: string, password: string, ip = '10.20.0.1') =>
  h.app.inject({
    method: 'POST',
    url: `/t/${slug}/api/session`,
    payload: { userName, password },
    remoteAddress: ip,
  });

const asSession = (token: string): TestTenant => ({ ...t, token });

/** Demotes every administrator of `t` but the bootstrap one, through the API token. */
async function onlyBootstrapAdmin(): Promise<void> {
  const list = (await scim(h, asToken, 'GET', `/Users?filter=${encodeURIComponent(`${EXT}:role eq "2"`)}`))
    .json()
    .Resources.filter((u: { id: string }) => u.id !== t.adminId);
  for (const u of list) {
    const res = await scim(h, asToken, 'PATCH', `/Users/${u.id}`, patch(`${EXT}:role`, '1'));
    expect(res.statusCode).toBe(200);
  }
}

describe('a tenant always keeps an active administrator', () => {
  test('demoting, suspending or deleting the last administrator is 409 through PUT, PATCH, Bulk and DELETE', async () => {
    await onlyBootstrapAdmin();
    const current = (await scim(h, asToken, 'GET', `/Users/${t.adminId}`)).json();
    const put = await scim(h, asToken, 'PUT', `/Users/${t.adminId}`, {
      ...current,
      [EXT]: { ...current[EXT], role: '1' },
    });
    expect(put.statusCode).toBe(409);
    expect(put.json().detail).toMatch(/active administrator/);
    const suspend = await scim(h, asToken, 'PATCH', `/Users/${t.adminId}`, patch('active', false));
    expect(suspend.statusCode).toBe(409);
    const demote = await scim(h, asToken, 'PATCH', `/Users/${t.adminId}`, patch(`${EXT}:role`, '0'));
    expect(demote.statusCode).toBe(409);
    const del = await scim(h, asToken, 'DELETE', `/Users/${t.adminId}`, undefined, {
      'accept-language': 'ja',
    });
    expect(del.statusCode).toBe(409);
    expect(del.json().detail).toMatch(/管理者/);
    const bulk = await scim(h, asToken, 'POST', '/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: [
        { method: 'PATCH', path: `/Users/${t.adminId}`, data: patch(`${EXT}:role`, '1') },
        { method: 'DELETE', path: `/Users/${t.adminId}` },
      ],
    });
    expect(bulk.statusCode).toBe(200);
    expect(bulk.json().Operations.map((o: { status: string }) => o.status)).toEqual(['409', '409']);
    const after = (await scim(h, asToken, 'GET', `/Users/${t.adminId}`)).json();
    expect(after[EXT]).toMatchObject({ role: '2', status: '1' });
  });

  test('a Bulk request demoting every administrator keeps the last one', async () => {
    await onlyBootstrapAdmin();
    const a2 = await admin('bulkadm2');
    const a3 = await admin('bulkadm3');
    const bulk = await scim(h, asToken, 'POST', '/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: [a2.id, a3.id, t.adminId].map((id) => ({
        method: 'PATCH',
        path: `/Users/${id}`,
        data: patch(`${EXT}:role`, '1'),
      })),
    });
    expect(bulk.json().Operations.map((o: { status: string }) => o.status)).toEqual(['200', '200', '409']);
  });

  test('two concurrent demotions of the last two administrators: exactly one succeeds', async () => {
    await onlyBootstrapAdmin();
    const other = await admin('raceadm');
    const results = await Promise.all(
      [t.adminId, other.id].map((id) => scim(h, asToken, 'PATCH', `/Users/${id}`, patch(`${EXT}:role`, '1'))),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const admins = await scim(h, asToken, 'GET', `/Users?filter=${encodeURIComponent(`${EXT}:role eq "2"`)}`);
    expect(admins.json().totalResults).toBe(1);
    // Whoever is left is the administrator of record: restore the bootstrap one for later tests.
    if (results[0]!.statusCode !== 200) return;
    await scim(h, asToken, 'PATCH', `/Users/${t.adminId}`, patch(`${EXT}:role`, '2'));
  });

  test('jairo: the hidden institution administrator counts, so the last librarian may be demoted', async () => {
    const jToken = { ...j, token: await createApiToken(h.db, j.tenant, 'okta', h.clock.now()) };
    const refused = await scim(h, jToken, 'PATCH', `/Users/${j.adminId}`, patch(`${EXT}:role`, '教員'));
    expect(refused.statusCode).toBe(409);
    await insertAccount(
      h.db,
      j.tenant,
      {
        userName: 'inst',
        displayName: '機関',
        email: 'inst@j.example.jp',
        password: 'x',
        attrs: {},
        hidden: true,
      },
      async (p) => `test$${p}`,
      h.clock.now(),
    );
    const ok = await scim(h, jToken, 'PATCH', `/Users/${j.adminId}`, patch(`${EXT}:role`, '教員'));
    expect(ok.statusCode).toBe(200);
  });
});

describe('own account', () => {
  test('an administrator cannot suspend, demote or delete their own account', async () => {
    await admin('spare');
    const self = (await signIn('admins', t.adminUserName, t.adminPassword)).json().token;
    const me = asSession(self);
    for (const body of [patch('active', false), patch(`${EXT}:status`, '2'), patch(`${EXT}:role`, '1')]) {
      const res = await scim(h, me, 'PATCH', `/Users/${t.adminId}`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().detail).toMatch(/own account/);
    }
    expect((await scim(h, me, 'DELETE', `/Users/${t.adminId}`)).statusCode).toBe(400);
  });
});

describe('sessions end when they should', () => {
  async function sessionOf(userName: string, password: string) {
    const res = await signIn('admins', userName, password, '10.21.0.1');
    expect(res.statusCode).toBe(201);
    return asSession(res.json().token);
  }
  const works = async (s: TestTenant) => (await scim(h, s, 'GET', '/Users?count=0')).statusCode;

  test('a password change ends the user’s sessions (401)', async () => {
    const u = await admin('pwchange');
    const s = await sessionOf('pwchange', u.password);
    expect(await works(s)).toBe(200);
    const res = await scim(h, asToken, 'PATCH', `/Users/${u.id}`, patch('password', 'Changed-pass-9'));
    expect(res.statusCode).toBe(200);
    expect(await works(s)).toBe(401);
  });

  test('suspension, loss of the administrator role and deletion end sessions (401, even once restored)', async () => {
    for (const change of ['suspend', 'demote', 'delete'] as const) {
      const u = await admin(`end${change}`);
      const s = await sessionOf(`end${change}`, u.password);
      expect(await works(s)).toBe(200);
      if (change === 'delete') {
        expect((await scim(h, asToken, 'DELETE', `/Users/${u.id}`)).statusCode).toBe(204);
      } else {
        const body = change === 'suspend' ? patch('active', false) : patch(`${EXT}:role`, '1');
        expect((await scim(h, asToken, 'PATCH', `/Users/${u.id}`, body)).statusCode).toBe(200);
        const undo = change === 'suspend' ? patch('active', true) : patch(`${EXT}:role`, '2');
        expect((await scim(h, asToken, 'PATCH', `/Users/${u.id}`, undo)).statusCode).toBe(200);
      }
      expect(await works(s)).toBe(401);
    }
  });

  test('other changes keep the session', async () => {
    const u = await admin('keepsession');
    const s = await sessionOf('keepsession', u.password);
    await scim(h, asToken, 'PATCH', `/Users/${u.id}`, patch(`${EXT}:remarks`, 'note'));
    expect(await works(s)).toBe(200);
  });
});
