import { sql, type RawBuilder } from 'kysely';
import type { Tx } from './connect';

/** A column of a bulk insert: its PostgreSQL type and how a row gives its value. */
export interface ColumnSpec<R> {
  name: string;
  type: 'text' | 'int4' | 'bool' | 'timestamptz' | 'jsonb';
  /** jsonb columns give the object itself (JSON text is made of it here); `null` is SQL NULL. */
  value: (row: R) => unknown;
}

const SPECIAL = /["\\]/;
const SPECIALS = /["\\]/g;

/** Text as a double-quoted array element: a backslash before each double quote and backslash. */
const quoted = (s: string) => (SPECIAL.test(s) ? `"${s.replace(SPECIALS, '\\$&')}"` : `"${s}"`);

/**
 * A column's values as the text of a PostgreSQL array (docs 8.15.6 "Array Value Input"): each
 * element double-quoted, with a backslash before a double quote or backslash in it, and NULL
 * unquoted for SQL NULL (a quoted "NULL" is the text NULL). One string per column, built here,
 * instead of an array that the driver escapes element by element with two replaces each
 * (1,000 new users, issue 18: 7.2 ms -> 3 ms).
 *
 * jsonb: the JSON text of the value, quoted by JSON.stringify of that text. JSON text holds no
 * control character and no lone surrogate (JSON.stringify escapes them, ECMA-262 25.5.2.3
 * QuoteJSONString), so quoting it as a JSON string only puts a backslash before `"` and `\`:
 * exactly the array element's quoting. Dates as ISO 8601; the rows of one write share their
 * time, so a repeated Date is written once.
 */
function arrayLiteral<R>(column: ColumnSpec<R>, rows: readonly R[]): string {
  const parts = new Array<string>(rows.length);
  let lastDate: Date | undefined;
  let lastIso = '';
  for (let i = 0; i < rows.length; i++) {
    const v = column.value(rows[i]!);
    if (v === undefined || v === null) parts[i] = 'NULL';
    else if (column.type === 'jsonb') parts[i] = JSON.stringify(JSON.stringify(v));
    else if (v instanceof Date) {
      if (v !== lastDate) [lastDate, lastIso] = [v, v.toISOString()];
      parts[i] = lastIso;
    } else parts[i] = quoted(String(v));
  }
  return `{${parts.join(',')}}`;
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
 * without a JSON parser building a record per row. A jsonb column travels as text[] and is cast
 * row by row: PostgreSQL read 1,000 objects from a jsonb[] parameter in 5.7-7.5 ms, from text[]
 * cast to jsonb in 3.4 ms; 1,000 new users were written in 58 ms instead of 62 on PGlite, 39
 * instead of 40 on PostgreSQL (medians, issue 18).
 */
export function rowsOf<R>(columns: readonly ColumnSpec<R>[], rows: readonly R[]): RawBuilder<unknown> {
  const arrays = columns.map(
    (c) => sql`${arrayLiteral(c, rows)}::${sql.raw(c.type === 'jsonb' ? 'text' : c.type)}[]`,
  );
  const names = sql.join(columns.map((c) => sql.id(c.name)));
  const typed = sql.join(
    columns.map((c) =>
      c.type === 'jsonb' ? sql`${sql.id(c.name)}::jsonb as ${sql.id(c.name)}` : sql.id(c.name),
    ),
  );
  return sql`(select ${typed}, n from unnest(${sql.join(arrays)}) with ordinality as u(${names}, n)) as t`;
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
