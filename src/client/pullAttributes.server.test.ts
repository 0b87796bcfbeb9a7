import { eqUser } from '../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../test/server/harness';
import { ROSTER_USER_EXTENSION as EXT, type Profile } from '../domain';
import { SCHEMA_USER } from '../scim/constants';
import { ScimUser } from '../scim/userValues';
import { pulledUser } from '../excel/pulledUser';
import { RosterClient } from './RosterClient';

/**
 * Issue 18: a pull asks only for the attributes the sheet reads. One left out would blank a
 * column without an error, so every column of every profile is pulled through the real server
 * and compared with the whole resource read by id.
 */
let h: Harness;
let base = '';
const tenants: Record<string, TestTenant> = {};
beforeAll(async () => {
  h = await startHarness();
  tenants.eq = await h.tenant({ slug: 'attr-eq' });
  tenants.jairo = await h.tenant({ slug: 'attr-jairo', profile: 'jairo' });
  const eq = tenants.eq;
  for (const [i, ext] of [
    { groupIds: [eq.groups[0]], remarks: '備考あり', role: '1', canComment: '0' },
    { groupIds: eq.groups, remarks: 'two groups', role: '2', canComment: '1' },
  ].entries())
    expect(
      (await scim(h, eq, 'POST', '/Users', eqUser(`attr0${i}`, { externalId: `rs-key-${i}` }, ext)))
        .statusCode,
    ).toBe(201);
  for (const [i, role] of ['教員', '図書館員'].entries()) {
    const res = await scim(h, tenants.jairo, 'POST', '/Users', {
      schemas: [SCHEMA_USER, EXT],
      userName: `jattr0${i}`,
      externalId: `rs-key-j${i}`,
      displayName: `図書 ${i}`,
      emails: [{ value: `other${i}@example.jp` }, { value: `jattr0${i}@example.jp`, primary: true }],
      [EXT]: { role },
    });
    expect(res.statusCode).toBe(201);
  }
  base = await h.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => h.close());

test.each(['eq', 'jairo'])('a %s pull asks for attributes and still fills every column', async (slug) => {
  const t = tenants[slug]!;
  const urls: string[] = [];
  const client = new RosterClient({
    connection: { serverUrl: base, tenant: t.tenant.slug },
    token: t.token,
    locale: 'ja',
    fetchFn: (input, init) => {
      urls.push(String(input));
      return fetch(input, init);
    },
  });
  const { profile } = await client.tenantProfile();
  const pulled = await client.listUsers();
  // The list was asked for by cursor, with attributes, and the answer was cut to them.
  const list = urls.filter((u) => u.includes('/scim/v2/Users?'));
  expect(list.length).toBeGreaterThan(0);
  for (const u of list) {
    expect(new URL(u).searchParams.get('attributes')).toBeTruthy();
    expect(new URL(u).searchParams.has('cursor')).toBe(true);
  }
  expect(pulled.every((u) => (u.meta as Record<string, unknown> | undefined)?.location === undefined)).toBe(
    true,
  );

  const whole = async (id: string) => ScimUser.parse((await scim(h, t, 'GET', `/Users/${id}`)).json());
  const filled = new Set<string>();
  for (const u of pulled) {
    const full = await whole(u.id);
    expect(pulledUser(profile, u)).toEqual(pulledUser(profile, full));
    expect(u.externalId).toBe(full.externalId);
    for (const [k, v] of Object.entries(pulledUser(profile, u).values)) if (v !== '') filled.add(k);
  }
  // Every column the sheet shows had a value somewhere, so a blanked one would have shown.
  expect([...filled].sort()).toEqual(shownColumns(profile).sort());

  // Users found by client key (a lost answer's reconciliation) come with the same attributes.
  const found = await client.findByExternalIds([`rs-key-${slug === 'eq' ? '' : 'j'}1`]);
  const [key, user] = [...found][0]!;
  expect(key).toMatch(/^rs-key-/);
  expect(pulledUser(profile, user)).toEqual(pulledUser(profile, await whole(user.id)));
});

function shownColumns(profile: Profile): string[] {
  return profile.columns.filter((c) => !c.writeOnly).map((c) => c.key);
}
