import { ROSTER_USER_EXTENSION as EXT } from '../../domain';
import { SCHEMA_PATCH } from '../../scim/constants';
import { bulkCreate, eqUser } from '../../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';

let h: Harness;
let t: TestTenant;
beforeAll(async () => {
  h = await startHarness();
  t = await h.tenant({ slug: 'rules', userLimit: 30 });
});
afterAll(() => h.close());

const patch = (path: string, value: unknown) => ({
  schemas: [SCHEMA_PATCH],
  Operations: [{ op: 'replace', path, value }],
});
const problemsOf = (body: Record<string, unknown>) =>
  (
    body['urn:ietf:params:scim:schemas:extension:rostersheet:2.0:Problems'] as {
      problems: { column: string; code: string }[];
    }
  ).problems.map((p) => `${p.column}:${p.code}`);

async function create(
  userName: string,
  over: Record<string, unknown> = {},
  ext: Record<string, unknown> = {},
) {
  return scim(h, t, 'POST', '/Users', eqUser(userName, over, ext), { 'accept-language': 'ja' });
}

describe('rules only the database can judge', () => {
  test('an email another user has is 409 uniqueness, in any case', async () => {
    expect((await create('email1')).statusCode).toBe(201);
    const res = await create('email2', { emails: [{ value: 'EMAIL1@example.jp', primary: true }] });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe(
      "'メールアドレス'の「EMAIL1@example.jp」は既に他のユーザーが使用しています。",
    );
  });

  test('an externalId another user has is 409 uniqueness', async () => {
    expect((await create('ext1', { externalId: 'X-1' })).statusCode).toBe(201);
    const res = await create('ext2', { externalId: 'X-1' });
    expect(res.statusCode).toBe(409);
  });

  test("changing a user to another user's user ID or email is 409", async () => {
    const a = (await create('mover')).json();
    await create('taken');
    const res = await scim(
      h,
      t,
      'PATCH',
      `/Users/${a.id}`,
      patch('emails[type eq "work"].value', 'taken@example.jp'),
    );
    expect(res.statusCode).toBe(409);
  });

  test('a group that does not exist is 400 naming it; existing groups are fine', async () => {
    const bad = await create('grp1', {}, { groupIds: ['101', '999'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toBe("'所属グループID'の「999」は存在しないグループIDです。");
    const ok = await create('grp2', {}, { groupIds: [t.groups[0], t.groups[1]] });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().groups.map((g: { value: string }) => g.value)).toEqual(t.groups);
  });

  test('the contracted user limit is never exceeded, even by one Bulk request', async () => {
    const n = Number((await scim(h, t, 'GET', '/Users?count=0')).json().totalResults);
    const res = await scim(h, t, 'POST', '/Bulk', bulkCreate('limit', 30 - n + 2));
    const statuses = res.json().Operations.map((o: { status: string }) => o.status);
    expect(statuses.filter((s: string) => s === '201')).toHaveLength(30 - n);
    expect(statuses.slice(-2)).toEqual(['400', '400']);
    expect(
      res.json().Operations.at(-1).response['urn:ietf:params:scim:schemas:extension:rostersheet:2.0:Problems']
        .problems[0].code,
    ).toBe('contractLimit');
    expect((await scim(h, t, 'GET', '/Users?count=0')).json().totalResults).toBe(30);
  });
});

describe('locked fields and the operator', () => {
  let h2: Harness;
  let t2: TestTenant;
  beforeAll(async () => {
    h2 = await startHarness();
    t2 = await h2.tenant({ slug: 'locks' });
  });
  afterAll(() => h2.close());

  async function userWith(flags: { directory_synced?: boolean; self_registered?: boolean }, name: string) {
    const res = await scim(h2, t2, 'POST', '/Users', eqUser(name));
    const id = res.json().id;
    await h2.db.updateTable('users').set(flags).where('id', '=', id).execute();
    return id as string;
  }

  test.each([
    ['displayName', '別名'],
    ['emails[type eq "work"].value', 'moved@example.jp'],
    [`${EXT}:role`, '1'],
  ])("a directory-synced user's %s cannot change (400 mutability)", async (path, value) => {
    const id = await userWith({ directory_synced: true }, `sync${Math.random().toString(36).slice(2, 8)}`);
    const res = await scim(h2, t2, 'PATCH', `/Users/${id}`, patch(path, value));
    expect(res.statusCode).toBe(400);
    expect(res.json().scimType).toBe('mutability');
  });

  test("a directory-synced user's groups, remarks and password can change", async () => {
    const id = await userWith({ directory_synced: true }, 'syncok');
    const res = await scim(h2, t2, 'PATCH', `/Users/${id}`, {
      schemas: [SCHEMA_PATCH],
      Operations: [
        { op: 'replace', path: `${EXT}:remarks`, value: '同期ユーザー' },
        { op: 'replace', path: `${EXT}:groupIds`, value: [t2.groups[0]] },
        { op: 'replace', path: 'password', value: 'Synced-pass-1' },
      ],
    });
    expect(res.statusCode).toBe(200);
  });

  test("a self-registered user's password cannot be set by an administrator", async () => {
    const id = await userWith({ self_registered: true }, 'selfreg');
    const res = await scim(h2, t2, 'PATCH', `/Users/${id}`, patch('password', 'Admin-set-1'));
    expect(res.statusCode).toBe(400);
    expect(problemsOf(res.json())).toEqual(['password:notAllowed']);
    const role = await scim(h2, t2, 'PATCH', `/Users/${id}`, patch(`${EXT}:role`, '1'));
    expect(role.statusCode).toBe(200);
  });

  test('the user ID cannot change once created', async () => {
    const id = (await scim(h2, t2, 'POST', '/Users', eqUser('fixedid'))).json().id;
    const res = await scim(h2, t2, 'PATCH', `/Users/${id}`, patch('userName', 'renamed'));
    expect(res.statusCode).toBe(400);
    expect(res.json().scimType).toBe('mutability');
  });

  test('an administrator cannot change their own role, nor delete their own account', async () => {
    const role = await scim(h2, t2, 'PATCH', `/Users/${t2.adminId}`, patch(`${EXT}:role`, '0'));
    expect(role.statusCode).toBe(400);
    expect(problemsOf(role.json())).toEqual(['role:ownAccount']);
    const del = await scim(h2, t2, 'DELETE', `/Users/${t2.adminId}`);
    expect(del.statusCode).toBe(400);
    const remarks = await scim(
      h2,
      t2,
      'PATCH',
      `/Users/${t2.adminId}`,
      patch(`${EXT}:remarks`, '自分の備考'),
    );
    expect(remarks.statusCode).toBe(200);
  });
});
