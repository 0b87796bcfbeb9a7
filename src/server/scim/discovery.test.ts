import { ROSTER_USER_EXTENSION as EXT } from '../../domain';
import { scim, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';

let h: Harness;
let eqT: TestTenant;
let jairoT: TestTenant;
beforeAll(async () => {
  h = await startHarness();
  eqT = await h.tenant({ slug: 'disc-eq' });
  jairoT = await h.tenant({ slug: 'disc-jairo', profile: 'jairo' });
});
afterAll(() => h.close());

describe('discovery', () => {
  test('ServiceProviderConfig advertises Bulk limits, ETags, filters and the dry run', async () => {
    const res = (await scim(h, eqT, 'GET', '/ServiceProviderConfig')).json();
    expect(res).toMatchObject({
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 10000, maxPayloadSize: 16 * 1024 * 1024 },
      filter: { supported: true, maxResults: 1000 },
      etag: { supported: true },
      sort: { supported: true },
      'urn:ietf:params:scim:schemas:extension:rostersheet:2.0:ServiceProviderConfig': {
        dryRun: { supported: true },
      },
    });
  });

  test('ServiceProviderConfig advertises both pagings (RFC 9865 Section 4), index by default', async () => {
    const res = (await scim(h, eqT, 'GET', '/ServiceProviderConfig')).json();
    expect(res.pagination).toEqual({
      cursor: true,
      index: true,
      // RFC 9865 Section 2.5: clients that page by index (Entra, Okta) keep their default.
      defaultPaginationMethod: 'index',
      defaultPageSize: 100,
      maxPageSize: 1000,
      cursorTimeout: 3600,
    });
    // A request without startIndex or cursor is an index page, as before.
    const list = (await scim(h, eqT, 'GET', '/Users?count=1')).json();
    expect(list.startIndex).toBe(1);
    expect(list.nextCursor).toBeUndefined();
  });

  test('the extension schema follows the tenant profile', async () => {
    const attrs = async (t: TestTenant) =>
      (await scim(h, t, 'GET', `/Schemas/${EXT}`)).json().attributes.map((a: { name: string }) => a.name);
    expect(await attrs(eqT)).toEqual([
      'groupIds',
      'remarks',
      'role',
      'canComment',
      'status',
      'directorySynced',
      'selfRegistered',
      'passwordIssuer',
    ]);
    expect(await attrs(jairoT)).toEqual([
      'memberNumber',
      'role',
      'status',
      'directorySynced',
      'selfRegistered',
      'passwordIssuer',
    ]);
  });

  test('ResourceTypes lists User with the extension, and Group', async () => {
    const res = (await scim(h, eqT, 'GET', '/ResourceTypes')).json();
    expect(res.Resources.map((r: { id: string }) => r.id)).toEqual(['User', 'Group']);
    expect(res.Resources[0].schemaExtensions).toEqual([
      { schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', required: false },
      { schema: EXT, required: false },
    ]);
    expect((await scim(h, eqT, 'GET', '/ResourceTypes/Nope')).statusCode).toBe(404);
  });
});
