import { bulkCreate, eqUser } from '../../../test/server/builders';
import { ROSTER_USER_EXTENSION as EXT } from '../../domain';
import { scim, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';

/** Cursor paging of /Users (RFC 9865): order, stability, cursors that are refused. */
let h: Harness;
let t: TestTenant;
let other: TestTenant;
beforeAll(async () => {
  h = await startHarness();
  t = await h.tenant({ slug: 'acme' });
  other = await h.tenant({ slug: 'other' });
  // 30 users created at one instant (one Bulk request): the id alone orders them.
  const res = await scim(h, t, 'POST', '/Bulk', bulkCreate('cu', 30));
  expect(res.statusCode).toBe(200);
});
afterAll(() => h.close());

interface ListBody {
  totalResults: number;
  itemsPerPage: number;
  startIndex?: number;
  nextCursor?: string;
  previousCursor?: string;
  Resources: { id: string; userName: string }[];
}

async function page(tenant: TestTenant, query: string): Promise<ListBody> {
  const res = await scim(h, tenant, 'GET', `/Users?${query}`);
  expect(res.statusCode).toBe(200);
  return res.json() as ListBody;
}

/** Every page from the empty cursor on; `between` runs after each page. */
async function walk(count: number, between?: (n: number) => Promise<void>, extra = ''): Promise<ListBody[]> {
  const pages: ListBody[] = [];
  for (let cursor = ''; ;) {
    const body = await page(t, `cursor=${encodeURIComponent(cursor)}&count=${count}${extra}`);
    pages.push(body);
    await between?.(pages.length);
    if (!body.nextCursor) return pages;
    cursor = body.nextCursor;
  }
}

async function allByIndex(): Promise<string[]> {
  const body = await page(t, 'startIndex=1&count=1000');
  return body.Resources.map((u) => u.id);
}

/** The bulk-created users (not the signed-in admin, who cannot be deleted), in list order. */
async function createdByIndex(): Promise<string[]> {
  const body = await page(t, 'startIndex=1&count=1000');
  return body.Resources.filter((u) => u.userName.startsWith('cu')).map((u) => u.id);
}

describe('cursor paging', () => {
  test('walks every user once, in the index order, and the last page has no nextCursor', async () => {
    const pages = await walk(7);
    const ids = pages.flatMap((p) => p.Resources.map((u) => u.id));
    expect(ids).toEqual(await allByIndex());
    expect(ids).toHaveLength(31);
    expect(pages).toHaveLength(5);
    for (const p of pages) {
      expect(p.totalResults).toBe(31);
      expect(p.itemsPerPage).toBe(p.Resources.length);
      // RFC 9865 Section 2: a cursor page has no startIndex; cursors are unreserved characters.
      expect(p.startIndex).toBeUndefined();
      if (p.nextCursor) expect(p.nextCursor).toMatch(/^[A-Za-z0-9._~-]+$/);
    }
    expect(pages.at(-1)!.nextCursor).toBeUndefined();
  });

  test('a bare `cursor` (no value) asks for the first page', async () => {
    const body = await page(t, 'cursor&count=5');
    expect(body.Resources.map((u) => u.id)).toEqual((await allByIndex()).slice(0, 5));
    expect(body.nextCursor).toBeDefined();
    expect(body.previousCursor).toBeUndefined();
  });

  test('POST /Users/.search takes the cursor in the body (RFC 9865 Section 3)', async () => {
    const first = await scim(h, t, 'POST', '/Users/.search', { cursor: '', count: 10 });
    expect(first.statusCode).toBe(200);
    const second = await scim(h, t, 'POST', '/Users/.search', { cursor: first.json().nextCursor, count: 10 });
    const ids = (await allByIndex()).slice(10, 20);
    expect((second.json() as ListBody).Resources.map((u) => u.id)).toEqual(ids);
  });

  test('previousCursor leads back to the page before', async () => {
    const pages = await walk(8);
    const back = await page(t, `cursor=${pages[2]!.previousCursor}&count=8`);
    expect(back.Resources.map((u) => u.id)).toEqual(pages[1]!.Resources.map((u) => u.id));
    const start = await page(t, `cursor=${back.previousCursor}&count=8`);
    expect(start.Resources.map((u) => u.id)).toEqual(pages[0]!.Resources.map((u) => u.id));
    expect(start.previousCursor).toBeUndefined();
    expect(start.nextCursor).toBeDefined();
  });

  test('a filtered walk keeps its filter; attributes apply to every page', async () => {
    const filter = encodeURIComponent('userName sw "cu0001"');
    const pages = await walk(4, undefined, `&filter=${filter}&attributes=userName`);
    const names = pages.flatMap((p) => p.Resources.map((u) => u.userName));
    const indexed = await page(t, `startIndex=1&count=100&filter=${filter}`);
    expect(names).toEqual(indexed.Resources.map((u) => u.userName));
    expect([...names].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `cu0001${i}`));
    expect(Object.keys(pages[0]!.Resources[0]!).sort()).toEqual(['id', 'schemas', 'userName']);
  });

  test('a listed user is the user read by id, by cursor and by index', async () => {
    const body = eqUser(
      'cwhole',
      {
        externalId: 'rs-whole',
        name: { familyName: '山田', givenName: '花子' },
        title: '課長',
        phoneNumbers: [{ value: '03-0000-0000', type: 'work' }],
        'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: '営業' },
      },
      { groupIds: t.groups, remarks: 'メモ' },
    );
    const created = await scim(h, t, 'POST', '/Users', body);
    expect(created.statusCode).toBe(201);
    h.clock.advance(1234);
    const id = created.json().id as string;
    expect(
      (
        await scim(h, t, 'PATCH', `/Users/${id}`, {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'replace', path: `${EXT}:remarks`, value: '変更後' }],
        })
      ).statusCode,
    ).toBe(200);
    const byId = (await scim(h, t, 'GET', `/Users/${id}`)).json();
    expect(byId.meta.created).not.toBe(byId.meta.lastModified);
    const filter = encodeURIComponent('userName eq "cwhole"');
    expect((await page(t, `cursor=&filter=${filter}`)).Resources).toEqual([byId]);
    expect((await page(t, `startIndex=1&filter=${filter}`)).Resources).toEqual([byId]);
    expect((await scim(h, t, 'DELETE', `/Users/${id}`)).statusCode).toBe(204);
  });

  test('stable under inserts and deletes between pages: none twice, none that stayed skipped', async () => {
    const before = await allByIndex();
    const created = await createdByIndex();
    const read = new Set<string>();
    const deleted = new Set<string>();
    const pages = await walk(6, async (n) => {
      if (n !== 2) return;
      // After the second page: delete one user already read and two not read yet, add three.
      for (const id of [created[1]!, created[20]!, created[25]!]) {
        expect((await scim(h, t, 'DELETE', `/Users/${id}`)).statusCode).toBe(204);
        deleted.add(id);
      }
      for (const name of ['cz001', 'cz002', 'cz003'])
        expect((await scim(h, t, 'POST', '/Users', eqUser(name))).statusCode).toBe(201);
    });
    for (const p of pages)
      for (const u of p.Resources) {
        expect(read.has(u.id)).toBe(false);
        read.add(u.id);
      }
    for (const id of before) if (!deleted.has(id)) expect(read.has(id)).toBe(true);
    expect(read.has(created[20]!)).toBe(false);
  });
});

describe('cursors that are refused (RFC 9865 Section 2.1)', () => {
  let valid = '';
  beforeAll(async () => {
    valid = (await page(t, 'cursor=&count=3')).nextCursor!;
  });

  const refused = async (tenant: TestTenant, query: string, scimType: string) => {
    const res = await scim(h, tenant, 'GET', `/Users?${query}`);
    expect({ status: res.statusCode, scimType: res.json().scimType }).toEqual({ status: 400, scimType });
    return res.json() as { detail: string };
  };

  test('garbled, truncated, forged or foreign cursors are invalidCursor, never a 500', async () => {
    const [body, sum] = valid.split('.') as [string, string];
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const forged = (parts: unknown[]) => `${Buffer.from(JSON.stringify(parts)).toString('base64url')}.${sum}`;
    const bad = [
      'x',
      'garbage.garbage',
      valid.slice(0, -1),
      flip(valid, 3),
      `${body}.${flip(sum, 0)}`,
      `${valid}.${sum}`,
      forged([1, 'n', "0'; drop table users; --", 'x', 0]),
      forged([1, 'n', '1', "x' or '1'='1", Math.floor(Date.now() / 1000)]),
      "'; drop table users; --",
      'a'.repeat(5000),
      '%00',
    ];
    for (const c of bad) await refused(t, `cursor=${encodeURIComponent(c)}&count=3`, 'invalidCursor');
    // Another tenant's cursor, and one made for another filter, are not this list's.
    await refused(other, `cursor=${valid}&count=3`, 'invalidCursor');
    await refused(
      t,
      `cursor=${valid}&count=3&filter=${encodeURIComponent('userName sw "cu"')}`,
      'invalidCursor',
    );
    // The list is still whole.
    expect((await page(t, 'startIndex=1&count=1')).totalResults).toBeGreaterThanOrEqual(30);
  });

  test('a cursor older than cursorTimeout is expiredCursor', async () => {
    h.clock.advance(3601 * 1000);
    try {
      // A new session: the first one ends within the hour too.
      const session = await h.app.inject({
        method: 'POST',
        url: '/t/acme/api/session',
        payload: { userName: t.adminUserName, password: t.adminPassword },
      });
      const later = { ...t, token: session.json().token as string };
      const { detail } = await refused(later, `cursor=${valid}&count=3`, 'expiredCursor');
      expect(detail).toContain('3600');
    } finally {
      h.clock.advance(-3601 * 1000);
    }
  });

  test('cursor with sortBy or startIndex, a count below 1, and cursors elsewhere are refused', async () => {
    await refused(t, 'cursor=&sortBy=userName', 'invalidValue');
    await refused(t, 'cursor=&startIndex=1', 'invalidValue');
    await refused(t, 'cursor=&count=0', 'invalidCount');
    const groups = await scim(h, t, 'GET', '/Groups?cursor=');
    expect(groups.statusCode).toBe(400);
    const root = await scim(h, t, 'POST', '/.search', { cursor: '' });
    expect(root.statusCode).toBe(400);
  });

  test('index paging is as before: startIndex, and no cursors in the answer', async () => {
    const body = await page(t, 'startIndex=2&count=3');
    expect(body.startIndex).toBe(2);
    expect(body.nextCursor).toBeUndefined();
    expect(body.Resources).toHaveLength(3);
    // Sorted index pages: each page in order, and the pages one after the other.
    const names = [];
    for (let start = 1; start <= 40; start += 7) {
      const sorted = await page(t, `startIndex=${start}&count=7&sortBy=userName&sortOrder=descending`);
      names.push(...sorted.Resources.map((u) => u.userName));
    }
    expect(names).toEqual([...names].sort().reverse());
    expect(new Set(names).size).toBe(names.length);
  });
});
