import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { POSTGRES_URL } from './harness';

/** Runs one statement on the test PostgreSQL, outside any schema of a test. */
export async function onPostgres<T = unknown>(statement: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: POSTGRES_URL });
  await c.connect();
  try {
    return (await c.query(statement, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/**
 * A fresh, empty schema in the test PostgreSQL and a DATABASE_URL whose connections use it
 * (`options=-c search_path=…`, as testDb does), for code and processes that open their own
 * connections. `drop` removes it with everything in it.
 */
export async function freshSchema(): Promise<{ schema: string; url: string; drop: () => Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await onPostgres(`create schema ${schema}`);
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    schema,
    url: url.toString(),
    drop: async () => void (await onPostgres(`drop schema ${schema} cascade`)),
  };
}
