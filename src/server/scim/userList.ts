import { sql } from 'kysely';
import type { RequestCtx } from '../context';
import type { Tx } from '../db/connect';
import type { IdentityAttributes } from '../../scim/identityAttributes';
import type { UserRecord } from '../../scim/userResource';
import { compareIds } from '../users/userStore';
import { decodeCursor, encodeCursor, type CursorScope } from './listCursor';
import type { ListParams } from './listQuery';
import { userFilterSql, userSortSql } from './userFilter';

/**
 * A listed user as one JSON array per row, read with one JSON.parse: a page of 1,000 rows of
 * fifteen typed columns cost more to decode than to build and send (PGlite decodes field by
 * field, and timestamps by pattern; 10 pages of 1,000: 390 ms as columns, 165 ms as JSON).
 * Times as epoch milliseconds; the keyset's created_at to the microsecond, as text; the group
 * ids (group_members_user serves the lookup; a second query with 1,000 parameters cost more).
 * No password hash: a list shows what may leave the server (UserRecord).
 */
const LISTED_JSON = sql<unknown[]>`json_build_array(users.id, users.user_name, users.display_name,
  users.email, users.external_id, users.name, users.attrs, users.identity, users.password_issuer,
  users.directory_synced, users.self_registered, users.version,
  extract(epoch from users.created_at) * 1000, extract(epoch from users.updated_at) * 1000,
  (extract(epoch from users.created_at) * 1000000)::bigint::text,
  (select json_agg(m.group_id) from group_members m
    where m.tenant_id = users.tenant_id and m.user_id = users.id))`;

interface ListedRow {
  record: UserRecord;
  /** created_at in microseconds since the epoch, for a cursor. */
  createdMicros: string;
}

function readListed(j: unknown[]): ListedRow {
  const [id, userName, displayName, email, externalId, name, attrs, identity] = j as [
    string,
    string,
    string,
    string,
    string | null,
    Record<string, string> | null,
    Record<string, string> | null,
    IdentityAttributes | null,
  ];
  return {
    record: {
      id,
      userName,
      displayName,
      email,
      externalId,
      name,
      identity: identity ?? {},
      attrs: attrs ?? {},
      groups: ((j[15] as string[] | null) ?? []).sort(compareIds),
      passwordIssuer: j[8] as string,
      directorySynced: j[9] as boolean,
      selfRegistered: j[10] as boolean,
      version: j[11] as number,
      created: new Date(j[12] as number),
      lastModified: new Date(j[13] as number),
    },
    createdMicros: j[14] as string,
  };
}

/** The tenant's visible users matching the list's filter (the rows of every page). */
function listed(ctx: RequestCtx, params: ListParams, db: Tx = ctx.db) {
  let base = db
    .selectFrom('users')
    .where('users.tenant_id', '=', ctx.tenant.id)
    .where('users.hidden', '=', false);
  if (params.filter) base = base.where(userFilterSql(ctx.tenant.profile, params.filter));
  return base;
}

/**
 * Runs a page's query with sorting priced out (PostgreSQL "Planner Method Configuration":
 * enable_sort), for this transaction only, so that the planner reads users_list_order in its
 * order and stops after the page. Without statistics it estimates a tenant at a dozen rows and
 * prefers to fetch all of them and sort: PGlite has no autovacuum to gather them, and a fresh
 * PostgreSQL table has none yet (EXPLAIN ANALYZE, 10,000 users, a cursor page of 1,000: 20.7 ms
 * with a sort, 1.3 ms along the index; an index page at offset 9,000: 35 ms against 11 ms).
 * Only for the whole list, the add-in's pull and a provisioning client's full read.
 */
function alongListOrder<T>(ctx: RequestCtx, params: ListParams, query: (tx: Tx) => Promise<T>): Promise<T> {
  // A filter may pick a few users by another index (externalId eq …, a search): there the
  // planner's choice stands, as does a sort by another attribute.
  if (params.filter || params.sortBy) return query(ctx.db);
  return ctx.db.transaction().execute(async (tx) => {
    await sql`set local enable_sort = off`.execute(tx);
    return query(tx);
  });
}

async function countOf(ctx: RequestCtx, params: ListParams): Promise<number> {
  const total = await listed(ctx, params)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(total.n);
}

/** One page of users by index (RFC 7644 3.4.2.4) and the true total, both from the database. */
export async function listUsers(
  ctx: RequestCtx,
  params: ListParams,
): Promise<{ total: number; users: UserRecord[] }> {
  const total = await countOf(ctx, params);
  let users: UserRecord[] = [];
  if (params.count > 0) {
    const dir = params.descending ? sql`desc` : sql`asc`;
    const sortBy = params.sortBy ? sql`${userSortSql(ctx.tenant.profile, params.sortBy)} ${dir}, ` : sql``;
    // The page's rows first, then their JSON: the rows an offset skips are read, never built
    // (a JSON array and a group lookup for each of them made page 10 cost ten times page 1).
    const page = (db: Tx) => {
      const rows = listed(ctx, params, db)
        .selectAll('users')
        .orderBy(sql`${sortBy}users.created_at, users.id`)
        .offset(params.startIndex - 1)
        .limit(params.count);
      return db
        .selectFrom(rows.as('users'))
        .select(LISTED_JSON.as('j'))
        .orderBy(sql`${sortBy}users.created_at, users.id`)
        .execute();
    };
    const rows = await alongListOrder(ctx, params, page);
    users = rows.map((r) => readListed(r.j).record);
  }
  return { total, users };
}

/** A page by cursor: its users, the total, and the cursors to the pages after and before it. */
export interface CursorPage {
  total: number;
  users: UserRecord[];
  nextCursor?: string;
  previousCursor?: string;
}

/**
 * One page by cursor (RFC 9865): a keyset on the list's order (created_at, id), served by the
 * index users_list_order (migration 007). Stable under concurrent changes: a page starts
 * strictly after the last row the client has, so no user comes twice, and none that existed
 * throughout is skipped, whatever was inserted or deleted meanwhile (offsets would shift).
 */
export async function listUsersByCursor(ctx: RequestCtx, params: ListParams): Promise<CursorPage> {
  const scope: CursorScope = { tenantId: ctx.tenant.id, filter: params.filterText ?? '' };
  const at = decodeCursor(params.cursor ?? '', scope, ctx.now);
  const backward = at?.direction === 'previous';
  const order = backward ? sql`desc` : sql`asc`;
  const query = (db: Tx) => {
    let q = listed(ctx, params, db).select(LISTED_JSON.as('j'));
    if (at) {
      const key = sql`(timestamptz 'epoch' + ${at.createdMicros}::bigint * interval '1 microsecond', ${at.id}::text)`;
      q = q.where(sql<boolean>`(users.created_at, users.id) ${backward ? sql`<` : sql`>`} ${key}`);
    }
    return (
      q
        .orderBy(sql`users.created_at ${order}`)
        .orderBy(sql`users.id ${order}`)
        // One row more than the page: whether another page follows, without counting.
        .limit(params.count + 1)
        .execute()
    );
  };
  const [rows, total] = await Promise.all([alongListOrder(ctx, params, query), countOf(ctx, params)]);
  const more = rows.length > params.count;
  const page = rows.slice(0, params.count).map((r) => readListed(r.j));
  if (backward) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  // created_at to the microsecond, as PostgreSQL holds it (a JS Date keeps milliseconds only).
  const cursorAt = (row: ListedRow, direction: 'next' | 'previous') =>
    encodeCursor({ createdMicros: row.createdMicros, id: row.record.id, direction }, scope, ctx.now);
  // RFC 9865 Section 2: nextCursor on every page but the last; previousCursor is optional,
  // given where rows before this page are known to exist.
  const nextCursor = last && (backward || more) ? cursorAt(last, 'next') : undefined;
  const previousCursor =
    first && (backward ? more : at !== undefined) ? cursorAt(first, 'previous') : undefined;
  const users = page.map((r) => r.record);
  return {
    total,
    users,
    ...(nextCursor ? { nextCursor } : {}),
    ...(previousCursor ? { previousCursor } : {}),
  };
}
