import { scim, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';
import { ROSTER_USER_EXTENSION } from '../../domain';
import { SCHEMA_ENTERPRISE_USER } from '../../scim/identityAttributes';

/**
 * The request bodies Microsoft Entra ID and Okta send with their default settings (Microsoft
 * Learn "Tutorial: Develop and plan provisioning for a SCIM endpoint", request/response examples;
 * Okta "SCIM 2.0 protocol reference"), against both profiles. eq's user IDs cannot hold `@`
 * (seed 004), so there the IdP maps userName to mailNickname (docs/INTEROP.md).
 */
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

let h: Harness;
let eq: TestTenant;
let jairo: TestTenant;
beforeAll(async () => {
  h = await startHarness();
  eq = await h.tenant({ slug: 'interop-eq' });
  jairo = await h.tenant({ slug: 'interop-jairo', profile: 'jairo' });
});
afterAll(() => h.close());

/** Entra's create body (its default attribute mappings). */
const entraUser = (userName: string, externalId: string) => ({
  schemas: [USER, SCHEMA_ENTERPRISE_USER],
  externalId,
  userName,
  active: true,
  addresses: [
    {
      primary: true,
      type: 'work',
      formatted: '1 Chome-1 Marunouchi',
      streetAddress: '1-1 Marunouchi',
      locality: 'Chiyoda',
      region: 'Tokyo',
      postalCode: '100-0005',
      country: 'JP',
    },
  ],
  // eq's ユーザー名 has no whitespace (seed 004): Entra maps displayName without spaces.
  displayName: '山田花子',
  emails: [{ primary: true, type: 'work', value: `${externalId}@example.ac.jp` }],
  meta: { resourceType: 'User' },
  name: { formatted: '山田 花子', familyName: '山田', givenName: '花子' },
  phoneNumbers: [
    { primary: true, type: 'work', value: '+81-3-1234-5678' },
    { type: 'mobile', value: '+81-90-1234-5678' },
  ],
  title: '司書',
  preferredLanguage: 'ja-JP',
  [SCHEMA_ENTERPRISE_USER]: { employeeNumber: '000123', department: '図書館', manager: { value: 'mgr-1' } },
  // jairo needs a role; eq takes its defaults (role 0, comments allowed).
});

/** Okta's create body. */
const oktaUser = (userName: string, email: string) => ({
  schemas: [USER],
  userName,
  name: { givenName: 'Taro', familyName: 'Suzuki' },
  emails: [{ primary: true, value: email, type: 'work' }],
  displayName: 'TaroSuzuki',
  locale: 'ja-JP',
  externalId: `00u${userName}`,
  groups: [],
  active: true,
});

const tenants = () =>
  [
    ['eq', () => eq, (n: string) => n],
    ['jairo', () => jairo, (n: string) => `${n}@example.ac.jp`],
  ] as const;

describe.each(tenants())('Entra ID and Okta provision a %s tenant', (profile, tenantOf, userNameOf) => {
  const t = () => tenantOf();
  const withRole = (body: Record<string, unknown>) =>
    profile === 'jairo'
      ? {
          ...body,
          schemas: [...(body.schemas as string[]), ROSTER_USER_EXTENSION],
          [ROSTER_USER_EXTENSION]: { role: '教員' },
        }
      : body;

  test('Entra: create, read back everything it sent, find by filter, update by PATCH, deactivate, delete', async () => {
    const created = await scim(h, t(), 'POST', '/Users', withRole(entraUser(userNameOf('hanako'), 'hanako')));
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const got = (await scim(h, t(), 'GET', `/Users/${id}`)).json();
    expect(got).toMatchObject({
      externalId: 'hanako',
      name: { familyName: '山田', givenName: '花子' },
      title: '司書',
      preferredLanguage: 'ja-JP',
      phoneNumbers: [{ type: 'work', value: '+81-3-1234-5678' }, { type: 'mobile' }],
      addresses: [{ type: 'work', locality: 'Chiyoda', country: 'JP' }],
      [SCHEMA_ENTERPRISE_USER]: {
        employeeNumber: '000123',
        department: '図書館',
        manager: { value: 'mgr-1' },
      },
      active: true,
    });
    expect(got.schemas).toContain(SCHEMA_ENTERPRISE_USER);

    // Entra's matching query, then its URN-qualified form, in a lower-case endpoint.
    for (const filter of [
      `userName eq "${userNameOf('hanako')}"`,
      `urn:ietf:params:scim:schemas:core:2.0:User:externalId eq "hanako"`,
    ]) {
      const found = await scim(h, t(), 'GET', `/users?filter=${encodeURIComponent(filter)}`);
      expect(found.statusCode).toBe(200);
      expect(found.json().Resources.map((u: { id: string }) => u.id)).toEqual([id]);
    }

    const patched = await scim(h, t(), 'PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [
        { op: 'Replace', path: 'title', value: '主任司書' },
        { op: 'Replace', path: 'name.givenName', value: 'はなこ' },
        { op: 'Add', path: 'phoneNumbers[type eq "work"].value', value: '+81-3-0000-0000' },
        { op: 'Replace', path: `${SCHEMA_ENTERPRISE_USER}:department`, value: '学術情報課' },
        { op: 'Add', value: { preferredLanguage: 'en-US', 'name.familyName': 'ヤマダ' } },
        { op: 'Replace', path: `${USER}:displayName`, value: '山田はなこ' },
      ],
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      title: '主任司書',
      displayName: '山田はなこ',
      preferredLanguage: 'en-US',
      name: { givenName: 'はなこ', familyName: 'ヤマダ' },
      [SCHEMA_ENTERPRISE_USER]: { department: '学術情報課' },
    });
    expect(patched.json().phoneNumbers[0].value).toBe('+81-3-0000-0000');

    // Entra deprovisions with a string "False".
    const off = await scim(h, t(), 'PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    });
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    expect(off.json()[ROSTER_USER_EXTENSION].status).toBe(profile === 'eq' ? '2' : 'disabled');
    const on = await scim(h, t(), 'PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Replace', path: 'active', value: 'True' }],
    });
    expect(on.json().active).toBe(true);
    expect((await scim(h, t(), 'DELETE', `/Users/${id}`)).statusCode).toBe(204);
    expect((await scim(h, t(), 'GET', `/Users/${id}`)).statusCode).toBe(404);
  });

  test('Okta: create, PUT the whole profile, deactivate with a path-less PATCH', async () => {
    const body = withRole(oktaUser(userNameOf('taro'), 'taro@example.ac.jp'));
    const created = await scim(h, t(), 'POST', '/Users', body);
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ locale: 'ja-JP', name: { givenName: 'Taro' } });
    // The same user again: 409 uniqueness, which Okta reads as "link the existing account".
    const again = await scim(h, t(), 'POST', '/Users', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().scimType).toBe('uniqueness');

    const put = await scim(h, t(), 'PUT', `/Users/${id}`, {
      ...body,
      id,
      name: { givenName: 'Taro', familyName: 'Suzuki', honorificPrefix: null },
      locale: 'en-US',
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ locale: 'en-US', name: { givenName: 'Taro', familyName: 'Suzuki' } });
    expect(put.json().name).not.toHaveProperty('honorificPrefix');

    const off = await scim(h, t(), 'PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', value: { active: false } }],
    });
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    const list = await scim(h, t(), 'GET', `/Users?filter=${encodeURIComponent('active eq false')}`);
    expect(list.json().Resources.map((u: { id: string }) => u.id)).toContain(id);
  });

  test('PATCH remove does what it says, and refuses what must stay', async () => {
    const created = await scim(
      h,
      t(),
      'POST',
      '/Users',
      withRole(entraUser(userNameOf('remover'), 'remover')),
    );
    const id = created.json().id;
    const remove = (path: string) =>
      scim(h, t(), 'PATCH', `/Users/${id}`, { schemas: [PATCH], Operations: [{ op: 'remove', path }] });
    for (const path of [
      'externalId',
      'name.givenName',
      'title',
      'phoneNumbers[type eq "mobile"]',
      `${SCHEMA_ENTERPRISE_USER}:manager`,
    ]) {
      expect((await remove(path)).statusCode).toBe(200);
    }
    const after = (await scim(h, t(), 'GET', `/Users/${id}`)).json();
    expect(after.externalId).toBeUndefined();
    expect(after.name).toEqual({ formatted: '山田 花子', familyName: '山田' });
    expect(after.title).toBeUndefined();
    expect(after.phoneNumbers.map((p: { type: string }) => p.type)).toEqual(['work']);
    expect(after[SCHEMA_ENTERPRISE_USER].manager).toBeUndefined();
    expect((await remove('name')).statusCode).toBe(200);
    expect((await scim(h, t(), 'GET', `/Users/${id}`)).json().name).toBeUndefined();
    for (const path of ['active', 'displayName', 'userName']) {
      const res = await remove(path);
      expect(res.statusCode).toBe(400);
    }
  });

  test('unknown attributes and schemas are a 400 that names them', async () => {
    const res = await scim(h, t(), 'POST', '/Users', {
      ...withRole(oktaUser(userNameOf('odd'), 'odd@example.ac.jp')),
      shoeSize: 27,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('shoeSize');
  });
});

describe.each(tenants())('groups as Entra ID and Okta manage them on %s', (profile, tenantOf, userNameOf) => {
  test('create, add and remove members, rename, replace by PUT, find by a name in another case, search', async () => {
    const eq = tenantOf();
    const body = oktaUser(userNameOf('member01'), 'member01@example.jp');
    const u = (
      await scim(
        h,
        eq,
        'POST',
        '/Users',
        profile === 'jairo'
          ? { ...body, schemas: [USER, ROSTER_USER_EXTENSION], [ROSTER_USER_EXTENSION]: { role: '教員' } }
          : body,
      )
    ).json();
    const g = await scim(h, eq, 'POST', '/Groups', {
      schemas: [GROUP],
      displayName: 'Library Staff',
      externalId: 'grp-1',
      members: [],
    });
    expect(g.statusCode).toBe(201);
    const gid = g.json().id;
    const add = await scim(h, eq, 'PATCH', `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Add', path: 'members', value: [{ value: u.id }] }],
    });
    expect(add.json().members.map((m: { value: string }) => m.value)).toEqual([u.id]);
    const rename = await scim(h, eq, 'PATCH', `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Replace', path: 'displayName', value: 'Library Team' }],
    });
    expect(rename.json().displayName).toBe('Library Team');
    const put = await scim(h, eq, 'PUT', `/Groups/${gid}`, {
      schemas: [GROUP],
      displayName: 'Library Team',
      externalId: 'grp-1',
      members: [{ value: u.id }],
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().members.map((m: { value: string }) => m.value)).toEqual([u.id]);
    const found = await scim(
      h,
      eq,
      'GET',
      `/groups?filter=${encodeURIComponent('displayName eq "library team"')}`,
    );
    expect(found.json().Resources.map((r: { id: string }) => r.id)).toEqual([gid]);
    const search = await scim(h, eq, 'POST', '/Groups/.search', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: `${GROUP}:externalId eq "grp-1"`,
      attributes: ['displayName'],
    });
    expect(search.json().Resources).toEqual([{ schemas: [GROUP], id: gid, displayName: 'Library Team' }]);
    const removed = await scim(h, eq, 'PATCH', `/Groups/${gid}`, {
      schemas: [PATCH],
      Operations: [{ op: 'Remove', path: `members[value eq "${u.id}"]` }],
    });
    expect(removed.json().members ?? []).toEqual([]);
    expect((await scim(h, eq, 'DELETE', `/Groups/${gid}`)).statusCode).toBe(204);
  });
});

describe('queries', () => {
  test('POST /Users/.search and the root .search take attributes as arrays', async () => {
    await scim(h, eq, 'POST', '/Users', oktaUser('searcher01', 'searcher01@example.jp'));
    const body = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
      filter: 'userName eq "searcher01"',
      attributes: ['userName', `${USER}:emails`],
      excludedAttributes: [],
    };
    const users = await scim(h, eq, 'POST', '/Users/.search', body);
    expect(users.json().Resources).toEqual([
      expect.objectContaining({
        userName: 'searcher01',
        emails: [expect.objectContaining({ value: 'searcher01@example.jp' })],
      }),
    ]);
    expect(users.json().Resources[0].displayName).toBeUndefined();
    const root = await scim(h, eq, 'POST', '/.search', body);
    expect(root.statusCode).toBe(200);
    expect(root.json().Resources.map((r: { userName?: string }) => r.userName)).toEqual(['searcher01']);
  });

  test('sortBy a URN-qualified name; /Me is 501', async () => {
    const res = await scim(h, eq, 'GET', `/Users?sortBy=${encodeURIComponent(`${USER}:userName`)}&count=3`);
    expect(res.statusCode).toBe(200);
    const names = res.json().Resources.map((u: { userName: string }) => u.userName);
    expect(names).toEqual(
      [...names].sort((a: string, b: string) => a.toLowerCase().localeCompare(b.toLowerCase())),
    );
    expect((await scim(h, eq, 'GET', '/Me')).statusCode).toBe(501);
  });

  test('a create whose userName is taken answers 409 before any other rule', async () => {
    const res = await scim(h, eq, 'POST', '/Users', { schemas: [USER], userName: eq.adminUserName });
    expect(res.statusCode).toBe(409);
    expect(res.json().scimType).toBe('uniqueness');
  });
});

describe('deprovisioning a jairo user', () => {
  test('active false disables (無効): the roster shows it, an administrator cannot sign in; true restores', async () => {
    const admin = await scim(h, jairo, 'POST', '/Users?', {
      schemas: [USER, ROSTER_USER_EXTENSION],
      userName: 'librarian2',
      displayName: '図書 次郎',
      emails: [{ value: 'lib2@example.ac.jp', primary: true }],
      password: undefined,
      [ROSTER_USER_EXTENSION]: { role: '図書館員' },
    });
    expect(admin.statusCode).toBe(201);
    const id = admin.json().id;
    const off = await scim(h, jairo, 'PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
    expect(off.json()[ROSTER_USER_EXTENSION].status).toBe('disabled');
    const roster = await h.app.inject({
      method: 'GET',
      url: `/t/${jairo.tenant.slug}/api/roster`,
      headers: { authorization: `Bearer ${jairo.token}` },
    });
    const row = roster.json().Resources.find((u: { id: string }) => u.id === id);
    expect(row.active).toBe(false);
    const on = await scim(h, jairo, 'PATCH', `/Users/${id}`, {
      schemas: [PATCH],
      Operations: [{ op: 'replace', path: 'active', value: true }],
    });
    // Never registered: back to 仮登録, so the registration mail can be sent.
    expect(on.json()[ROSTER_USER_EXTENSION].status).toBe('provisional');
    expect(on.json().active).toBe(true);
  });
});
