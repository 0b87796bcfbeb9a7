import { sql } from 'kysely';
import type { Tx } from './connect';

/** A column of a bulk insert: its PostgreSQL type and how a row gives its value. */
export interface ColumnSpec<R> {
  name: string;
  type: 'text' | 'int4' | 'bool' | 'timestamptz' | 'jsonb';
  /** jsonb columns give the object itself (it travels nested, not as escaped text). */
  value: (row: R) => unknown;
}

/**
 * Inserts many rows with a single parameter: the rows as one JSON array, spread back into
 * columns by `json_to_recordset`. A multi-row VALUES list binds one parameter per cell (16,000
 * for 1,000 users), and parse and bind time grow with that count; measured in
 * bench/server.bench.ts, this made a 1,000-user Bulk request about twice as fast on both
 * PostgreSQL and PGlite. Read as `json`, not `jsonb`, the array is parsed row by row instead of
 * built into one jsonb value first (10-15% less for 1,000 rows, issue 18; userInsert.ts too).
 */
export async function insertRows<R>(
  tx: Tx,
  table: string,
  columns: readonly ColumnSpec<R>[],
  rows: readonly R[],
): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(
    rows.map((r) => {
      const o: Record<string, unknown> = {};
      for (const c of columns) {
        const v = c.value(r);
        o[c.name] = v instanceof Date ? v.toISOString() : v;
      }
      return o;
    }),
  );
  const names = sql.join(columns.map((c) => sql.id(c.name)));
  const shape = sql.join(columns.map((c) => sql`${sql.id(c.name)} ${sql.raw(c.type)}`));
  await sql`insert into ${sql.table(table)} (${names}) select ${names} from json_to_recordset(${json}::json) as t(${shape})`.execute(
    tx,
  );
}
