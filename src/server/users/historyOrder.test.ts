import { eqUser } from '../../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';
import { ROSTER_USER_EXTENSION } from '../../domain';
import { SCHEMA_PATCH } from '../../scim/constants';

// A real clock: the race is between requests that read the time before waiting for the row lock.
let h: Harness;
let t: TestTenant;
beforeAll(async () => {
  h = await startHarness({ clock: () => new Date() });
  t = await h.tenant({ slug: 'history-order' });
});
afterAll(() => h.close());

test('50 concurrent PATCHes of one user leave a contiguous history in version order', async () => {
  const created = await scim(h, t, 'POST', '/Users', eqUser('race01'));
  expect(created.statusCode).toBe(201);
  const id: string = created.json().id;
  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      scim(h, t, 'PATCH', `/Users/${id}`, {
        schemas: [SCHEMA_PATCH],
        Operations: [{ op: 'replace', path: `${ROSTER_USER_EXTENSION}:remarks`, value: `remark ${i}` }],
      }),
    ),
  );
  expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 200));

  const rows = await h.db
    .selectFrom('user_history')
    .select(['version', 'valid_from', 'valid_to'])
    .where('tenant_id', '=', t.tenant.id)
    .where('user_id', '=', id)
    .orderBy('version')
    .execute();
  expect(rows.map((r) => r.version)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
  rows.forEach((r, i) => {
    const next = rows[i + 1];
    if (!next) {
      expect(r.valid_to).toBeNull();
      return;
    }
    expect(r.valid_to).not.toBeNull();
    expect(new Date(r.valid_from).getTime()).toBeLessThan(new Date(r.valid_to!).getTime());
    expect(new Date(r.valid_to!).getTime()).toBe(new Date(next.valid_from).getTime());
  });

  // meta.lastModified never goes backwards from one version to the next.
  const modified = responses
    .map((r) => r.json().meta as { version: string; lastModified: string })
    .sort((a, b) => Number(/\d+/.exec(a.version)![0]) - Number(/\d+/.exec(b.version)![0]))
    .map((m) => Date.parse(m.lastModified));
  modified.forEach((m, i) => i > 0 && expect(m).toBeGreaterThan(modified[i - 1]!));

  // The roster as of any moment lists the user once.
  for (const r of rows.slice(0, -1)) {
    const asOf = new Date(new Date(r.valid_to!).getTime() - 0.5).toISOString();
    for (const at of [r.valid_from, r.valid_to!, asOf]) {
      const res = await h.app.inject({
        method: 'GET',
        url: `/t/${t.tenant.slug}/api/roster?asOf=${encodeURIComponent(new Date(at).toISOString())}`,
        headers: { authorization: `Bearer ${t.token}` },
      });
      const ids = res.json().Resources.map((u: { id: string }) => u.id);
      expect(ids.filter((x: string) => x === id)).toHaveLength(1);
    }
  }
});
