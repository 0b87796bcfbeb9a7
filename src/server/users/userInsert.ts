// New users in one statement: their rows, group memberships, first history versions and audit
// entries. Profiled in bench/server.bench.ts (issue 18): four statements, each with its own JSON
// payload built in Node and parsed by the database, cost about twice what one does.
import { sql } from 'kysely';
import type { Tx } from '../db/connect';
import type { StoredUser } from './userStore';

/** Who creates the users, and what the audit keeps of each (never a password). */
export interface CreationAudit {
  actor: string;
  detail: (u: StoredUser) => Record<string, unknown>;
}

/**
 * Inserts new users with everything that goes with them, or nothing: a unique index that refuses
 * one user fails the statement (SQLSTATE 23505, the index named in `constraint`). The hidden
 * operator account gets no history (it is not on the roster). With `audit`, each user gets an
 * entry, in the order given (audit ids are taken in that order).
 *
 * The rows travel as one JSON parameter (see insertRows.ts), read as `json`, not `jsonb`: the
 * database then parses each row as it reads it instead of building one big jsonb value first
 * (10-15% less time for 1,000 users on PostgreSQL, measured side by side). The history snapshot is
 * built by the database from the same row with the keys and values of `snapshotOf`
 * (userInsert.test.ts holds the two equal), so the big JSON is sent and parsed once.
 */
export async function insertUsers(
  tx: Tx,
  tenantId: number,
  users: readonly StoredUser[],
  at: Date,
  audit?: CreationAudit,
): Promise<void> {
  if (users.length === 0) return;
  const rows = JSON.stringify(
    users.map((u, n) => ({
      n,
      id: u.id,
      user_name: u.userName,
      display_name: u.displayName,
      email: u.email,
      external_id: u.externalId,
      name: u.name,
      identity: u.identity,
      attrs: u.attrs,
      groups: u.groups,
      password_hash: u.passwordHash,
      password_issuer: u.passwordIssuer,
      directory_synced: u.directorySynced,
      self_registered: u.selfRegistered,
      hidden: u.hidden,
      version: u.version,
      created: u.created.toISOString(),
      last_modified: u.lastModified.toISOString(),
      audit: audit ? audit.detail(u) : null,
    })),
  );
  // Data-modifying WITH clauses run as one statement; the foreign keys of the memberships are
  // checked at its end, when the users are in (PostgreSQL docs, 7.8.4 "Data-Modifying
  // Statements in WITH").
  await sql`
    with src as (
      select * from json_to_recordset(${rows}::json) as t(
        n int4, id text, user_name text, display_name text, email text, external_id text,
        name jsonb, identity jsonb, attrs jsonb, groups jsonb, password_hash text,
        password_issuer text, directory_synced bool, self_registered bool, hidden bool,
        version int4, created text, last_modified text, audit jsonb)
    ),
    new_users as (
      insert into users (tenant_id, id, user_name, display_name, email, external_id, name,
        identity, attrs, password_hash, password_issuer, directory_synced, self_registered,
        hidden, version, created_at, updated_at)
      select ${tenantId}::int4, id, user_name, display_name, email, external_id, name, identity,
        attrs, password_hash, password_issuer, directory_synced, self_registered, hidden,
        version, created::timestamptz, last_modified::timestamptz
      from src
    ),
    memberships as (
      insert into group_members (tenant_id, group_id, user_id)
      select ${tenantId}::int4, g.group_id, src.id
      from src cross join jsonb_array_elements_text(src.groups) as g(group_id)
      on conflict do nothing
    ),
    history as (
      insert into user_history (tenant_id, user_id, version, valid_from, data)
      select ${tenantId}::int4, id, version, ${at.toISOString()}::timestamptz,
        jsonb_build_object(
          'id', id, 'userName', user_name, 'displayName', display_name, 'email', email,
          'externalId', external_id, 'name', name, 'identity', identity, 'attrs', attrs,
          'groups', groups, 'directorySynced', directory_synced,
          'selfRegistered', self_registered, 'passwordIssuer', password_issuer,
          'version', version, 'created', created, 'lastModified', last_modified)
      from src where not hidden
    )
    insert into audit_log (tenant_id, at, actor, action, resource_type, resource_id, detail)
    select ${tenantId}::int4, ${at.toISOString()}::timestamptz, ${audit?.actor ?? ''}::text, 'create',
      'User', id, audit
    from src where audit is not null
    order by n`.execute(tx);
}
