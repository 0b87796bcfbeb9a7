import { sql, type RawBuilder } from 'kysely';
import type { Tx } from './connect';

/** A column of a bulk insert: its PostgreSQL type and how a row gives its value. */
export interface ColumnSpec<R> {
  name: string;
  type: 'text' | 'int4' | 'bool' | 'timestamptz' | 'jsonb';
  /** jsonb columns give the object itself (JSON text is made of it here); `null` is SQL NULL. */
  value: (row: R) => unknown;
}

/** A cell as its array parameter carries it: dates as ISO 8601, jsonb as JSON text. */
function cellOf(type: ColumnSpec<unknown>['type'], v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (type === 'jsonb') return JSON.stringify(v);
  return v instanceof Date ? v.toISOString() : v;
}

/**
 * Rows as a table for `from`: one array parameter per column, spread back into rows by
 * `unnest` (PostgreSQL docs, 9.19 "Array Functions": unnest of several arrays "expands
 * multiple arrays (possibly of different data types) to a set of rows"), numbered from 1 in
 * `n` by `with ordinality` (7.2.1.4 "Table Functions").
 *
 * Profiled on 1,000 new users (bench/server.bench.ts, issue 18; EXPLAIN ANALYZE): a multi-row
 * VALUES list binds one parameter per cell (16,000), and parse and bind time grow with that
 * count; the rows as one JSON array read by `json_to_recordset` took 49 ms of a 77 ms statement
 * before the first row came out. A column's array is parsed by the type's own input function,
 * without a JSON parser building a record per row.
 */
export function rowsOf<R>(columns: readonly ColumnSpec<R>[], rows: readonly R[]): RawBuilder<unknown> {
  const arrays = columns.map(
    (c) => sql`${rows.map((r) => cellOf(c.type, c.value(r)))}::${sql.raw(c.type)}[]`,
  );
  const names = sql.join(columns.map((c) => sql.id(c.name)));
  return sql`unnest(${sql.join(arrays)}) with ordinality as t(${names}, n)`;
}

/** Inserts many rows with one parameter per column (see rowsOf). */
export async function insertRows<R>(
  tx: Tx,
  table: string,
  columns: readonly ColumnSpec<R>[],
  rows: readonly R[],
): Promise<void> {
  if (rows.length === 0) return;
  const names = sql.join(columns.map((c) => sql.id(c.name)));
  await sql`insert into ${sql.table(table)} (${names}) select ${names} from ${rowsOf(columns, rows)} order by n`.execute(
    tx,
  );
}
