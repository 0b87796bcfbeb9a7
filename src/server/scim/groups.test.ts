import { ROSTER_USER_EXTENSION as EXT } from '../../domain';
import { SCHEMA_GROUP, SCHEMA_PATCH, SCHEMA_USER } from '../../scim/constants';
import { eqUser } from '../../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';

let h: Harness;
let t: TestTenant;
let j: TestTenant;
beforeAll(async () => {
  h = await startHarness();
  t = await h.tenant({ slug: 'groups' });
  j = await h.tenant({ slug: 'jairo-inst', profile: 'jairo' });
});
afterAll(() => h.close());

describe('/Groups', () => {
  test('a group is created with a numeric id, members are added and removed the way Entra does', async () => {
    const u1 = (await scim(h, t, 'POST', '/Users', eqUser('member1'))).json();
    const u2 = (await scim(h, t, 'POST', '/Users', eqUser('member2'))).json();
    const g = await scim(h, t, 'POST', '/Groups', {
      schemas: [SCHEMA_GROUP],
      displayName: '品質保証部',
      members: [{ value: u1.id }],
    });
    expect(g.statusCode).toBe(201);
    expect(g.json().id).toMatch(/^\d+$/);
    const id = g.json().id;
    const add = await scim(h, t, 'PATCH', `/Groups/${id}`, {
      schemas: [SCHEMA_PATCH],
      Operations: [{ op: 'Add', path: 'members', value: [{ value: u2.id }] }],
    });
    expect(add.statusCode).toBe(200);
    expect(
      add
        .json()
        .members.map((m: { value: string }) => m.value)
        .sort(),
    ).toEqual([u1.id, u2.id].sort());
    const remove = await scim(h, t, 'PATCH', `/Groups/${id}`, {
      schemas: [SCHEMA_PATCH],
      Operations: [{ op: 'Remove', path: `members[value eq "${u1.id}"]` }],
    });
    expect(remove.json().members.map((m: { value: string }) => m.value)).toEqual([u2.id]);
    const user1 = await scim(h, t, 'GET', `/Users/${u1.id}`);
    // RFC 7643 2.5: a user in no group has no `groups` attribute at all.
    expect(user1.json().groups).toBeUndefined();
    expect(user1.headers.etag).toBe('W/"3"');
    const user2 = (await scim(h, t, 'GET', `/Users/${u2.id}`)).json();
    expect(user2[EXT].groupIds).toEqual([id]);
  });

  test('lists filter by displayName and can leave members out', async () => {
    const res = (
      await scim(
        h,
        t,
        'GET',
        `/Groups?filter=${encodeURIComponent('displayName eq "品質保証部"')}&excludedAttributes=members`,
      )
    ).json();
    expect(res.totalResults).toBe(1);
    expect(res.Resources[0].members).toBeUndefined();
  });

  test('a duplicate name is 409; deleting a group removes it from its members', async () => {
    expect(
      (await scim(h, t, 'POST', '/Groups', { schemas: [SCHEMA_GROUP], displayName: '営業部' })).statusCode,
    ).toBe(409);
    const u = (await scim(h, t, 'POST', '/Users', eqUser('leaver', {}, { groupIds: [t.groups[0]] }))).json();
    expect((await scim(h, t, 'DELETE', `/Groups/${t.groups[0]}`)).statusCode).toBe(204);
    expect((await scim(h, t, 'GET', `/Users/${u.id}`)).json().groups).toBeUndefined();
  });
});

describe('a jairo tenant', () => {
  test('a new user gets a member number with leading zeros and keeps it', async () => {
    const res = await scim(h, j, 'POST', '/Users', {
      schemas: [SCHEMA_USER, EXT],
      userName: 'tanaka',
      displayName: '田中 一郎',
      emails: [{ value: 'tanaka@example.ac.jp' }],
      [EXT]: { role: '教員', memberNumber: '999' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()[EXT].memberNumber).toMatch(/^0{6}\d{4}$/);
    const search = (
      await scim(
        h,
        j,
        'GET',
        `/Users?filter=${encodeURIComponent(`${EXT}:memberNumber eq "${res.json()[EXT].memberNumber}"`)}`,
      )
    ).json();
    expect(search.totalResults).toBe(1);
  });

  test.each([
    ['Community Administrator', 400],
    ['図書館員', 201],
  ])('role %s gives %i', async (role, status) => {
    const name = `r${Math.random().toString(36).slice(2, 8)}`;
    const res = await scim(h, j, 'POST', '/Users', {
      schemas: [SCHEMA_USER, EXT],
      userName: name,
      displayName: name,
      emails: [{ value: `${name}@example.ac.jp` }],
      [EXT]: { role },
    });
    expect(res.statusCode).toBe(status);
  });

  test('jairo users set their own password: an administrator cannot', async () => {
    const res = await scim(h, j, 'POST', '/Users', {
      schemas: [SCHEMA_USER],
      userName: 'pw',
      displayName: 'pw',
      emails: [{ value: 'pw@example.ac.jp' }],
      password: 'Secret-123',
    });
    expect(res.statusCode).toBe(400);
  });
});
