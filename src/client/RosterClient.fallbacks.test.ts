import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { RosterClient } from './RosterClient';

/**
 * What the client does for a SCIM service that is not ours (issue 19): paging the service
 * offers instead of index paging, a service that ignores startIndex, and a filter that compares
 * case-exactly where RFC 7643 says it must not (userName, displayName and emails are
 * caseExact false: RFC 7643 4.1.1, 4.1.2).
 */
const BASE = 'https://idp.example.com/scim/v2';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const users = Array.from({ length: 7 }, (_, i) => ({
  schemas: [USER],
  id: `u${i}`,
  userName: `User${i}`,
  displayName: i === 3 ? 'Tanaka Hanako' : `Person ${i}`,
}));
const client = () => new RosterClient({ connection: { scimUrl: BASE }, token: 't', locale: 'en' });
const list = (resources: unknown[], total: number, extra: Record<string, unknown> = {}) =>
  HttpResponse.json({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: total,
    Resources: resources,
    ...extra,
  });
const spc = (extra: Record<string, unknown>) =>
  http.get(`${BASE}/ServiceProviderConfig`, () =>
    HttpResponse.json({ filter: { supported: true, maxResults: 3 }, ...extra }),
  );

test('a generic connection talks to the SCIM base URL itself, not <server>/t/<slug>/scim/v2', async () => {
  server.use(
    spc({}),
    http.get(`${BASE}/Users`, () => list(users, users.length)),
  );
  expect((await client().listUsers()).map((u) => u.id)).toEqual(users.map((u) => u.id));
});

test('a service that ignores startIndex (the same page each time) gives every user once, read in one request', async () => {
  const asked: string[] = [];
  server.use(
    spc({}),
    http.get(`${BASE}/Users`, ({ request }) => {
      const url = new URL(request.url);
      asked.push(url.search);
      // Honours count, ignores startIndex.
      const count = Number(url.searchParams.get('count') ?? users.length);
      return list(users.slice(0, count), users.length);
    }),
  );
  const got = await client().listUsers();
  expect(got.map((u) => u.id)).toEqual(users.map((u) => u.id));
  expect(new Set(got.map((u) => u.id)).size).toBe(users.length);
});

test('without index paging (pagination.index false, no cursor) the list is asked for once, without startIndex', async () => {
  const asked: string[] = [];
  server.use(
    spc({ pagination: { index: false, cursor: false } }),
    http.get(`${BASE}/Users`, ({ request }) => {
      asked.push(new URL(request.url).search);
      return list(users, users.length);
    }),
  );
  expect(await client().listUsers()).toHaveLength(users.length);
  expect(asked).toHaveLength(1);
  expect(asked[0]).not.toContain('startIndex');
});

test('a service whose filter compares case-exactly still finds "tanaka" in "Tanaka Hanako"', async () => {
  server.use(
    spc({}),
    http.get(`${BASE}/Users`, ({ request }) => {
      const url = new URL(request.url);
      const filter = url.searchParams.get('filter');
      const start = Number(url.searchParams.get('startIndex') ?? 1);
      const count = Number(url.searchParams.get('count') ?? 3);
      let found = users;
      const m = filter ? /^(\w+) (eq|co) "(.*)"$/.exec(filter) : null;
      if (m) {
        const [, attr, op, value] = m;
        found = users.filter((u) => {
          const v = String((u as Record<string, unknown>)[attr!] ?? '');
          // The quirk: case-exact, though userName and displayName are caseExact false.
          return op === 'eq' ? v === value : v.includes(value!);
        });
      }
      return list(found.slice(start - 1, start - 1 + count), found.length, { startIndex: start });
    }),
  );
  const c = client();
  const hits = await c.search('displayName', 'tanaka');
  expect(hits.map((u) => u.id)).toEqual(['u3']);
  expect(c.features.caseExactFilter).toBe(true);
});
