import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { profiles, ROSTER_USER_EXTENSION } from '../domain';
import type { SubmitOp } from '../scim/operations';
import { RosterClient } from './RosterClient';
import { Submitter } from './Submitter';

/**
 * What the Submitter does for a SCIM server that is not ours (issue "Any SCIM 2.0 service"):
 * no ETag, a 204 to PATCH, Retry-After as an HTTP date.
 */
const BASE = 'https://scim.example.jp/t/demo-eq';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const update = (n: number, before: string, after: string): SubmitOp => ({
  kind: 'update',
  rowNumber: n,
  id: `id${n}`,
  version: '',
  body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [] },
  changes: [{ column: 'remarks', before, after }],
});
const userWith = (id: string, remarks: string) => ({
  schemas: [USER],
  id,
  userName: `u-${id}`,
  [ROSTER_USER_EXTENSION]: { remarks, role: '0', canComment: '1' },
});

function submitter(sleeps: number[] = []) {
  const client = new RosterClient({
    connection: { serverUrl: 'https://scim.example.jp', tenant: 'demo-eq' },
    token: 't',
    locale: 'en',
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return new Submitter(client, profiles.eq);
}

const spc = (extra: Record<string, unknown>) =>
  http.get(`${BASE}/scim/v2/ServiceProviderConfig`, () =>
    HttpResponse.json({ filter: { supported: true, maxResults: 100 }, ...extra }),
  );

describe('a server without ETag', () => {
  test('each changed user is read first: changed on the server since the pull is a conflict, never overwritten', async () => {
    const patched: { id: string; ifMatch: string | null }[] = [];
    server.use(
      spc({ etag: { supported: false }, bulk: { supported: false } }),
      // id1 is as pulled; another administrator changed id2's remarks after the pull.
      http.get(`${BASE}/scim/v2/Users/:id`, ({ params }) =>
        HttpResponse.json(userWith(String(params.id), params.id === 'id2' ? 'changed by someone' : 'old')),
      ),
      http.patch(`${BASE}/scim/v2/Users/:id`, ({ params, request }) => {
        patched.push({ id: String(params.id), ifMatch: request.headers.get('if-match') });
        return HttpResponse.json(userWith(String(params.id), 'new'));
      }),
    );
    const out = await submitter().submit([update(1, 'old', 'new'), update(2, 'old', 'new')]);
    expect(out.map((o) => o.status)).toEqual(['done', 'conflict']);
    // No If-Match without a version: an empty one (If-Match: "") matches nothing on some servers.
    expect(patched).toEqual([{ id: 'id1', ifMatch: null }]);
  });

  test('through Bulk too: no version is sent, and a changed user is a conflict', async () => {
    const sent: Record<string, unknown>[] = [];
    server.use(
      spc({
        etag: { supported: false },
        bulk: { supported: true, maxOperations: 10, maxPayloadSize: 100_000 },
      }),
      http.get(`${BASE}/scim/v2/Users/:id`, ({ params }) =>
        HttpResponse.json(userWith(String(params.id), params.id === 'id2' ? 'changed by someone' : 'old')),
      ),
      http.post(`${BASE}/scim/v2/Bulk`, async ({ request }) => {
        const body = (await request.json()) as { Operations: Record<string, unknown>[] };
        sent.push(...body.Operations);
        return HttpResponse.json({ Operations: body.Operations.map(() => ({ status: '200' })) });
      }),
    );
    const out = await submitter().submit([update(1, 'old', 'new'), update(2, 'old', 'new')]);
    expect(out.map((o) => o.status)).toEqual(['done', 'conflict']);
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toHaveProperty('version');
  });
});

test('a PATCH answered 204 No Content (RFC 7644 3.5.2) is done, with the version read back', async () => {
  server.use(
    spc({ etag: { supported: true }, bulk: { supported: false } }),
    http.patch(`${BASE}/scim/v2/Users/:id`, () => new HttpResponse(null, { status: 204 })),
    http.get(`${BASE}/scim/v2/Users/:id`, ({ params }) =>
      HttpResponse.json({ ...userWith(String(params.id), 'new'), meta: { version: 'W/"7"' } }),
    ),
  );
  const op = { ...update(1, 'old', 'new'), version: 'W/"6"' };
  const out = await submitter().submit([op]);
  expect(out[0]).toMatchObject({ status: 'done', id: 'id1', version: 'W/"7"' });
});

test('Retry-After as an HTTP date is waited out (RFC 9110 10.2.3)', async () => {
  let calls = 0;
  server.use(
    http.get(`${BASE}/scim/v2/ServiceProviderConfig`, () => {
      calls++;
      if (calls === 1) {
        const at = new Date(Date.now() + 4000).toUTCString();
        return new HttpResponse(null, { status: 429, headers: { 'retry-after': at } });
      }
      return HttpResponse.json({ filter: { supported: true } });
    }),
  );
  const sleeps: number[] = [];
  await submitter(sleeps).submit([]);
  expect(sleeps).toHaveLength(1);
  // An HTTP date has whole seconds: between 3 and 4 seconds from now.
  expect(sleeps[0]).toBeGreaterThan(2000);
  expect(sleeps[0]).toBeLessThanOrEqual(4000);
});

test('without Bulk, one request per row, at most `concurrency` at once, every row answered', async () => {
  let inFlight = 0;
  let most = 0;
  server.use(
    spc({ etag: { supported: true }, bulk: { supported: false } }),
    http.post(`${BASE}/scim/v2/Users`, async ({ request }) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      const body = (await request.json()) as { externalId: string };
      return HttpResponse.json(
        { ...userWith(`new-${body.externalId}`, ''), meta: { version: 'W/"1"' } },
        { status: 201 },
      );
    }),
  );
  const creates: SubmitOp[] = Array.from({ length: 12 }, (_, i) => ({
    kind: 'create',
    rowNumber: i + 2,
    clientKey: `k${i}`,
    body: { schemas: [USER], userName: `n${i}`, externalId: `k${i}` },
  }));
  const out = await submitter().submit(creates, { concurrency: 3 });
  expect(out.map((o) => o.status)).toEqual(creates.map(() => 'done'));
  expect(out.map((o) => (o.status === 'done' ? o.id : ''))).toEqual(creates.map((_, i) => `new-k${i}`));
  expect(most).toBe(3);
});
