import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { IdentityAttributes } from '../../scim/identityAttributes';
import type { UserRecord } from '../../scim/userResource';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Profile attributes of a user that are not SCIM core attributes (role, remarks, status…). */
export type UserAttrs = Record<string, string>;

/** The user as history keeps it: what the roster showed (times as ISO text), never a password. */
export type UserSnapshot = Omit<UserRecord, 'created' | 'lastModified'> & {
  created: string;
  lastModified: string;
};

export interface TenantTable {
  id: Generated<number>;
  slug: string;
  profile: string;
  name: string;
  user_limit: number;
  password_classes: number;
  user_seq: Generated<number>;
  group_seq: Generated<number>;
  member_seq: Generated<number>;
  /** The language of the tenant's mail. */
  locale: Generated<string>;
  /** The time zone deadlines in mail are written in. */
  time_zone: Generated<string>;
  /** Where the tenant's users log in to the service (http or https), or null. */
  login_url: Generated<string | null>;
  created_at: Timestamp;
}

export interface UserTable {
  tenant_id: number;
  id: string;
  user_name: string;
  display_name: string;
  email: string;
  external_id: string | null;
  name: JSONColumnType<Record<string, string> | null, string | null, string | null>;
  identity: JSONColumnType<IdentityAttributes, string | undefined, string>;
  attrs: JSONColumnType<UserAttrs, string, string>;
  password_hash: string | null;
  /** Who set the password: `user`, `admin`, or `none` yet (seed 004's パスワード発行元). */
  password_issuer: string;
  directory_synced: boolean;
  self_registered: boolean;
  /** The operator-only account (jairo's institution administrator): not in the roster. */
  hidden: boolean;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GroupTable {
  tenant_id: number;
  id: string;
  display_name: string;
  external_id: string | null;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GroupMemberTable {
  tenant_id: number;
  group_id: string;
  user_id: string;
}

export interface UserHistoryTable {
  tenant_id: number;
  user_id: string;
  version: number;
  valid_from: Timestamp;
  valid_to: Timestamp | null;
  data: JSONColumnType<UserSnapshot, string, string>;
}

export interface GroupSnapshot {
  id: string;
  displayName: string;
  externalId: string | null;
  members: string[];
  version: number;
}

export interface GroupHistoryTable {
  tenant_id: number;
  group_id: string;
  version: number;
  valid_from: Timestamp;
  valid_to: Timestamp | null;
  data: JSONColumnType<GroupSnapshot, string, string>;
}

export interface AuditTable {
  id: Generated<string>;
  tenant_id: number;
  at: Timestamp;
  actor: string;
  action: string;
  resource_type: string;
  resource_id: string;
  detail: JSONColumnType<Record<string, unknown>, string, string>;
}

export interface SessionTable {
  token_hash: string;
  tenant_id: number;
  user_id: string;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  created_at: Timestamp | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  token_hash: string;
  /** `user:<userName>` of the administrator who made it, or `cli`. */
  created_by: Generated<string>;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

/** Failed sign-ins of one key (`acct:<tenant>:<user>@<address>` or `addr:<address>`). */
export interface SignInThrottleTable {
  key: string;
  failures: number;
  max_failures: number;
  last_failure_at: Timestamp;
  blocked_until: Timestamp | null;
}

export interface RegistrationTokenTable {
  /** SHA-256 of the token: the URL itself is never stored. */
  token_hash: string;
  tenant_id: number;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  /** Set when a newer mail replaced this URL. */
  revoked_at: Timestamp | null;
}

export type MailState = 'pending' | 'sending' | 'sent' | 'failed';

export interface MailOutboxTable {
  id: Generated<string>;
  tenant_id: number;
  user_id: string | null;
  kind: string;
  to_address: string;
  subject: string;
  /** The text body until the mail is sent; cleared then (it may hold a URL or a password). */
  body: string | null;
  state: Generated<MailState>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  claimed_at: Timestamp | null;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface Database {
  tenants: TenantTable;
  users: UserTable;
  groups: GroupTable;
  group_members: GroupMemberTable;
  user_history: UserHistoryTable;
  group_history: GroupHistoryTable;
  audit_log: AuditTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  sign_in_throttle: SignInThrottleTable;
  registration_tokens: RegistrationTokenTable;
  mail_outbox: MailOutboxTable;
}
