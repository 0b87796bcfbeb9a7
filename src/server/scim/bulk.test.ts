import { ROSTER_USER_EXTENSION as EXT } from '../../domain';
import { BULK_MAX_OPERATIONS, SCHEMA_PATCH } from '../../scim/constants';
import { BULK_REQUEST, bulkCreate, eqUser } from '../../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';

let h: Harness;
let t: TestTenant;
beforeAll(async () => {
  h = await startHarness();
  t = await h.tenant({ slug: 'bulk', userLimit: 5000 });
});
afterAll(() => h.close());

const userCount = async () =>
  Number(
    (
      await h.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('tenant_id', '=', t.tenant.id)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('/Bulk', () => {
  test('bulkId references: a user created in the request joins a group created after it and is patched', async () => {
    const res = await scim(h, t, 'POST', '/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'u1', data: eqUser('bulkref') },
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'g1',
          data: {
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
            displayName: '新設部',
            members: [{ value: 'bulkId:u1' }],
          },
        },
        {
          method: 'PATCH',
          path: '/Users/bulkId:u1',
          data: {
            schemas: [SCHEMA_PATCH],
            Operations: [{ op: 'replace', path: 'displayName', value: '参照済み' }],
          },
        },
      ],
    });
    expect(res.statusCode).toBe(200);
    const ops = res.json().Operations;
    expect(ops.map((o: { status: string }) => o.status)).toEqual(['201', '201', '200']);
    const userId = ops[0].location.split('/').pop();
    const user = await scim(h, t, 'GET', `/Users/${userId}`);
    expect(user.json()).toMatchObject({
      displayName: '参照済み',
      groups: [expect.objectContaining({ value: ops[1].location.split('/').pop() })],
    });
    expect(user.headers.etag).toBe('W/"3"');
  });

  test('each operation is atomic: a bad one fails alone with its error, the others are written', async () => {
    const before = await userCount();
    const res = await scim(h, t, 'POST', '/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'ok1', data: eqUser('atomic1') },
        {
          method: 'POST',
          path: '/Users',
          bulkId: 'bad',
          data: eqUser('atomic2', { emails: [{ value: 'not-an-email' }] }),
        },
        {
          method: 'POST',
          path: '/Users',
          bulkId: 'dup',
          data: eqUser('ATOMIC1', { emails: [{ value: 'other@example.jp' }] }),
        },
        { method: 'POST', path: '/Users', bulkId: 'ok2', data: eqUser('atomic3') },
      ],
    });
    const ops = res.json().Operations;
    expect(ops.map((o: { bulkId: string; status: string }) => [o.bulkId, o.status])).toEqual([
      ['ok1', '201'],
      ['bad', '400'],
      ['dup', '409'],
      ['ok2', '201'],
    ]);
    expect(ops[1].response).toMatchObject({ scimType: 'invalidValue', status: '400' });
    expect(await userCount()).toBe(before + 2);
  });

  test('user IDs the server assigns go on counting across requests, also past a request that assigns none', async () => {
    const post = (names: string[], blank: boolean) =>
      scim(h, t, 'POST', '/Bulk', {
        schemas: [BULK_REQUEST],
        Operations: names.map((n) => ({
          method: 'POST',
          path: '/Users',
          bulkId: n,
          data: eqUser(n, blank ? { userName: undefined } : {}),
        })),
      });
    const assigned = async (names: string[], blank: boolean) =>
      (
        (await post(names, blank)).json().Operations as { status: string; response: { userName: string } }[]
      ).map((o) => [o.status, o.response.userName]);
    const first = await assigned(['seqa1', 'seqa2'], true);
    expect(await assigned(['seqnamed'], false)).toEqual([['201', 'seqnamed']]);
    const later = await assigned(['seqa3'], true);
    const ids = [...first, ...later].map(([status, id]) => {
      expect(status).toBe('201');
      return id;
    });
    expect(ids.every((id) => /^u\d{7}$/.test(id!))).toBe(true);
    expect(new Set(ids).size).toBe(3);
    expect(Number(ids[2]!.slice(1))).toBeGreaterThan(Number(ids[1]!.slice(1)));
  });

  test('each successful user operation carries the resource as stored (RFC 7644 3.7.3), beside location and version', async () => {
    const created = await scim(h, t, 'POST', '/Users', eqUser('carrypatched'));
    const res = await scim(h, t, 'POST', '/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: [
        // The status of a new user is the server's (seed 004).
        { method: 'POST', path: '/Users', bulkId: 'c1', data: eqUser('carrynew') },
        {
          method: 'PATCH',
          path: `/Users/${created.json().id}`,
          data: {
            schemas: [SCHEMA_PATCH],
            Operations: [{ op: 'replace', path: 'displayName', value: '変更後' }],
          },
        },
      ],
    });
    const [c, p] = res.json().Operations;
    expect(c).toMatchObject({ status: '201', bulkId: 'c1', version: 'W/"1"' });
    const id = c.location.split('/').pop();
    expect(c.response).toMatchObject({
      id,
      userName: 'carrynew',
      [EXT]: expect.objectContaining({ status: 'provisional' }),
      meta: expect.objectContaining({ version: 'W/"1"', location: c.location }),
    });
    expect(c.response).toEqual((await scim(h, t, 'GET', `/Users/${id}`)).json());
    expect(p).toMatchObject({ status: '200', version: 'W/"2"' });
    expect(p.response).toMatchObject({ id: created.json().id, displayName: '変更後' });
    expect(p.response).toEqual((await scim(h, t, 'GET', `/Users/${created.json().id}`)).json());
  });

  test('failOnErrors stops after that many errors and leaves the rest unprocessed', async () => {
    const res = await scim(h, t, 'POST', '/Bulk', {
      schemas: [BULK_REQUEST],
      failOnErrors: 1,
      Operations: [
        { method: 'POST', path: '/Users', data: eqUser('foe1', { displayName: '' }) },
        { method: 'POST', path: '/Users', data: eqUser('foe2') },
      ],
    });
    expect(res.json().Operations.map((o: { status: string }) => o.status)).toEqual(['400']);
    expect(
      (await scim(h, t, 'GET', `/Users?filter=${encodeURIComponent('userName eq "foe2"')}`)).json()
        .totalResults,
    ).toBe(0);
  });

  test('a per-operation version that is stale gives 412 for that operation', async () => {
    const created = await scim(h, t, 'POST', '/Users', eqUser('bulkversion'));
    const id = created.json().id;
    await scim(h, t, 'PATCH', `/Users/${id}`, {
      schemas: [SCHEMA_PATCH],
      Operations: [{ op: 'replace', path: 'displayName', value: 'x' }],
    });
    const res = await scim(h, t, 'POST', '/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: [{ method: 'DELETE', path: `/Users/${id}`, version: 'W/"1"' }],
    });
    expect(res.json().Operations[0].status).toBe('412');
  });

  test('?dryRun=true runs every check and writes nothing', async () => {
    const before = await userCount();
    const auditBefore = await h.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const body = bulkCreate('dry', 3);
    body.Operations.push({
      method: 'POST',
      path: '/Users',
      bulkId: 'bad',
      data: eqUser('dry-bad', { [EXT]: { role: '7' } }),
    });
    const res = await scim(h, t, 'POST', '/Bulk?dryRun=true', body);
    expect(res.json().Operations.map((o: { status: string }) => o.status)).toEqual([
      '201',
      '201',
      '201',
      '400',
    ]);
    expect(await userCount()).toBe(before);
    const auditAfter = await h.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(auditAfter.n).toBe(auditBefore.n);
  });

  test(`more than ${BULK_MAX_OPERATIONS} operations is 413`, async () => {
    const body = {
      schemas: [BULK_REQUEST],
      Operations: Array.from({ length: BULK_MAX_OPERATIONS + 1 }, () => ({
        method: 'DELETE',
        path: '/Users/x',
      })),
    };
    const res = await scim(h, t, 'POST', '/Bulk', body);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ status: '413' });
  });

  test('a body over maxPayloadSize is 413', async () => {
    const res = await scim(
      h,
      t,
      'POST',
      '/Bulk',
      `{"schemas":["${BULK_REQUEST}"],"Operations":[],"pad":"${'x'.repeat(17 * 1024 * 1024)}"}`,
    );
    expect(res.statusCode).toBe(413);
  });
});

describe('paging', () => {
  test('paging through 1,000 users gives every user once with correct totals', async () => {
    const res = await scim(h, t, 'POST', '/Bulk', bulkCreate('page', 1000));
    expect(res.json().Operations.every((o: { status: string }) => o.status === '201')).toBe(true);
    const filter = encodeURIComponent('userName sw "page"');
    const seen = new Set<string>();
    for (let start = 1; start <= 1000; start += 150) {
      const page = (
        await scim(h, t, 'GET', `/Users?filter=${filter}&startIndex=${start}&count=150&sortBy=userName`)
      ).json();
      expect(page.totalResults).toBe(1000);
      expect(page.startIndex).toBe(start);
      for (const u of page.Resources) seen.add(u.userName);
      if (start === 1) expect(page.Resources[0].userName).toBe('page00000');
    }
    expect(seen.size).toBe(1000);
  });

  test('count=0 gives only the total; count is capped at 1,000', async () => {
    const zero = (await scim(h, t, 'GET', '/Users?count=0')).json();
    expect(zero.itemsPerPage).toBe(0);
    expect(zero.totalResults).toBeGreaterThan(1000);
    const capped = (await scim(h, t, 'GET', '/Users?count=5000')).json();
    expect(capped.itemsPerPage).toBe(1000);
  });

  test('sortOrder descending reverses the order', async () => {
    const filter = encodeURIComponent('userName sw "page0000"');
    const page = (
      await scim(h, t, 'GET', `/Users?filter=${filter}&sortBy=userName&sortOrder=descending`)
    ).json();
    expect(page.Resources.map((u: { userName: string }) => u.userName)).toEqual(
      Array.from({ length: 10 }, (_, i) => `page0000${9 - i}`),
    );
  });
});

describe('filters', () => {
  const count = async (f: string) =>
    (await scim(h, t, 'GET', `/Users?count=0&filter=${encodeURIComponent(f)}`)).json().totalResults;

  test.each([
    ['userName eq "PAGE00001"', 1],
    ['userName co "age0099"', 10],
    ['userName ew "999"', 1],
    ['userName sw "page" and userName ew "0"', 100],
    ['userName eq "page00001" or userName eq "page00002"', 2],
    ['userName sw "page" and not (userName ew "0")', 900],
    ['emails.value eq "page00003@example.jp"', 1],
    ['emails[type eq "work" and value sw "page0001"] and userName sw "page"', 10],
    [`${EXT}:role eq "0" and userName sw "page"`, 1000],
    ['userName sw "page" and externalId pr', 0],
    ['meta.created ge "2000-01-01T00:00:00Z" and userName sw "page"', 1000],
    ['active eq true and userName sw "page"', 1000],
  ])('%s matches %i', async (f, n) => {
    expect(await count(f)).toBe(n);
  });

  test.each([
    'userName xx "a"',
    'nosuchattr eq "a"',
    'userName eq',
    'meta.created gt "not a date"',
    'active co "t"',
  ])('%s is 400 invalidFilter', async (f) => {
    const res = await scim(h, t, 'GET', `/Users?filter=${encodeURIComponent(f)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().scimType).toBe('invalidFilter');
  });

  test('attributes and excludedAttributes shape the resources', async () => {
    const f = encodeURIComponent('userName eq "page00001"');
    const only = (
      await scim(h, t, 'GET', `/Users?filter=${f}&attributes=userName,emails.value,${EXT}:role`)
    ).json().Resources[0];
    expect(Object.keys(only).sort()).toEqual(['emails', 'id', 'schemas', 'userName', EXT].sort());
    expect(only[EXT]).toEqual({ role: '0' });
    expect(only.emails).toEqual([{ value: 'page00001@example.jp' }]);
    const without = (await scim(h, t, 'GET', `/Users?filter=${f}&excludedAttributes=groups,meta`)).json()
      .Resources[0];
    expect(without.groups).toBeUndefined();
    expect(without.meta).toBeUndefined();
    expect(without.userName).toBe('page00001');
  });
});
