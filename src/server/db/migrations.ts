import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * The schema, as plain SQL that runs the same on PGlite and PostgreSQL. Migrations are code
 * (not files read at run time) so a bundled or installed server carries them.
 */
const migrations: Record<string, Migration> = {
  '001_initial': {
    async up(db: Kysely<unknown>) {
      const statements = `
        create table tenants (
          id serial primary key,
          slug text not null unique,
          profile text not null check (profile in ('eq', 'jairo')),
          name text not null,
          user_limit integer not null check (user_limit >= 0),
          password_classes integer not null default 2 check (password_classes between 1 and 4),
          user_seq integer not null default 0,
          group_seq integer not null default 100,
          member_seq integer not null default 0,
          created_at timestamptz not null
        );
        create table users (
          tenant_id integer not null references tenants(id) on delete cascade,
          id text not null,
          user_name text not null,
          display_name text not null default '',
          email text not null default '',
          external_id text,
          name jsonb,
          attrs jsonb not null default '{}'::jsonb,
          password_hash text,
          password_issuer text not null default 'none',
          directory_synced boolean not null default false,
          self_registered boolean not null default false,
          hidden boolean not null default false,
          version integer not null default 1,
          created_at timestamptz not null,
          updated_at timestamptz not null,
          primary key (tenant_id, id)
        );
        create unique index users_user_name_key on users (tenant_id, lower(user_name));
        create unique index users_email_key on users (tenant_id, lower(email)) where email <> '';
        create unique index users_external_id_key on users (tenant_id, external_id) where external_id is not null;
        create table groups (
          tenant_id integer not null references tenants(id) on delete cascade,
          id text not null,
          display_name text not null,
          external_id text,
          version integer not null default 1,
          created_at timestamptz not null,
          updated_at timestamptz not null,
          primary key (tenant_id, id)
        );
        create unique index groups_display_name_key on groups (tenant_id, lower(display_name));
        create table group_members (
          tenant_id integer not null,
          group_id text not null,
          user_id text not null,
          primary key (tenant_id, group_id, user_id),
          foreign key (tenant_id, group_id) references groups(tenant_id, id) on delete cascade,
          foreign key (tenant_id, user_id) references users(tenant_id, id) on delete cascade
        );
        create index group_members_user on group_members (tenant_id, user_id);
        create table user_history (
          tenant_id integer not null references tenants(id) on delete cascade,
          user_id text not null,
          version integer not null,
          valid_from timestamptz not null,
          valid_to timestamptz,
          data jsonb not null,
          primary key (tenant_id, user_id, version)
        );
        create index user_history_time on user_history (tenant_id, valid_from);
        create index user_history_open on user_history (tenant_id, user_id) where valid_to is null;
        create table audit_log (
          id bigserial primary key,
          tenant_id integer not null references tenants(id) on delete cascade,
          at timestamptz not null,
          actor text not null,
          action text not null,
          resource_type text not null,
          resource_id text not null,
          detail jsonb not null default '{}'::jsonb
        );
        create index audit_log_tenant_time on audit_log (tenant_id, at);
        create table sessions (
          token_hash text primary key,
          tenant_id integer not null references tenants(id) on delete cascade,
          user_id text not null,
          expires_at timestamptz not null,
          revoked_at timestamptz
        );
        create table api_tokens (
          id serial primary key,
          tenant_id integer not null references tenants(id) on delete cascade,
          name text not null,
          token_hash text not null unique,
          created_at timestamptz not null,
          revoked_at timestamptz
        );
      `;
      // One statement per query: prepared statements (PGlite's query, pg with parameters) take one.
      for (const statement of statements.split(';').map((s) => s.trim())) {
        if (statement) await sql.raw(statement).execute(db);
      }
    },
  },
  '002_group_history': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table group_history (
          tenant_id integer not null references tenants(id) on delete cascade,
          group_id text not null,
          version integer not null,
          valid_from timestamptz not null,
          valid_to timestamptz,
          data jsonb not null,
          primary key (tenant_id, group_id, version)
        )`.execute(db);
    },
  },
  '003_drop_redundant_history_index': {
    // The primary key (tenant_id, user_id, version) already finds a user's open version; the
    // extra index only slowed every write (measured in bench/server.bench.ts).
    async up(db: Kysely<unknown>) {
      await sql`drop index if exists user_history_open`.execute(db);
    },
  },
  '004_registration_and_mail': {
    // Issue 6: one-time registration URLs (only their hashes) and the persistent mail outbox
    // that lets a slow or failing SMTP server never lose a write.
    async up(db: Kysely<unknown>) {
      const statements = `
        alter table tenants add column locale text not null default 'ja' check (locale in ('ja', 'en'));
        alter table tenants add column time_zone text not null default 'Asia/Tokyo';
        create table registration_tokens (
          token_hash text primary key,
          tenant_id integer not null,
          user_id text not null,
          created_at timestamptz not null,
          expires_at timestamptz not null,
          used_at timestamptz,
          revoked_at timestamptz,
          foreign key (tenant_id, user_id) references users(tenant_id, id) on delete cascade
        );
        create index registration_tokens_user on registration_tokens (tenant_id, user_id);
        create table mail_outbox (
          id bigserial primary key,
          tenant_id integer not null references tenants(id) on delete cascade,
          user_id text,
          kind text not null,
          to_address text not null,
          subject text not null,
          body text,
          state text not null default 'pending' check (state in ('pending', 'sending', 'sent', 'failed')),
          attempts integer not null default 0,
          next_attempt_at timestamptz not null,
          claimed_at timestamptz,
          last_error text,
          created_at timestamptz not null,
          sent_at timestamptz
        );
        create index mail_outbox_due on mail_outbox (next_attempt_at) where state in ('pending', 'sending');
        create index mail_outbox_tenant on mail_outbox (tenant_id, created_at);
      `;
      for (const statement of statements.split(';').map((s) => s.trim())) {
        if (statement) await sql.raw(statement).execute(db);
      }
    },
  },
  '005_accounts': {
    // Issue 12: sign-in failures counted in the database (one row per throttled key: an
    // account from one address, or an address), and API tokens with a life cycle.
    async up(db: Kysely<unknown>) {
      const statements = `
        create table sign_in_throttle (
          key text primary key,
          failures integer not null,
          max_failures integer not null,
          last_failure_at timestamptz not null,
          blocked_until timestamptz
        );
        create index sign_in_throttle_old on sign_in_throttle (last_failure_at);
        alter table api_tokens add column created_by text not null default 'cli';
        alter table api_tokens add column expires_at timestamptz;
        alter table api_tokens add column last_used_at timestamptz;
        alter table sessions add column created_at timestamptz;
        create index sessions_user on sessions (tenant_id, user_id);
      `;
      for (const statement of statements.split(';').map((s) => s.trim())) {
        if (statement) await sql.raw(statement).execute(db);
      }
    },
  },
  '005_user_identity': {
    // Issue "SCIM interop": the attributes identity providers send beyond a profile's columns
    // (title, phone numbers, addresses, more emails, the enterprise extension).
    async up(db: Kysely<unknown>) {
      await sql`alter table users add column identity jsonb not null default '{}'::jsonb`.execute(db);
    },
  },
  '006_tenant_login_url': {
    // Issue 15: where the tenant's users log in to the service (JAIRO Cloud, EQ), linked from
    // the registration done page and the mails; null when the operator has not said.
    async up(db: Kysely<unknown>) {
      await sql`alter table tenants add column login_url text`.execute(db);
    },
  },
  '007_users_list_order': {
    // Issue 18 (Lists): the list's order, created_at then id, of a tenant's visible users. A
    // cursor page (RFC 9865) reads the next rows of this index and stops, instead of sorting
    // every user of the tenant per page; an index page skips along it. Partial on the same
    // predicate the list uses (hidden = false), so the planner can prove it applies.
    async up(db: Kysely<unknown>) {
      await sql`create index users_list_order on users (tenant_id, created_at, id) where hidden = false`.execute(
        db,
      );
    },
  },
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
