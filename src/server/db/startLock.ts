import { Client } from 'pg';

/**
 * Runs `work` while holding a PostgreSQL session-level advisory lock named `name`, so that of N
 * processes starting together one runs it at a time (the others wait, then find it done).
 *
 * The lock is held on a connection of its own, outside the pool: the work may use every pool
 * connection (DB_POOL_MAX=1 included) without waiting on the lock's holder. Advisory locks are
 * per database, so the key includes the schema: deployments (and test runs) in other schemas of
 * the same database never wait on each other. A session lock is released when its connection
 * ends, so a process killed while holding it never blocks the others.
 * https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS
 * https://www.postgresql.org/docs/current/functions-admin.html#FUNCTIONS-ADVISORY-LOCKS
 */
export async function withStartLock<T>(url: string, name: string, work: () => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `select pg_advisory_lock(hashtext('roster:' || $1::text || ':' || current_schema()))`,
      [name],
    );
    return await work();
  } finally {
    // Ending the session releases the lock, also when `work` threw.
    await client.end();
  }
}
