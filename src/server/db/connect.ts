import { Kysely, Migrator, PostgresDialect, sql, type Transaction } from 'kysely';
import { PGliteDialect } from './pgliteDialect';
import { migrationProvider } from './migrations';
import type { Database } from './schema';

export type Db = Kysely<Database>;

/** A transaction, or the database itself where no transaction is needed. */
export type Tx = Transaction<Database> | Db;

/** Where the data lives: a PGlite folder (or memory), or a PostgreSQL URL. */
export type DbTarget = { kind: 'pglite'; dataDir?: string } | { kind: 'postgres'; url: string };

/** Opens the database and runs the migrations; throws with the migration's error if one fails. */
export async function openDb(target: DbTarget): Promise<Db> {
  let db: Db;
  if (target.kind === 'postgres') {
    const { Pool } = await import('pg');
    db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new Pool({ connectionString: target.url, max: 10 }) }),
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
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error instanceof Error ? error : new Error(String(error));
  }
  return db;
}
