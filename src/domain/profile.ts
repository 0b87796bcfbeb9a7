import type { Locale, RowMode } from './types';

/** Text in both UI languages. */
export type Localized = Readonly<Record<Locale, string>>;

/** One allowed value of an enumerated column. */
export interface EnumOption {
  value: string;
  label: Localized;
  /** Set by the server only (e.g. provisional, waiting): shown, never typed. */
  serverOnly?: boolean;
  /** May replace a server-only value (suspending a user who has not registered yet). */
  fromServerOnly?: boolean;
}

/** A value that looks plausible but is refused, with the reason (e.g. jairo's Community Administrator). */
export interface RejectedValue {
  value: string;
  reason: Localized;
}

/**
 * The rules a column can carry. They are data, so the add-in and the server read the same
 * profile and judge rows the same way.
 */
export type Rule =
  /** The value must not be blank in these modes. */
  | { type: 'required'; in: readonly RowMode[] }
  /** The value must not be blank in these modes when another column has a given value. */
  | { type: 'requiredWhen'; in: readonly RowMode[]; column: string; equals: string }
  /** The column itself must be in the sheet in these modes, though its value may be blank. */
  | { type: 'columnPresent'; in: readonly RowMode[] }
  /** The value must be blank in these modes. */
  | { type: 'forbidden'; in: readonly RowMode[] }
  /** Length in characters (code points, so an emoji counts once). */
  | { type: 'length'; min?: number; max?: number }
  | { type: 'noWhitespace' }
  /** 4–32 of `A-Z a-z 0-9 - _ .`-style identifiers: the allowed characters are listed. */
  | { type: 'identifier'; allowed: string }
  | { type: 'email' }
  /** Printable ASCII only, and the tenant's number of character classes. */
  | { type: 'password' }
  /** Digits separated by single half-width spaces. */
  | { type: 'idList' }
  | { type: 'oneOf'; rejected?: readonly RejectedValue[] }
  /** Unique within the submitted rows (and, on the server, within the tenant). */
  | { type: 'unique'; caseInsensitive: boolean }
  /** Flags `1.23457E+13`: a long number Excel has already turned into exponent notation. */
  | { type: 'noExponent' };

export type ColumnKind = 'text' | 'email' | 'password' | 'idList' | 'enum' | 'identifier';

/** One column of a profile. */
export interface Column {
  /** Stable key used in rows, baselines and problems. */
  key: string;
  header: Localized;
  /** Where the value lives in a SCIM User (core attribute or the profile's extension). */
  scim: string;
  kind: ColumnKind;
  /** Whether an admin may type into it at all. */
  editable: boolean;
  /** Assigned by the server; shown read-only. */
  serverManaged: boolean;
  /** Never read back from the server (passwords). */
  writeOnly: boolean;
  /** Cannot change once the user exists. */
  immutable: boolean;
  options?: readonly EnumOption[];
  rules: readonly Rule[];
  /** Modes in which the column is not read at all (e.g. the password outside password modes). */
  ignoredIn: readonly RowMode[];
  /**
   * The value a new user gets when a provisioning client (Entra, Okta) does not send the
   * attribute at all; a blank value sent on purpose is still judged as blank.
   */
  defaultValue?: string;
  /**
   * Server-only options shown in a read-only column of their own (issue 15: eq's 仮登録 and
   * 利用待ち go to 登録状態, so ステータス shows and takes only what an admin may type). The
   * server still stores one value; the sheet splits it and joins it back.
   */
  serverStates?: { key: string; header: Localized };
}

/** The fields a kind of user may not change, after the seeds. */
export interface LockRules {
  /** Users synced with the external console: these keys are read-only. */
  directorySynced: readonly string[];
  /** Self-registered users: these keys are read-only. */
  selfRegistered: readonly string[];
}

/** How a new user completes the account on the registration page (issue 6). */
export interface RegistrationRules {
  /** The lowest zxcvbn score (0–4) a password needs there; null when the column rules alone decide. */
  minStrengthScore: number | null;
  /** Columns the user may change on the page (seed 000: the display name). */
  userEditable: readonly string[];
  /** Whether users who have not completed registration are left out of searches (seed 000). */
  searchHidesPending: boolean;
}

/** Status values of users who have not completed registration: 仮登録 (no mail yet), 利用待ち (mailed). */
export const PENDING_STATUSES: readonly string[] = ['provisional', 'waiting'];
/** The status of a user who can sign in (利用中). */
export const ACTIVE_STATUS = '1';
/** eq's 利用停止中 (set by an administrator or by SCIM `active: false`). */
export const SUSPENDED_STATUS = '2';
/** jairo's 無効 / Disabled: SCIM `active: false` from an identity provider; reversible. */
export const DISABLED_STATUS = 'disabled';

/** Whether a status lets the account be used (SCIM `active`). */
export function isActiveStatus(status: string | undefined): boolean {
  return status !== SUSPENDED_STATUS && status !== DISABLED_STATUS;
}

/** A tenant's column set and rules: `eq` or `jairo`, or `generic`, built from another SCIM service's schemas. */
export interface Profile {
  id: 'eq' | 'jairo' | 'generic';
  name: Localized;
  columns: readonly Column[];
  /** Modes this profile supports. */
  modes: readonly RowMode[];
  /** The column that names a user (user ID), used for the admin's own account. */
  userNameColumn: string;
  /** The column that holds the role, if any. */
  roleColumn: string;
  /** Roles allowed to manage users. */
  adminRoles: readonly string[];
  locks: LockRules;
  registration: RegistrationRules;
  /** The column a pulled roster is sorted by (default: the user ID column). */
  sortColumn?: string;
  /** The status SCIM `active: false` sets (eq: 利用停止中 `2`; jairo: 無効 `disabled`). */
  inactiveStatus: string;
}

/** The column with this key, if the profile has one. */
export function columnOf(profile: Profile, key: string): Column | undefined {
  return profile.columns.find((c) => c.key === key);
}

/** The header of a column in a language; the key itself for a column the profile does not have. */
export function headerOf(profile: Profile, key: string, locale: Locale): string {
  return columnOf(profile, key)?.header[locale] ?? key;
}
