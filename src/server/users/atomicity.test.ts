import { sql } from 'kysely';
import { eqUser } from '../../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';

let h: Harness;
let t: TestTenant;
beforeAll(async () => {
  h = await startHarness();
  t = await h.tenant({ slug: 'atomic' });
});
afterAll(() => h.close());

const counts = async () => {
  const one = async (table: 'users' | 'user_history' | 'group_members') =>
    Number(
      (
        await h.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    users: await one('users'),
    history: await one('user_history'),
    members: await one('group_members'),
  };
};

describe('a database error mid-write leaves nothing half-written', () => {
  // The audit entry is the last statement of every write: making it fail shows that the user,
  // its memberships and its history version written before it are rolled back with it.
  async function withBrokenAudit(run: () => Promise<void>) {
    await sql`alter table audit_log add constraint no_writes check (false) not valid`.execute(h.db);
    try {
      await run();
    } finally {
      await sql`alter table audit_log drop constraint no_writes`.execute(h.db);
    }
  }

  test('a failing creation answers 500 with a SCIM error, and no part of the user remains', async () => {
    const before = await counts();
    await withBrokenAudit(async () => {
      const res = await scim(h, t, 'POST', '/Users', eqUser('halfway', {}, { groupIds: [t.groups[0]] }));
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ status: '500' });
      // The client gets the request id to quote, and nothing about the cause.
      expect(res.json().detail).toMatch(/^Internal server error \(request [\w-]+\)\.$/);
    });
    expect(await counts()).toEqual(before);
    expect((await scim(h, t, 'POST', '/Users', eqUser('halfway'))).statusCode).toBe(201);
  });

  test('a failing update keeps the previous version whole', async () => {
    const user = (await scim(h, t, 'POST', '/Users', eqUser('keeper'))).json();
    const before = await counts();
    await withBrokenAudit(async () => {
      const res = await scim(h, t, 'PATCH', `/Users/${user.id}`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'replace', path: 'displayName', value: '変更途中' }],
      });
      expect(res.statusCode).toBe(500);
    });
    const after = await scim(h, t, 'GET', `/Users/${user.id}`);
    expect(after.json().displayName).toBe('利用者keeper');
    expect(after.headers.etag).toBe('W/"1"');
    expect(await counts()).toEqual(before);
  });
});
