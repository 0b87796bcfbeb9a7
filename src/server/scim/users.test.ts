import { ROSTER_USER_EXTENSION as EXT } from '../../domain';
import { eqUser } from '../../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';

let h: Harness;
let t: TestTenant;
beforeAll(async () => {
  h = await startHarness();
  t = await h.tenant({ slug: 'acme' });
});
afterAll(() => h.close());

describe('an Okta-style provisioning sequence', () => {
  let id = '';

  test('list with count=1 answers with the true total and one resource', async () => {
    const res = await scim(h, t, 'GET', '/Users?startIndex=1&count=1');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/scim+json');
    expect(res.json()).toMatchObject({ totalResults: 1, itemsPerPage: 1, startIndex: 1 });
  });

  test('a filter on an unknown user returns 0 results', async () => {
    const res = await scim(
      h,
      t,
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "nobody@example.jp"')}`,
    );
    expect(res.json()).toMatchObject({ totalResults: 0, Resources: [] });
  });

  test('create answers 201 with Location, ETag and the resource', async () => {
    const res = await scim(h, t, 'POST', '/Users', eqUser('okta.user', { externalId: 'okta-00u1' }));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    id = body.id;
    expect(res.headers.location).toBe(`http://localhost:80/t/acme/scim/v2/Users/${id}`);
    expect(res.headers.etag).toBe('W/"1"');
    expect(body).toMatchObject({
      userName: 'okta.user',
      externalId: 'okta-00u1',
      active: true,
      emails: [{ value: 'okta.user@example.jp', primary: true }],
      [EXT]: { role: '0', canComment: '1', status: 'provisional', passwordIssuer: 'none' },
      meta: { resourceType: 'User', version: 'W/"1"' },
    });
    expect(body.password).toBeUndefined();
  });

  test('get by id returns the user; an unknown id is 404 with a SCIM error', async () => {
    const res = await scim(h, t, 'GET', `/Users/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().userName).toBe('okta.user');
    const missing = await scim(h, t, 'GET', '/Users/00000000-0000-0000-0000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '404',
    });
  });

  test('creating the same userName again is 409 uniqueness, in any case', async () => {
    for (const userName of ['okta.user', 'OKTA.User']) {
      const res = await scim(
        h,
        t,
        'POST',
        '/Users',
        eqUser(userName, { emails: [{ value: `${userName}x@example.jp` }] }),
      );
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ status: '409', scimType: 'uniqueness' });
    }
  });

  test('userName filters are case-insensitive', async () => {
    const res = await scim(h, t, 'GET', `/Users?filter=${encodeURIComponent('userName eq "OKTA.USER"')}`);
    expect(res.json().totalResults).toBe(1);
    expect(res.json().Resources[0].id).toBe(id);
  });

  test('no token is 401 with a SCIM error and WWW-Authenticate', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/t/acme/scim/v2/Users' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toContain('Bearer');
    expect(res.json()).toMatchObject({ status: '401' });
  });

  test('name parts sent by Okta are kept and returned', async () => {
    const res = await scim(
      h,
      t,
      'POST',
      '/Users',
      eqUser('named.user', { name: { givenName: '太郎', familyName: '山田' } }),
    );
    expect(res.statusCode).toBe(201);
    const got = (await scim(h, t, 'GET', `/Users/${res.json().id}`)).json();
    expect(got.name).toEqual({ givenName: '太郎', familyName: '山田' });
    const byName = await scim(
      h,
      t,
      'GET',
      `/Users?filter=${encodeURIComponent('name.familyName eq "山田"')}`,
    );
    expect(byName.json().totalResults).toBe(1);
  });
});
