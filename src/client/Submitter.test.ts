import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { profiles } from '../domain';
import type { SubmitOp } from '../scim/operations';
import { RosterClient } from './RosterClient';
import { Submitter } from './Submitter';

const BASE = 'https://roster.example.jp/t/demo-eq';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const create = (n: number): SubmitOp => ({
  kind: 'create',
  rowNumber: n,
  clientKey: `k${n}`,
  body: { userName: `u${n}` },
});
const update = (n: number): SubmitOp => ({
  kind: 'update',
  rowNumber: n,
  id: `id${n}`,
  version: 'W/"1"',
  body: { Operations: [] },
  changes: [{ column: 'remarks', before: '', after: 'x' }],
});
const remove = (n: number): SubmitOp => ({
  kind: 'delete',
  id: `id${n}`,
  version: 'W/"1"',
  userName: `u${n}`,
});

function submitter(extra: Partial<ConstructorParameters<typeof RosterClient>[0]> = {}) {
  const client = new RosterClient({
    connection: { serverUrl: 'https://roster.example.jp', tenant: 'demo-eq' },
    token: 't',
    locale: 'en',
    sleep: async () => {},
    ...extra,
  });
  return new Submitter(client, profiles.eq);
}

const spc = (bulk: Record<string, unknown>) =>
  http.get(`${BASE}/scim/v2/ServiceProviderConfig`, () =>
    HttpResponse.json({ bulk, filter: { supported: true, maxResults: 100 } }),
  );

/** A Bulk endpoint that answers each operation by a rule, and records what it got. */
function bulk(
  answer: (op: {
    method: string;
    path: string;
    bulkId?: string;
    version?: string;
  }) => Record<string, unknown>,
  seen: number[] = [],
) {
  return http.post(`${BASE}/scim/v2/Bulk`, async ({ request }) => {
    const body = (await request.json()) as {
      Operations: { method: string; path: string; bulkId?: string }[];
    };
    seen.push(body.Operations.length);
    return HttpResponse.json({ Operations: body.Operations.map(answer) });
  });
}
const ok = (op: { method: string; path: string; bulkId?: string }) =>
  op.method === 'POST'
    ? { status: '201', location: `${BASE}/scim/v2/Users/new-${op.bulkId}`, version: 'W/"1"' }
    : { status: op.method === 'DELETE' ? '204' : '200', version: 'W/"2"' };

describe('Submitter with Bulk', () => {
  test('chunks within maxOperations and maps every answer back to its row', async () => {
    const seen: number[] = [];
    server.use(spc({ supported: true, maxOperations: 3, maxPayloadSize: 1_000_000 }), bulk(ok, seen));
    const progress: number[] = [];
    const out = await submitter().submit(
      [create(1), create(2), update(3), update(4), remove(5), create(6), update(7)],
      { onProgress: (d) => progress.push(d) },
    );
    expect(seen).toEqual([3, 3, 1]);
    expect(progress).toEqual([3, 6, 7]);
    expect(out.map((o) => (o.status === 'done' ? o.id : o.status))).toEqual([
      'new-k1',
      'new-k2',
      'id3',
      'id4',
      'id5',
      'new-k6',
      'id7',
    ]);
  });

  test('chunks within maxPayloadSize', async () => {
    const seen: number[] = [];
    server.use(spc({ supported: true, maxOperations: 1000, maxPayloadSize: 500 }), bulk(ok, seen));
    await submitter().submit(Array.from({ length: 10 }, (_, i) => create(i)));
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.reduce((a, b) => a + b)).toBe(10);
  });

  test('a 412 is a conflict and a rule error keeps its problems', async () => {
    server.use(
      spc({ supported: true, maxOperations: 100, maxPayloadSize: 1_000_000 }),
      bulk((op) =>
        op.path === '/Users/id3'
          ? { status: '412', response: { detail: 'changed' } }
          : op.method === 'POST'
            ? {
                status: '400',
                response: {
                  detail: 'bad',
                  scimType: 'invalidValue',
                  'urn:ietf:params:scim:schemas:extension:rostersheet:2.0:Problems': {
                    problems: [{ column: 'email', code: 'required', message: 'x' }],
                  },
                },
              }
            : ok(op),
      ),
    );
    const out = await submitter().submit([create(1), update(3), update(4)]);
    expect(out.map((o) => o.status)).toEqual(['failed', 'conflict', 'done']);
    expect(out[0]).toMatchObject({ httpStatus: 400, problems: [{ column: 'email' }] });
  });

  test('a 413 halves the chunk until it fits', async () => {
    const seen: number[] = [];
    server.use(
      spc({ supported: true, maxOperations: 8, maxPayloadSize: 1_000_000 }),
      http.post(`${BASE}/scim/v2/Bulk`, async ({ request }) => {
        const body = (await request.json()) as {
          Operations: { method: string; path: string; bulkId?: string }[];
        };
        seen.push(body.Operations.length);
        if (body.Operations.length > 2)
          return HttpResponse.json({ status: '413', detail: 'too big' }, { status: 413 });
        return HttpResponse.json({ Operations: body.Operations.map(ok) });
      }),
    );
    const out = await submitter().submit(Array.from({ length: 8 }, (_, i) => create(i)));
    expect(out.every((o) => o.status === 'done')).toBe(true);
    expect(seen).toEqual([8, 4, 2, 2, 4, 2, 2]);
  });

  test('429 with Retry-After is waited out', async () => {
    let calls = 0;
    server.use(
      spc({ supported: true, maxOperations: 100, maxPayloadSize: 1_000_000 }),
      http.post(`${BASE}/scim/v2/Bulk`, async ({ request }) => {
        if (++calls === 1) return new HttpResponse(null, { status: 429, headers: { 'Retry-After': '2' } });
        const body = (await request.json()) as {
          Operations: { method: string; path: string; bulkId?: string }[];
        };
        return HttpResponse.json({ Operations: body.Operations.map(ok) });
      }),
    );
    const waits: number[] = [];
    const out = await submitter({ sleep: async (ms) => void waits.push(ms) }).submit([create(1)]);
    expect(out[0]!.status).toBe('done');
    expect(waits).toEqual([2000]);
  });

  test('a timed-out request is reconciled by client key: nothing is created twice', async () => {
    const created = new Map<string, number>();
    server.use(
      spc({ supported: true, maxOperations: 100, maxPayloadSize: 1_000_000 }),
      http.post(`${BASE}/scim/v2/Bulk`, async ({ request }) => {
        const body = (await request.json()) as { Operations: { bulkId: string }[] };
        for (const op of body.Operations) created.set(op.bulkId, (created.get(op.bulkId) ?? 0) + 1);
        await delay(300); // the server did the work; the answer is lost to the client's timeout
        return HttpResponse.json({ Operations: [] });
      }),
      http.get(`${BASE}/scim/v2/Users`, ({ request }) => {
        const filter = new URL(request.url).searchParams.get('filter') ?? '';
        const keys = [...filter.matchAll(/externalId eq "([^"]+)"/g)]
          .map((m) => m[1]!)
          .filter((k) => created.has(k));
        return HttpResponse.json({
          totalResults: keys.length,
          Resources: keys.map((k) => ({
            id: `id-${k}`,
            userName: k,
            externalId: k,
            meta: { version: 'W/"1"' },
          })),
        });
      }),
    );
    const out = await submitter({ timeoutMs: 50 }).submit([create(1), create(2)]);
    expect(out.map((o) => (o.status === 'done' ? o.id : o.status))).toEqual(['id-k1', 'id-k2']);
    expect([...created.values()]).toEqual([1, 1]);
  });

  test('cancelling stops before the next chunk; the rest are skipped', async () => {
    const controller = new AbortController();
    server.use(spc({ supported: true, maxOperations: 1, maxPayloadSize: 1_000_000 }), bulk(ok));
    const out = await submitter().submit([create(1), create(2), create(3)], {
      signal: controller.signal,
      onProgress: (d) => d === 1 && controller.abort(),
    });
    expect(out.map((o) => o.status)).toEqual(['done', 'skipped', 'skipped']);
  });
});

describe('Submitter without Bulk', () => {
  test('sends one request per row with If-Match, at most `concurrency` at once', async () => {
    let inFlight = 0;
    let most = 0;
    const ifMatch: (string | null)[] = [];
    const track = async <T>(f: () => T) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await delay(20);
      inFlight--;
      return f();
    };
    server.use(
      spc({ supported: false }),
      http.post(`${BASE}/scim/v2/Users`, () =>
        track(() =>
          HttpResponse.json({ id: 'n1', userName: 'u' }, { status: 201, headers: { ETag: 'W/"1"' } }),
        ),
      ),
      http.patch(`${BASE}/scim/v2/Users/:id`, ({ request, params }) => {
        ifMatch.push(request.headers.get('if-match'));
        return track(() =>
          params.id === 'id9'
            ? HttpResponse.json({ detail: 'changed' }, { status: 412 })
            : HttpResponse.json({ id: params.id, userName: 'u' }, { headers: { ETag: 'W/"2"' } }),
        );
      }),
      http.delete(`${BASE}/scim/v2/Users/:id`, () => track(() => new HttpResponse(null, { status: 204 }))),
    );
    const out = await submitter().submit([create(1), update(2), update(3), update(9), remove(4), remove(5)], {
      concurrency: 2,
    });
    expect(out.map((o) => o.status)).toEqual(['done', 'done', 'done', 'conflict', 'done', 'done']);
    expect(most).toBe(2);
    expect(ifMatch).toEqual(['W/"1"', 'W/"1"', 'W/"1"']);
  });

  test('a dry run needs Bulk', async () => {
    server.use(spc({ supported: false }));
    await expect(submitter().submit([create(1)], { dryRun: true })).rejects.toMatchObject({ kind: 'http' });
  });
});
