import fc from 'fast-check';
import { eqUser } from '../../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';
import { hostileRequest, routesOf } from '../../../test/server/hostile';
import { createApiToken } from '../seed/bootstrap';

/**
 * Property-based fuzzing of every route with hostile requests (fast-check). The README's test
 * command runs it with a fixed seed and a bounded count on PGlite and, via `test:pg`, on
 * PostgreSQL; `npm run fuzz` runs it longer with a random seed that it prints.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

const protoKeys = () => Reflect.ownKeys(Object.prototype).map(String).sort();
const arrayProtoKeys = () => Reflect.ownKeys(Array.prototype).map(String).sort();

let h: Harness;
let a: TestTenant;
let b: TestTenant;
const ids: string[] = [];
beforeAll(async () => {
  h = await startHarness();
  a = await h.tenant({ slug: 'fuzz-a' });
  b = await h.tenant({ slug: 'fuzz-b', profile: 'jairo' });
  for (const n of ['fuzz0001', 'fuzz0002'])
    ids.push((await scim(h, a, 'POST', '/Users', eqUser(n))).json().id);
  ids.push(a.adminId, b.adminId, ...a.groups);
});
afterAll(() => h.close());

test(`hostile requests to every route: never a 5xx, prototypes untouched (seed ${SEED}, ${RUNS} runs)`, async () => {
  // Signing out ends the session the other requests use; its only input is the token.
  const routes = routesOf(h.app).filter((r) => !(r.method === 'DELETE' && r.url.endsWith('/api/session')));
  expect(routes.length).toBeGreaterThan(20);
  expect(routes).toContainEqual({ method: 'PATCH', url: '/t/:tenant/scim/v2/users/:id' });
  const before = { object: protoKeys(), array: arrayProtoKeys() };
  // A session and an API token per tenant (an API token survives a fuzzed password change).
  const tenants = await Promise.all(
    [a, b].map(async (t) => ({
      slug: t.tenant.slug,
      tokens: [t.token, await createApiToken(h.db, t.tenant, 'fuzz', h.clock.now())],
    })),
  );
  tenants.push({ slug: 'no-such-tenant', tokens: [a.token] });
  await fc.assert(
    fc.asyncProperty(hostileRequest(routes, tenants, fc.constantFrom(...ids)), async (req) => {
      const res = await h.app.inject(req);
      // RFC 7644 3.11: /Me answers 501 Not Implemented on purpose; every other 5xx is a fault.
      const me = res.statusCode === 501 && /\/scim\/v2\/me(\?|$)/i.test(req.url);
      if (res.statusCode >= 500 && !me) {
        throw new Error(
          `${req.method} ${req.url.slice(0, 200)} answered ${res.statusCode}: ${res.body.slice(0, 300)}`,
        );
      }
      expect(protoKeys()).toEqual(before.object);
      expect(arrayProtoKeys()).toEqual(before.array);
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
}, 600_000);

test('after the fuzzing, tenants stay apart and authentication still holds', async () => {
  // A fresh session: the fuzzing may have changed the admin's password through PATCH.
  const signIn = async (t: TestTenant) =>
    (
      await h.app.inject({
        method: 'POST',
        url: `/t/${t.tenant.slug}/api/session`,
        payload: { userName: t.adminUserName, password: t.adminPassword },
      })
    ).json().token as string | undefined;
  const tokenA = (await signIn(a)) ?? a.token;
  const list = await scim(h, { ...a, token: tokenA }, 'GET', '/Users?count=1000');
  if (list.statusCode === 200) {
    const names: string[] = list.json().Resources.map((u: { userName: string }) => u.userName);
    expect(names).not.toContain(b.adminUserName);
  } else {
    expect(list.statusCode).toBe(401);
  }
  const cross = await h.app.inject({
    method: 'GET',
    url: `/t/${b.tenant.slug}/scim/v2/Users`,
    headers: { authorization: `Bearer ${tokenA}` },
  });
  expect(cross.statusCode).toBe(401);
  const bogus = await scim(h, { ...a, token: 'rss_bogus' }, 'GET', '/Users');
  expect(bogus.statusCode).toBe(401);
  const unknown = await h.app.inject({ method: 'GET', url: '/t/no-such-tenant/scim/v2/Users' });
  expect(unknown.statusCode).toBe(404);
});
