// Issue 17, "safe concurrent start": N processes starting together on one PostgreSQL migrate
// once and seed the demo once. Each openDb here stands for a process (its own pool).
import { DB_KIND, fastHash } from '../../../test/server/harness';
import { freshSchema, onPostgres } from '../../../test/server/pgSchema';
import { seedDemo } from '../seed/demo';
import { openDb, type Db } from './connect';
import { migrationProvider } from './migrations';
import { withStartLock } from './startLock';

const onPg = DB_KIND === 'postgres' ? describe : describe.skip;

onPg('several processes starting together on one PostgreSQL', () => {
  jest.setTimeout(60_000);
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  const dbs: Db[] = [];
  beforeAll(async () => {
    schema = await freshSchema();
  });
  afterAll(async () => {
    await Promise.all(dbs.map((db) => db.destroy()));
    await schema.drop();
  });

  test('five starting at once on an empty schema all open it, and every migration ran once', async () => {
    const opened = await Promise.allSettled(
      Array.from({ length: 5 }, () => openDb({ kind: 'postgres', url: schema.url, poolMax: 2 })),
    );
    for (const o of opened) if (o.status === 'fulfilled') dbs.push(o.value);
    expect(opened.filter((o) => o.status === 'rejected')).toEqual([]);
    const expected = Object.keys(await migrationProvider.getMigrations());
    const rows = await onPostgres<{ name: string }>(
      `select name from ${schema.schema}.kysely_migration order by name`,
    );
    expect(rows.map((r) => r.name)).toEqual(expected.sort());
  });

  test('three seeding an empty database at once: one seeds, the others find it seeded', async () => {
    const now = new Date('2026-04-01T09:00:00Z');
    const results = await Promise.allSettled(
      dbs
        .slice(0, 3)
        .map((db) => withStartLock(schema.url, 'demo-seed', () => seedDemo(db, now, fastHash.hashPassword))),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const made = results.map((r) => (r.status === 'fulfilled' ? r.value.length : -1)).sort();
    expect(made).toEqual([0, 0, 2]);
    const tenants = await onPostgres<{ slug: string; users: string }>(
      `select t.slug, (select count(*) from ${schema.schema}.users u where u.tenant_id = t.id) as users
         from ${schema.schema}.tenants t order by t.slug`,
    );
    expect(tenants).toEqual([
      { slug: 'demo-eq', users: '301' },
      { slug: 'demo-jairo', users: '201' },
    ]);
  });

  test('the lock is per schema: a holder in another schema does not make this one wait', async () => {
    const other = await freshSchema();
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let entered!: () => void;
      const inside = new Promise<void>((r) => (entered = r));
      const holder = withStartLock(other.url, 'migrate', async () => {
        entered();
        await held;
      });
      await inside;
      const ran = await withStartLock(schema.url, 'migrate', async () => 'ran');
      release();
      await holder;
      expect(ran).toBe('ran');
    } finally {
      await other.drop();
    }
  });
});
