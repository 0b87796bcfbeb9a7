import { ROSTER_USER_EXTENSION as EXT } from '../../domain';
import { SCHEMA_PATCH } from '../../scim/constants';
import { eqUser } from '../../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';

let h: Harness;
let t: TestTenant;
beforeAll(async () => {
  h = await startHarness();
  t = await h.tenant({ slug: 'history', profile: 'eq' });
});
afterAll(() => h.close());

const api = (path: string) =>
  h.app.inject({
    method: 'GET',
    url: `/t/history/api${path}`,
    headers: { authorization: `Bearer ${t.token}` },
  });
const names = (list: { Resources: { userName: string; displayName: string }[] }) =>
  list.Resources.map((u) => `${u.userName}:${u.displayName}`).sort();

describe('history', () => {
  test('the roster as of any past time is exactly what it was then', async () => {
    const t0 = h.clock.now();
    h.clock.advance(60_000);
    const a = (await scim(h, t, 'POST', '/Users', eqUser('hist-a'))).json();
    h.clock.advance(60_000);
    const t1 = h.clock.now();
    h.clock.advance(60_000);
    await scim(h, t, 'POST', '/Users', eqUser('hist-b'));
    await scim(h, t, 'PATCH', `/Users/${a.id}`, {
      schemas: [SCHEMA_PATCH],
      Operations: [{ op: 'replace', path: 'displayName', value: '改名後' }],
    });
    h.clock.advance(60_000);
    const t2 = h.clock.now();
    h.clock.advance(60_000);
    await scim(h, t, 'DELETE', `/Users/${a.id}`);

    const at = async (time: Date) =>
      (await api(`/roster?asOf=${encodeURIComponent(time.toISOString())}`)).json();
    expect(names(await at(t0))).toEqual(['admin01:管理者']);
    expect(names(await at(t1))).toEqual(['admin01:管理者', 'hist-a:利用者hist-a']);
    expect(names(await at(t2))).toEqual(['admin01:管理者', 'hist-a:改名後', 'hist-b:利用者hist-b']);
    expect(names(await at(h.clock.now()))).toEqual(['admin01:管理者', 'hist-b:利用者hist-b']);
    const past = await at(t1);
    expect(past.Resources.find((u: { userName: string }) => u.userName === 'hist-a')[EXT]).toMatchObject({
      role: '0',
    });
  });

  test('users created together and never changed are in the roster as of any time since, with their groups then', async () => {
    h.clock.advance(60_000);
    const [g0, g1] = t.groups as [string, string];
    const bulk = await scim(h, t, 'POST', '/Bulk', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: ['still-a', 'still-b'].map((name) => ({
        method: 'POST',
        path: '/Users',
        bulkId: name,
        data: eqUser(name, {}, { groupIds: [g0] }),
      })),
    });
    const [a, b] = bulk.json().Operations.map((o: { response: Record<string, unknown> }) => o.response);
    h.clock.advance(60_000);
    const before = h.clock.now();
    h.clock.advance(60_000);
    const moved = await scim(h, t, 'PATCH', `/Groups/${g1}`, {
      schemas: [SCHEMA_PATCH],
      Operations: [{ op: 'add', path: 'members', value: [{ value: a.id }] }],
    });
    expect(moved.statusCode).toBe(200);

    const at = async (time?: Date) => {
      const q = time ? `?asOf=${encodeURIComponent(time.toISOString())}` : '';
      const list = (await api(`/roster${q}`)).json().Resources as Record<string, unknown>[];
      return new Map(list.map((u) => [u.id, u]));
    };
    // As of a time before the change: both exactly as the Bulk answer gave them.
    const then = await at(before);
    expect(then.get(a.id)).toEqual(a);
    expect(then.get(b.id)).toEqual(b);
    // Now: the moved user in both groups, the other unchanged; the same without asOf.
    const now = await at(h.clock.now());
    expect((now.get(a.id)![EXT] as { groupIds: string[] }).groupIds).toEqual([g0, g1]);
    expect(now.get(b.id)).toEqual(b);
    expect([...(await at()).keys()].sort()).toEqual([...now.keys()].sort());
  });

  test('past update times are listed, newest first', async () => {
    const res = (await api('/roster/versions')).json();
    const times = res.versions.map((v: { at: string }) => v.at);
    expect(times.length).toBeGreaterThanOrEqual(4);
    expect([...times].sort().reverse()).toEqual(times);
  });

  test('a bad asOf is 400', async () => {
    expect((await api('/roster?asOf=yesterday')).statusCode).toBe(400);
  });

  test('every write is audited with who, when and what, without passwords', async () => {
    const rows = await h.db
      .selectFrom('audit_log')
      .selectAll()
      .where('tenant_id', '=', t.tenant.id)
      .orderBy('id')
      .execute();
    const actions = rows.filter((r) => r.actor === 'user:admin01').map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['create', 'update', 'delete']));
    const update = rows.find((r) => r.action === 'update')!;
    expect(update.detail).toMatchObject({
      changes: [{ column: 'displayName', before: '利用者hist-a', after: '改名後' }],
    });
  });

  test('the profile endpoint gives the add-in its columns and rules', async () => {
    const res = (await api('/profile')).json();
    expect(res.tenant).toMatchObject({ slug: 'history', passwordClasses: 2 });
    expect(res.profile.id).toBe('eq');
    expect(res.profile.columns.map((c: { key: string }) => c.key)).toEqual([
      'displayName',
      'userName',
      'email',
      'password',
      'groups',
      'remarks',
      'role',
      'canComment',
      'status',
    ]);
  });
});
