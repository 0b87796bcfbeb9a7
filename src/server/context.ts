import type { Locale, Profile } from '../domain';
import type { Db } from './db/connect';

/** A tenant (institution or customer) and the profile its roster follows. */
export interface TenantInfo {
  id: number;
  slug: string;
  name: string;
  profile: Profile;
  userLimit: number;
  passwordClasses: number;
  /** The language of the tenant's mail. */
  locale: Locale;
  /** The IANA time zone deadlines in mail are written in. */
  timeZone: string;
  /** The service's login page for this tenant's users (http or https), or null when not set. */
  loginUrl: string | null;
}

/** Who makes a request: a signed-in administrator or a provisioning client's API token. */
export interface Actor {
  /** For the audit log: `user:<userName>` or `token:<name>`. */
  label: string;
  userId?: string;
  userName?: string;
}

/** Everything a request's work needs, passed in rather than reached for. */
export interface RequestCtx {
  db: Db;
  tenant: TenantInfo;
  actor: Actor;
  /** The time of this request's writes, from the injectable clock. */
  now: Date;
  /**
   * The clock itself, for a change to a locked row: its time is read after the lock is taken,
   * so changes to one row are timed in the order they are made.
   */
  clock: () => Date;
  locale: Locale;
  /** `http://host/t/<slug>/scim/v2`, for locations and `$ref`s. */
  baseUrl: string;
  hashPassword: (password: string) => Promise<string>;
  newId: () => string;
  /** The server's public origin (`https://roster.example`), for links in mail. */
  publicUrl: string;
  /**
   * Whether to mail the invitation to the users this request registers without a password:
   * 利用待ち instead of 仮登録 (`?sendMail=true`).
   */
  sendMail: boolean;
  /** Whether to mail an updated password to its user (`?mailPassword=true`; seed 004). */
  mailPassword: boolean;
  /** Tells the mail worker this request queued mail, so it goes out without waiting for a poll. */
  mailQueued: () => void;
}
