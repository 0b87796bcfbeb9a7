// New users in one statement: their rows, group memberships and audit entries. Profiled in
// bench/server.bench.ts (issue 18): four statements, each with its own JSON payload built in Node
// and parsed by the database, cost about twice what one does.
//
// A new user's first history version is written when it is first needed, not at creation: a user
// never changed since it was created is, until then, exactly its row in `users` (the way SQL:2011
// system-versioned tables keep the current row out of the history table). Whatever ends that
// version (saveUser, removeUser) or reads history (the roster as of a time) first writes it from
// the row with materializeFirstVersions. Creating 10,000 users then writes 10,000 rows, not 20,000.
import { sql } from 'kysely';
import type { Tx } from '../db/connect';
import { rowsOf, type ColumnSpec } from '../db/insertRows';
import type { StoredUser } from './userStore';

/** Who creates the users, when, and what the audit keeps of each (never a password). */
export interface CreationAudit {
  actor: string;
  at: Date;
  detail: (u: StoredUser) => Record<string, unknown>;
}

/**
 * Inserts new users with their memberships and audit entries, or nothing: a unique index that
 * refuses one user fails the statement (SQLSTATE 23505, the index named in `constraint`). With
 * `optimistic`, a user whose unique value (id, user name, email, externalId) is taken is left
 * out instead, and then no membership or audit entry is written at all: the count returned is
 * short, and the caller undoes the transaction (writeNewUsers does, and writes again with every
 * value looked up). So neither mode joins the entries to the users written: on a 1,000-user
 * chunk, the joins and sorts were about 3 of 30 ms (EXPLAIN ANALYZE, issue 18). With `audit`,
 * each user gets an entry, in the order given (audit ids are taken in that order). Returns how
 * many users were inserted.
 *
 * The rows travel as one array parameter per column (rowsOf, insertRows.ts).
 */
export async function insertUsers(
  tx: Tx,
  tenantId: number,
  users: readonly StoredUser[],
  audit?: CreationAudit,
  options: { optimistic?: boolean } = {},
): Promise<number> {
  if (users.length === 0) return 0;
  // Data-modifying WITH clauses run as one statement, each exactly once and to completion; the
  // foreign keys of the memberships are checked at its end, when the users are in (PostgreSQL
  // docs, 7.8.4 "Data-Modifying Statements in WITH"). `whole` is an InitPlan, run once.
  const whole = options.optimistic ? sql`(select count(*) from new_users) = ${users.length}` : sql`true`;
  const memberships = users.some((u) => u.groups.length > 0)
    ? sql`, memberships as (
      insert into group_members (tenant_id, group_id, user_id)
      select ${tenantId}::int4, g.group_id, src.id
      from src cross join jsonb_array_elements_text(src.groups) as g(group_id)
      where ${whole}
      on conflict do nothing
    )`
    : sql``;
  const audited = audit
    ? sql`, audited as (
      insert into audit_log (tenant_id, at, actor, action, resource_type, resource_id, detail)
      select ${tenantId}::int4, ${audit.at.toISOString()}::timestamptz, ${audit.actor}::text,
        'create', 'User', id, src.audit
      from src
      where ${whole}
      order by src.n
    )`
    : sql``;
  const { rows: counted } = await sql<{ inserted: number }>`
    with src as (select * from ${rowsOf(userColumns(audit), users)}),
    new_users as (
      insert into users (tenant_id, id, user_name, display_name, email, external_id, name,
        identity, attrs, password_hash, password_issuer, directory_synced, self_registered,
        hidden, version, created_at, updated_at)
      select ${tenantId}::int4, id, user_name, display_name, email, external_id, name, identity,
        attrs, password_hash, password_issuer, directory_synced, self_registered, hidden,
        version, created_at, updated_at
      from src
      ${options.optimistic ? sql`on conflict do nothing` : sql``}
      returning id
    )${memberships}${audited}
    select count(*)::int4 as inserted from new_users`.execute(tx);
  return Number(counted[0]?.inserted ?? 0);
}

/** The columns of a new user's row as insertUsers reads them, with its audit detail. */
function userColumns(audit: CreationAudit | undefined): ColumnSpec<StoredUser>[] {
  return [
    { name: 'id', type: 'text', value: (u) => u.id },
    { name: 'user_name', type: 'text', value: (u) => u.userName },
    { name: 'display_name', type: 'text', value: (u) => u.displayName },
    { name: 'email', type: 'text', value: (u) => u.email },
    { name: 'external_id', type: 'text', value: (u) => u.externalId },
    { name: 'name', type: 'jsonb', value: (u) => u.name },
    { name: 'identity', type: 'jsonb', value: (u) => u.identity },
    { name: 'attrs', type: 'jsonb', value: (u) => u.attrs },
    { name: 'groups', type: 'jsonb', value: (u) => u.groups },
    { name: 'password_hash', type: 'text', value: (u) => u.passwordHash },
    { name: 'password_issuer', type: 'text', value: (u) => u.passwordIssuer },
    { name: 'directory_synced', type: 'bool', value: (u) => u.directorySynced },
    { name: 'self_registered', type: 'bool', value: (u) => u.selfRegistered },
    { name: 'hidden', type: 'bool', value: (u) => u.hidden },
    { name: 'version', type: 'int4', value: (u) => u.version },
    { name: 'created_at', type: 'timestamptz', value: (u) => u.created },
    { name: 'updated_at', type: 'timestamptz', value: (u) => u.lastModified },
    ...(audit ? [{ name: 'audit', type: 'jsonb' as const, value: (u: StoredUser) => audit.detail(u) }] : []),
  ];
}

/** An ISO 8601 UTC time with milliseconds, as Date.toISOString writes it. */
const iso = (column: string) =>
  sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * Writes the first history version of users that have none yet (never changed since they were
 * created), from their rows: all of the tenant's, or those of `userIds`. The snapshot has the
 * keys and values of `snapshotOf` (userInsert.test.ts holds the two equal); groups in the order
 * of compareIds (numeric ids by length, then as text). The operator account never has history.
 * Safe to run any number of times and side by side: a version already written is left alone.
 */
export async function materializeFirstVersions(
  tx: Tx,
  tenantId: number,
  userIds?: readonly string[],
): Promise<void> {
  if (userIds?.length === 0) return;
  const only = userIds ? sql`and u.id = any(${[...userIds]}::text[])` : sql``;
  await sql`
    insert into user_history (tenant_id, user_id, version, valid_from, data)
    select u.tenant_id, u.id, u.version, u.updated_at,
      jsonb_build_object(
        'id', u.id, 'userName', u.user_name, 'displayName', u.display_name, 'email', u.email,
        'externalId', u.external_id, 'name', u.name,
        'identity', coalesce(u.identity, '{}'::jsonb), 'attrs', coalesce(u.attrs, '{}'::jsonb),
        'groups', coalesce(
          (select jsonb_agg(m.group_id order by length(m.group_id), m.group_id collate "C")
           from group_members m where m.tenant_id = u.tenant_id and m.user_id = u.id),
          '[]'::jsonb),
        'directorySynced', u.directory_synced, 'selfRegistered', u.self_registered,
        'passwordIssuer', u.password_issuer, 'version', u.version,
        'created', ${iso('u.created_at')}, 'lastModified', ${iso('u.updated_at')})
    from users u
    where u.tenant_id = ${tenantId} and not u.hidden ${only}
      and not exists (
        select 1 from user_history h where h.tenant_id = u.tenant_id and h.user_id = u.id)
    on conflict do nothing`.execute(tx);
}
