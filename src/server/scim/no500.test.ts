import { request as httpRequest } from 'node:http';
import { BULK_REQUEST, eqUser } from '../../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';
import { ROSTER_USER_EXTENSION } from '../../domain';
import { SCHEMA_USER } from '../../scim/constants';

let h: Harness;
let eq: TestTenant;
let jairo: TestTenant;
beforeAll(async () => {
  h = await startHarness();
  eq = await h.tenant({ slug: 'no500-eq' });
  jairo = await h.tenant({ slug: 'no500-jairo', profile: 'jairo' });
});
afterAll(() => h.close());

const jairoUser = (userName: string, over: Record<string, unknown> = {}) => ({
  schemas: [SCHEMA_USER, ROSTER_USER_EXTENSION],
  userName,
  displayName: '図書 太郎',
  emails: [{ value: `${userName.slice(0, 20)}@example.jp`, primary: true }],
  [ROSTER_USER_EXTENSION]: { role: '教員' },
  ...over,
});

/** A SCIM error body of the status, with a detail that says something. */
function expectScimError(res: { statusCode: number; json: () => unknown }, status: number) {
  expect(res.statusCode).toBe(status);
  const body = res.json() as { schemas: string[]; status: string; detail: string };
  expect(body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  expect(body.status).toBe(String(status));
  expect(body.detail.length).toBeGreaterThan(5);
  return body;
}

describe('client mistakes are 4xx with a SCIM body, never 500', () => {
  test.each([
    ['GET', '/Users/%00'],
    ['PATCH', '/Users/%00'],
    ['GET', '/Users/a%00b'],
    ['DELETE', '/Users/%00'],
    ['GET', '/Groups/%00'],
    ['GET', `/Users/${'x'.repeat(300)}`],
  ] as const)('%s %s (NUL or a huge id) is 404', async (method, path) => {
    expectScimError(await scim(h, eq, method, path), 404);
  });

  test.each([
    ['GET', '/Users?cursor=%00'],
    ['GET', `/Users?cursor=${'A'.repeat(100_000)}`],
    ['GET', `/Users?cursor=${encodeURIComponent("x.y' or 1=1 --")}`],
    ['GET', '/Users?cursor=eyJ9.AAAA'],
    ['GET', '/Users?cursor=&cursor=x'],
  ] as const)('%s %s (a hostile cursor) is a 400', async (method, path) => {
    expectScimError(await scim(h, eq, method, path), 400);
  });

  test.each([[42], [null], [{ a: 1 }], [['', 'x']], ['\u0000']])(
    'POST /Users/.search with cursor %j is a 400',
    async (cursor) => {
      expectScimError(await scim(h, eq, 'POST', '/Users/.search', { cursor }), 400);
    },
  );

  test('a NUL in the tenant slug is 404', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/t/no500%00eq/scim/v2/Users' });
    expectScimError(res, 404);
  });

  test('a lone surrogate in a JSON string is a 400 that says so', async () => {
    const body = JSON.stringify(eqUser('lone01')).replace('"利用者lone01"', '"a\\ud800b"');
    const res = expectScimError(await scim(h, eq, 'POST', '/Users', body), 400);
    expect(res.detail).toMatch(/surrogate/);
  });

  test('a lone surrogate in one Bulk operation fails that operation only', async () => {
    const good = { method: 'POST', path: '/Users', bulkId: 'g', data: eqUser('surro01') };
    const bad = { method: 'POST', path: '/Users', bulkId: 'b', data: eqUser('surro02') };
    const raw = JSON.stringify({ schemas: [BULK_REQUEST], Operations: [good, bad] }).replace(
      '"利用者surro02"',
      '"x\\udc00"',
    );
    const res = await scim(h, eq, 'POST', '/Bulk', raw);
    expect(res.statusCode).toBe(200);
    expect(res.json().Operations.map((o: { status: string }) => o.status)).toEqual(['201', '400']);
  });

  test.each([
    ['userName', (n: number) => jairoUser('u'.repeat(n))],
    ['externalId', (n: number) => jairoUser('ext01', { externalId: 'e'.repeat(n) })],
    ['emails', (n: number) => jairoUser('mail01', { emails: [{ value: `${'m'.repeat(n)}@example.jp` }] })],
  ])('a jairo %s of 3,000 characters is a 400 naming the limit', async (attr, body) => {
    const res = expectScimError(await scim(h, jairo, 'POST', '/Users', body(3000)), 400);
    expect(res.detail).toContain(attr);
    expect(res.detail).toContain('512');
  });

  test('a group name of 3,000 characters is a 400', async () => {
    const res = await scim(h, eq, 'POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'g'.repeat(3000),
    });
    expectScimError(res, 400);
  });

  test.each([
    'meta.lastModified gt "10000-01-01T00:00:00Z"',
    'meta.lastModified gt "+275760-09-13T00:00:00Z"',
    'meta.created lt "-000001-01-01T00:00:00Z"',
    'meta.created eq "0000-01-01T00:00:00Z"',
  ])('a date outside the supported range in a filter is a 400: %s', async (filter) => {
    const res = await scim(h, eq, 'GET', `/Users?filter=${encodeURIComponent(filter)}`);
    expect(expectScimError(res, 400).detail).toMatch(/date/);
  });

  test.each(['+275760-09-13T00:00:00Z', '0000-01-01T00:00:00Z', '-000001-01-01T00:00:00Z'])(
    'asOf %s outside the years 0001–9999 is a 400',
    async (asOf) => {
      const res = await h.app.inject({
        method: 'GET',
        url: `/t/${eq.tenant.slug}/api/roster?asOf=${encodeURIComponent(asOf)}`,
        headers: { authorization: `Bearer ${eq.token}` },
      });
      expect(res.statusCode).toBe(400);
    },
  );

  test('JSON nested 10,000 deep is a 400 naming the limit', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const res = expectScimError(await scim(h, eq, 'POST', '/Users', `{"userName":${deep}}`), 400);
    expect(res.detail).toContain('jsonDepth');
  });

  test('a Bulk operation path with bad percent-encoding fails that operation with 400', async () => {
    const res = await scim(h, eq, 'POST', '/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: [{ method: 'DELETE', path: '/Users/%zz' }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().Operations[0].status).toBe('400');
  });

  test('a URL with bad percent-encoding is a SCIM 400', async () => {
    const res = await h.app.inject({
      method: 'GET',
      url: `/t/${eq.tenant.slug}/scim/v2/Users/%zz`,
      headers: { authorization: `Bearer ${eq.token}` },
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.json().schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  });

  test('a wrong content type is a SCIM 415', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: `/t/${eq.tenant.slug}/scim/v2/Users`,
      headers: { authorization: `Bearer ${eq.token}`, 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expectScimError(res, 415);
  });

  test('a registration form over 16 KB is a 4xx page, not 500', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: `/t/${eq.tenant.slug}/register/${'A'.repeat(43)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `password=${'x'.repeat(20_000)}`,
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });

  test('a NUL in a registration form field is a 400 page', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: `/t/${eq.tenant.slug}/register/${'A'.repeat(43)}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'displayName=a%00b&password=x',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('errors raised before routing come back in the SCIM shape', () => {
  let base: string;
  beforeAll(async () => {
    base = await h.app.listen({ port: 0, host: '127.0.0.1' });
  });

  /** A raw request through a real socket (inject skips Node's HTTP parser). */
  const raw = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(`${base}${path}`, { headers }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });

  test('headers over the size limit: 431 with a SCIM body', async () => {
    const res = await raw(`/t/${eq.tenant.slug}/scim/v2/Users`, { 'x-big': 'x'.repeat(20_000) });
    expect(res.status).toBe(431);
    expect(JSON.parse(res.body).schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  });

  test('a URL over the size limit: 414 or 431 with a SCIM body', async () => {
    const res = await raw(`/t/${eq.tenant.slug}/scim/v2/Users?filter=${'x'.repeat(20_000)}`);
    expect([414, 431]).toContain(res.status);
    expect(JSON.parse(res.body).schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  });

  test('a path parameter over the length limit is a SCIM 4xx', async () => {
    const res = await raw(`/t/${'t'.repeat(200)}/scim/v2/Users`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(JSON.parse(res.body).schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  });
});

describe('the work of one request is bounded before it starts; the refusal names the limit', () => {
  test.each([
    [
      'attributeNames',
      () =>
        scim(h, eq, 'POST', '/Users/.search', {
          attributes: Array.from({ length: 101 }, (_, i) => `a${i}`),
        }),
    ],
    [
      'attributeNames',
      () =>
        scim(h, eq, 'GET', `/Users?attributes=${Array.from({ length: 200 }, () => 'userName').join(',')}`),
    ],
    [
      'pathLength',
      () =>
        scim(h, eq, 'PATCH', `/Users/${eq.adminId}`, {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', path: Array(10_000).fill('a').join('.'), value: 'x' }],
        }),
    ],
    [
      'patchOperations',
      () =>
        scim(h, eq, 'PATCH', `/Users/${eq.adminId}`, {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: Array.from({ length: 1001 }, () => ({
            op: 'replace',
            path: 'displayName',
            value: 'x',
          })),
        }),
    ],
    [
      'filterLength',
      () => scim(h, eq, 'GET', `/Users?filter=${encodeURIComponent(`userName eq "${'x'.repeat(10_001)}"`)}`),
    ],
    [
      'filterDepth',
      () =>
        scim(
          h,
          eq,
          'GET',
          `/Users?filter=${encodeURIComponent(`${'('.repeat(17)}userName pr${')'.repeat(17)}`)}`,
        ),
    ],
    [
      'filterTerms',
      () =>
        scim(h, eq, 'POST', '/Users/.search', {
          filter: Array.from({ length: 201 }, (_, i) => `userName eq "u${i}"`).join(' or '),
        }),
    ],
    [
      'jsonString',
      () => scim(h, eq, 'POST', '/Users', eqUser('longremark', {}, { remarks: 'r'.repeat(40_000) })),
    ],
  ])('over %s', async (limit, send) => {
    const res = await send();
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain(limit);
  });

  test('a .search body of 100,000 names is refused by its size (413) before it is parsed', async () => {
    const res = await scim(h, eq, 'POST', '/Users/.search', {
      attributes: Array.from({ length: 100_000 }, (_, i) => `a${i}`),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  });

  test('/ServiceProviderConfig advertises the limits', async () => {
    const res = await scim(h, eq, 'GET', '/ServiceProviderConfig');
    const spc = res.json();
    expect(spc.bulk).toMatchObject({ maxOperations: 10_000, maxPayloadSize: 16 * 1024 * 1024 });
    expect(spc.filter.maxResults).toBe(1000);
    expect(
      spc['urn:ietf:params:scim:schemas:extension:rostersheet:2.0:ServiceProviderConfig'].limits,
    ).toMatchObject({
      filterLength: 10_000,
      pathLength: 512,
      patchOperations: 1000,
      attributeNames: 100,
      jsonDepth: 32,
    });
  });
});
