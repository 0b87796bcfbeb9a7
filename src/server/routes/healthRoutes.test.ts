import { sql } from 'kysely';
import { startHarness, type Harness } from '../../../test/server/harness';

describe('health for load balancers', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  test('/healthz: the process is alive', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
  });

  test('/readyz: the database answers and every migration has run', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
  });

  test('/readyz is 503, saying why, while a migration has not run', async () => {
    await sql`delete from kysely_migration where name = (select max(name) from kysely_migration)`.execute(
      h.db,
    );
    const res = await h.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json().detail).toMatch(/^\d+ of \d+ migrations have run\.$/);
  });

  test('/readyz is 503 when its database check fails; /healthz stays 200', async () => {
    await sql`alter table kysely_migration rename to kysely_migration_away`.execute(h.db);
    try {
      const res = await h.app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ ok: false, detail: 'The database cannot be reached.' });
      expect((await h.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await sql`alter table kysely_migration_away rename to kysely_migration`.execute(h.db);
    }
  });
});
