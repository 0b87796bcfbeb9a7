import { eqUser } from '../../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';

let h: Harness;
let t: TestTenant;
beforeAll(async () => {
  h = await startHarness();
  t = await h.tenant({ slug: 'input' });
});
afterAll(() => h.close());

describe('bad input gets a 4xx SCIM error, never a 500', () => {
  test.each<[string, 'POST' | 'PUT' | 'PATCH', string, unknown, number]>([
    ['bad JSON', 'POST', '/Users', '{"userName": ', 400],
    ['a JSON array', 'POST', '/Users', '[]', 400],
    ['a number as userName', 'POST', '/Users', { ...eqUser('x'), userName: 5 }, 400],
    ['emails as a string', 'POST', '/Users', { ...eqUser('typed'), emails: 'a@b.jp' }, 400],
    ['an unknown attribute', 'POST', '/Users', { ...eqUser('unknown1'), nickname2: 'x' }, 400],
    ['an unknown schema', 'POST', '/Users', { ...eqUser('unknown2'), schemas: ['urn:x:y'] }, 400],
    ['no schemas', 'POST', '/Users', { userName: 'noschema', displayName: 'x' }, 400],
    ['an unknown extension attribute', 'POST', '/Users', eqUser('unknown3', {}, { shoeSize: '27' }), 400],
    ['a NUL character', 'POST', '/Users', eqUser('nul', { displayName: 'a\u0000b' }), 400],
    ['an empty body', 'POST', '/Users', '', 400],
    ['a Bulk without schemas', 'POST', '/Bulk', { Operations: [] }, 400],
    [
      'a Bulk operation without a path',
      'POST',
      '/Bulk',
      { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: [{ method: 'POST' }] },
      200,
    ],
    [
      'a group without a name',
      'POST',
      '/Groups',
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'] },
      400,
    ],
    [
      'a group with an unknown member',
      'POST',
      '/Groups',
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'g',
        members: [{ value: 'nobody' }],
      },
      400,
    ],
  ])('%s', async (_name, method, path, body, status) => {
    const res = await scim(h, t, method, path, body);
    expect(res.statusCode).toBe(status);
    const json = res.json();
    if (status === 200) {
      expect(json.Operations[0].status).toBe('400');
    } else {
      expect(json.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
      expect(json.status).toBe(String(status));
    }
  });

  test('a body over 1 MB on a user route is 413', async () => {
    const res = await scim(h, t, 'POST', '/Users', eqUser('huge', {}, { remarks: 'x'.repeat(1_100_000) }));
    expect(res.statusCode).toBe(413);
    expect(res.json().status).toBe('413');
  });

  test('an unsupported media type is 415', async () => {
    const res = await scim(h, t, 'POST', '/Users', 'userName=x', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.statusCode).toBe(415);
  });

  test('an unknown endpoint is 404 with a SCIM error', async () => {
    const res = await scim(h, t, 'GET', '/Nope');
    expect(res.statusCode).toBe(404);
    expect(res.json().status).toBe('404');
  });

  test('malformed paging parameters are 400', async () => {
    expect((await scim(h, t, 'GET', '/Users?count=ten')).statusCode).toBe(400);
    expect((await scim(h, t, 'GET', '/Users?sortOrder=sideways')).statusCode).toBe(400);
  });
});
