import { sql } from 'kysely';
import { BULK_REQUEST, eqUser } from '../../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';

let h: Harness;
let t: TestTenant;
beforeAll(async () => {
  h = await startHarness();
  t = await h.tenant({ slug: 'bulk-unique' });
});
afterAll(() => h.close());

const bulk = (names: string[]) => ({
  schemas: [BULK_REQUEST],
  Operations: names.map((n) => ({ method: 'POST', path: '/Users', bulkId: n, data: eqUser(n) })),
});

test('concurrent Bulk requests creating the same users: each operation is 201 or 409 uniqueness, never 500', async () => {
  const shared = Array.from({ length: 20 }, (_, i) => `dup${String(i).padStart(3, '0')}`);
  const requests = Array.from({ length: 4 }, (_, k) =>
    scim(h, t, 'POST', '/Bulk', bulk([...shared, `own${k}a`, `own${k}b`])),
  );
  const responses = await Promise.all(requests);
  for (const res of responses) expect(res.statusCode).toBe(200);
  const ops = responses.flatMap(
    (r) => r.json().Operations as { bulkId: string; status: string; response?: { scimType?: string } }[],
  );
  for (const op of ops) {
    expect(['201', '409']).toContain(op.status);
    if (op.status === '409') expect(op.response?.scimType).toBe('uniqueness');
  }
  // Every name exists exactly once, and each request's own users were created.
  for (const name of shared) {
    expect(ops.filter((o) => o.bulkId === name && o.status === '201')).toHaveLength(1);
  }
  expect(ops.filter((o) => o.bulkId.startsWith('own') && o.status === '201')).toHaveLength(8);
});

test('a unique index refusal that the pre-check missed is the same 409 as the pre-check, for that operation only', async () => {
  // A user the pre-check cannot see: inserted by a concurrent transaction that commits while
  // ours waits. Simulated here by a trigger that inserts the clashing row just before ours.
  await sql`
    create or replace function clash() returns trigger language plpgsql as $$
    begin
      if new.user_name = 'clash01' and not exists (select 1 from users where user_name = 'CLASH01') then
        insert into users (tenant_id, id, user_name, display_name, email, attrs, version, created_at, updated_at, password_issuer, directory_synced, self_registered, hidden)
        values (new.tenant_id, 'clash-' || new.id, 'CLASH01', 'x', '', '{}', 1, now(), now(), 'none', false, false, true);
      end if;
      return new;
    end $$`.execute(h.db);
  await sql`create trigger clash before insert on users for each row execute function clash()`.execute(h.db);
  try {
    const res = await scim(h, t, 'POST', '/Bulk', bulk(['fine01', 'clash01', 'fine02']));
    expect(res.statusCode).toBe(200);
    const statuses = res.json().Operations.map((o: { status: string }) => o.status);
    expect(statuses).toEqual(['201', '409', '201']);
    expect(res.json().Operations[1].response.scimType).toBe('uniqueness');
  } finally {
    await sql`drop trigger clash on users`.execute(h.db);
  }
});

test('a taken value found by the insert itself fails its operation alone, and counts against nothing', async () => {
  // Two places left under the contract: the user whose address is taken must not use one up.
  const limited = await h.tenant({ slug: 'bulk-room', userLimit: 3 });
  const taken = eqUser('takenmail', { emails: [{ value: `admin01@bulk-room.example.jp`, primary: true }] });
  const res = await scim(h, limited, 'POST', '/Bulk', {
    schemas: [BULK_REQUEST],
    Operations: [
      { method: 'POST', path: '/Users', bulkId: 'taken', data: taken },
      { method: 'POST', path: '/Users', bulkId: 'room1', data: eqUser('room1') },
      { method: 'POST', path: '/Users', bulkId: 'room2', data: eqUser('room2') },
      { method: 'POST', path: '/Users', bulkId: 'over', data: eqUser('over') },
    ],
  });
  const ops = res.json().Operations as { bulkId: string; status: string; response: { detail: string } }[];
  expect(ops.map((o) => [o.bulkId, o.status])).toEqual([
    ['taken', '409'],
    ['room1', '201'],
    ['room2', '201'],
    ['over', '400'],
  ]);
  expect(ops[3]!.response.detail).toMatch(/3/);
  // Member numbers and audit entries only for the users written.
  const audited = await h.db
    .selectFrom('audit_log')
    .select('resource_id')
    .where('tenant_id', '=', limited.tenant.id)
    .where('action', '=', 'create')
    .where('actor', 'like', 'user:%')
    .execute();
  expect(audited).toHaveLength(2);
});
