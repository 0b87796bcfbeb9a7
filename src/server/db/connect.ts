import { Kysely, Migrator, PostgresDialect, sql, type Transaction } from 'kysely';
import { PGliteDialect } from './pgliteDialect';
import { migrationProvider } from './migrations';
import { withStartLock } from './startLock';
import type { Database } from './schema';

export type Db = Kysely<Database>;

/** A transaction, or the database itself where no transaction is needed. */
export type Tx = Transaction<Database> | Db;

/** Where the data lives: a PGlite folder (or memory), or a PostgreSQL URL. */
export type DbTarget =
  | { kind: 'pglite'; dataDir?: string }
  /** `poolMax`: connections this process opens at most (DB_POOL_MAX; docs/OPERATIONS.md sizes it). */
  | { kind: 'postgres'; url: string; poolMax?: number };

/** Connections per process when DB_POOL_MAX is not set (node-postgres' own default too). */
export const DEFAULT_POOL_MAX = 10;

/** Opens the database and runs the migrations; throws with the migration's error if one fails. */
export async function openDb(target: DbTarget): Promise<Db> {
  let db: Db;
  if (target.kind === 'postgres') {
    const { Pool } = await import('pg');
    db = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: new Pool({ connectionString: target.url, max: target.poolMax ?? DEFAULT_POOL_MAX }),
      }),
    });
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
    db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  }
  // Kysely's migrator finds its own tables by name in any schema unless told which one; on a
  // server shared with other schemas (tests, several deployments) that must be ours.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrator = new Migrator({ db, provider: migrationProvider, migrationTableSchema: rows[0]!.schema });
  // N processes starting together on one PostgreSQL migrate once: the first under the lock, the
  // others then find nothing to do. Kysely's own lock is taken only after it has created its
  // tables with `create table if not exists`, which races between sessions.
  const { error } =
    target.kind === 'postgres'
      ? await withStartLock(target.url, 'migrate', () => migrator.migrateToLatest())
      : await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error instanceof Error ? error : new Error(String(error));
  }
  return db;
}
