import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ROSTER_USER_EXTENSION as EXT, profiles } from '../domain';
import { scimUserValues } from '../scim/userValues';
import { RosterClient } from './RosterClient';

const BASE = 'https://roster.example.jp/t/demo-eq';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const user = (i: number) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: `u${i}`,
  userName: `user${i}`,
  displayName: `利用者${i}`,
  emails: [{ value: `user${i}@example.jp`, primary: true }],
  [EXT]: { role: '0', canComment: '1', status: '1', remarks: '', groupIds: ['101', '102'] },
  meta: { version: `W/"${i}"` },
});

function spc(maxPageSize = 1000) {
  return http.get(`${BASE}/scim/v2/ServiceProviderConfig`, () =>
    HttpResponse.json({
      bulk: { supported: true, maxOperations: 10000 },
      filter: { supported: true, maxResults: maxPageSize },
      pagination: { index: true, maxPageSize },
    }),
  );
}

function users(total: number, seen: string[] = []) {
  return http.get(`${BASE}/scim/v2/Users`, ({ request }) => {
    const url = new URL(request.url);
    seen.push(url.search);
    const start = Number(url.searchParams.get('startIndex'));
    const count = Number(url.searchParams.get('count'));
    const items = Array.from({ length: Math.max(0, Math.min(count, total - start + 1)) }, (_, k) =>
      user(start + k),
    );
    return HttpResponse.json({
      totalResults: total,
      startIndex: start,
      itemsPerPage: items.length,
      Resources: items,
    });
  });
}

const client = (extra: Partial<ConstructorParameters<typeof RosterClient>[0]> = {}) =>
  new RosterClient({
    connection: { serverUrl: 'https://roster.example.jp', tenant: 'demo-eq' },
    token: 'tok',
    locale: 'ja',
    sleep: async () => {},
    ...extra,
  });

describe('RosterClient', () => {
  test('pages through every user within the server page cap, reporting progress', async () => {
    const seen: string[] = [];
    server.use(spc(100), users(250, seen));
    const progress: [number, number][] = [];
    const list = await client().listUsers(undefined, (d, t) => progress.push([d, t]));
    expect(list).toHaveLength(250);
    expect(new Set(list.map((u) => u.id)).size).toBe(250);
    expect(seen).toEqual([
      '?startIndex=1&count=100',
      '?startIndex=101&count=100',
      '?startIndex=201&count=100',
    ]);
    expect(progress).toEqual([
      [100, 250],
      [200, 250],
      [250, 250],
    ]);
  });

  test('uses cursor paging (RFC 9865) where the server offers it', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${BASE}/scim/v2/ServiceProviderConfig`, () =>
        HttpResponse.json({ pagination: { cursor: true, index: true, maxPageSize: 2 } }),
      ),
      http.get(`${BASE}/scim/v2/Users`, ({ request }) => {
        const cursor = new URL(request.url).searchParams.get('cursor') ?? '';
        seen.push(cursor);
        const next: Record<string, string | undefined> = { '': 'c2', c2: 'c3', c3: undefined };
        const start = ({ '': 1, c2: 3, c3: 5 } as Record<string, number>)[cursor]!;
        const items = start < 5 ? [user(start), user(start + 1)] : [user(start)];
        return HttpResponse.json({ totalResults: 5, nextCursor: next[cursor], Resources: items });
      }),
    );
    const list = await client().listUsers();
    expect(list.map((u) => u.id)).toEqual(['u1', 'u2', 'u3', 'u4', 'u5']);
    expect(seen).toEqual(['', 'c2', 'c3']);
  });

  test('a server that returns an empty page before its total does not loop', async () => {
    server.use(
      spc(),
      http.get(`${BASE}/scim/v2/Users`, () => HttpResponse.json({ totalResults: 10, Resources: [] })),
    );
    expect(await client().listUsers()).toEqual([]);
  });

  test('honours 429 with Retry-After, then succeeds', async () => {
    const waits: number[] = [];
    let calls = 0;
    server.use(
      spc(),
      http.get(`${BASE}/scim/v2/Users`, () => {
        calls++;
        if (calls < 3) return new HttpResponse(null, { status: 429, headers: { 'Retry-After': '7' } });
        return HttpResponse.json({ totalResults: 1, Resources: [user(1)] });
      }),
    );
    const list = await client({ sleep: async (ms) => void waits.push(ms) }).listUsers();
    expect(list).toHaveLength(1);
    expect(waits).toEqual([7000, 7000]);
  });

  test('gives up after the retries with a typed 429 error', async () => {
    server.use(
      spc(),
      http.get(
        `${BASE}/scim/v2/Users`,
        () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '1' } }),
      ),
    );
    await expect(client({ maxRetries: 2 }).listUsers()).rejects.toMatchObject({
      kind: 'http',
      status: 429,
      retryAfterSeconds: 1,
    });
  });

  test('a malformed list is an invalidResponse error, not a crash later', async () => {
    server.use(
      spc(),
      http.get(`${BASE}/scim/v2/Users`, () => HttpResponse.json({ totalResults: 1, Resources: [{ id: 5 }] })),
    );
    await expect(client().listUsers()).rejects.toMatchObject({ kind: 'invalidResponse' });
  });

  test('sends the token and the language, and quotes search text as a SCIM string', async () => {
    let filter = '';
    server.use(
      spc(),
      http.get(`${BASE}/scim/v2/Users`, ({ request }) => {
        expect(request.headers.get('authorization')).toBe('Bearer tok');
        expect(request.headers.get('accept-language')).toBe('ja');
        filter = new URL(request.url).searchParams.get('filter') ?? '';
        return HttpResponse.json({ totalResults: 0, Resources: [] });
      }),
    );
    await client().search('displayName', '山田 "太郎"');
    expect(filter).toBe('displayName co "山田 \\"太郎\\""');
    await client().search('memberNumber', '00012');
    expect(filter).toBe(`${EXT}:memberNumber co "00012"`);
  });

  test('SCIM users become roster row values, groups as a space-separated list', () => {
    expect(scimUserValues(profiles.eq, user(3))).toEqual({
      displayName: '利用者3',
      userName: 'user3',
      email: 'user3@example.jp',
      groups: '101 102',
      remarks: '',
      role: '0',
      canComment: '1',
      status: '1',
    });
  });
});
