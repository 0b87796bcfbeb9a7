import { eqUser, BULK_REQUEST } from '../../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';
import { SCHEMA_PATCH } from '../../scim/constants';

const patch = (...Operations: unknown[]) => ({ schemas: [SCHEMA_PATCH], Operations });

/** Own properties of Object.prototype, so a test sees anything a request added to it. */
const protoKeys = () => Reflect.ownKeys(Object.prototype).map(String).sort();

let h: Harness;
let a: TestTenant;
let b: TestTenant;
let userId: string;
let groupId: string;
const baseline = protoKeys();

beforeAll(async () => {
  h = await startHarness();
  a = await h.tenant({ slug: 'pollute-a' });
  b = await h.tenant({ slug: 'pollute-b', profile: 'jairo' });
  const res = await scim(h, a, 'POST', '/Users', eqUser('victim01'));
  userId = res.json().id;
  groupId = a.groups[0]!;
});
afterAll(() => h.close());

// GHSA-9m6g-wc8r-q59c, GHSA-2mhw-wcx5-v3xj: scim-patch 0.8.3 follows these path segments.
const HOSTILE_PATHS = [
  '__proto__.where',
  '__proto__',
  'constructor.prototype.polluted',
  'prototype.x',
  'emails.__proto__',
  'name.constructor',
  'urn:ietf:params:scim:schemas:extension:rostersheet:2.0:User:__proto__',
  'urn:ietf:params:scim:schemas:core:2.0:User:constructor.prototype.x',
  'emails[type eq "work"].__proto__',
  'emails[__proto__ eq "x"].value',
];
// Raw JSON: a JavaScript literal with `__proto__` would set the prototype instead of a key.
const HOSTILE_VALUES = [
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"name":{"__proto__":{"polluted":true}}}',
  '{"prototype":{"polluted":true}}',
];

describe('prototype pollution is refused before any library sees the request', () => {
  test.each(HOSTILE_PATHS.flatMap((path) => ['add', 'replace', 'remove'].map((op) => [op, path])))(
    'User PATCH %s %s is a 400 invalidPath naming the path',
    async (op, path) => {
      const res = await scim(h, a, 'PATCH', `/Users/${userId}`, patch({ op, path, value: 'x' }));
      expect(res.statusCode).toBe(400);
      expect(res.json().scimType).toBe('invalidPath');
      expect(res.json().detail).toContain(path);
      expect(protoKeys()).toEqual(baseline);
    },
  );

  test.each(HOSTILE_PATHS)('Group PATCH %s is a 400', async (path) => {
    const res = await scim(h, a, 'PATCH', `/Groups/${groupId}`, patch({ op: 'add', path, value: 'x' }));
    expect(res.statusCode).toBe(400);
    expect(protoKeys()).toEqual(baseline);
  });

  test.each(HOSTILE_VALUES)('a value object %s is a 400', async (raw) => {
    const body = `{"schemas":["${SCHEMA_PATCH}"],"Operations":[{"op":"add","value":${raw}}]}`;
    const res = await scim(h, a, 'PATCH', `/Users/${userId}`, body);
    expect(res.statusCode).toBe(400);
    expect(protoKeys()).toEqual(baseline);
  });

  test('a user body with a __proto__ key is a 400', async () => {
    const body = JSON.stringify(eqUser('proto01')).replace('{', '{"__proto__":{"isAdmin":true},');
    const res = await scim(h, a, 'POST', '/Users', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('__proto__');
  });

  test.each(['', '?dryRun=true'])(
    'Bulk PATCH with hostile paths%s fails each operation with 400',
    async (q) => {
      const ops = HOSTILE_PATHS.map((path, i) => ({
        method: 'PATCH',
        bulkId: `p${i}`,
        path: `/Users/${userId}`,
        data: patch({ op: 'replace', path, value: 'x' }),
      }));
      const res = await scim(h, a, 'POST', `/Bulk${q}`, { schemas: [BULK_REQUEST], Operations: ops });
      expect(res.statusCode).toBe(200);
      expect(res.json().Operations.map((o: { status: string }) => o.status)).toEqual(ops.map(() => '400'));
      expect(protoKeys()).toEqual(baseline);
    },
  );

  test('a remove of __proto__.hasOwnProperty does not take the process down', async () => {
    const res = await scim(
      h,
      a,
      'PATCH',
      `/Users/${userId}`,
      patch({ op: 'remove', path: '__proto__.hasOwnProperty' }),
    );
    expect(res.statusCode).toBe(400);
    expect(Object.prototype.hasOwnProperty.call({ x: 1 }, 'x')).toBe(true);
  });

  test.each([
    ['filter', '/Users?filter=' + encodeURIComponent('__proto__.where eq "x"')],
    ['filter on groups', '/Groups?filter=' + encodeURIComponent('constructor.prototype eq "x"')],
    ['attributes', '/Users?attributes=__proto__'],
    ['excludedAttributes', '/Users?excludedAttributes=constructor.prototype'],
    ['sortBy', '/Users?sortBy=__proto__'],
  ])('a hostile %s is a 400', async (_name, url) => {
    const res = await scim(h, a, 'GET', url);
    expect(res.statusCode).toBe(400);
    expect(protoKeys()).toEqual(baseline);
  });

  test('after every attempt, tenants stay apart and tokens still matter', async () => {
    for (const path of HOSTILE_PATHS) {
      await scim(h, a, 'PATCH', `/Users/${userId}`, patch({ op: 'add', path, value: { where: 'x' } }));
    }
    const listA = await scim(h, a, 'GET', '/Users?count=1000');
    const listB = await scim(h, b, 'GET', '/Users?count=1000');
    const namesA: string[] = listA.json().Resources.map((u: { userName: string }) => u.userName);
    const namesB: string[] = listB.json().Resources.map((u: { userName: string }) => u.userName);
    expect(namesA).toContain('victim01');
    expect(namesB).not.toContain('victim01');
    const bogus = await scim(h, { ...a, token: 'not-a-token' }, 'GET', '/Users');
    expect(bogus.statusCode).toBe(401);
    const crossTenant = await h.app.inject({
      method: 'GET',
      url: `/t/${b.tenant.slug}/scim/v2/Users`,
      headers: { authorization: `Bearer ${a.token}` },
    });
    expect(crossTenant.statusCode).toBe(401);
    const unknown = await h.app.inject({
      method: 'GET',
      url: '/t/no-such-tenant/scim/v2/Users',
      headers: { authorization: `Bearer ${a.token}` },
    });
    expect(unknown.statusCode).toBe(404);
    expect(protoKeys()).toEqual(baseline);
  });
});
