/** UI and message language. */
export type Locale = 'ja' | 'en';

/**
 * What a submission does, after the seed's (004) bulk screens:
 * - `register-invite`: new users get a one-time URL by mail; the password column must be empty.
 * - `register-password`: new users get the password typed in the sheet.
 * - `update`: every field but the password (a typed password is ignored).
 * - `update-password`: only passwords change; every other column is ignored.
 *
 * In the two `register-*` modes a row that already has a server id is an existing user being
 * edited beside the additions, so it is judged by the `update` rules.
 */
export type Mode = 'register-invite' | 'register-password' | 'update' | 'update-password';

export const MODES: readonly Mode[] = ['register-invite', 'register-password', 'update', 'update-password'];

/** The rules a single row is judged by: its mode, resolved per row (see {@link Mode}). */
export type RowMode = Mode;

/** Stable problem codes; messages may change, codes do not. */
export type ProblemCode =
  | 'required'
  | 'missingColumn'
  | 'tooLong'
  | 'tooShort'
  | 'invalidChars'
  | 'invalidFormat'
  | 'invalidValue'
  | 'exponent'
  | 'duplicate'
  | 'notAllowed'
  | 'readOnly'
  | 'weakPassword'
  | 'unknownId'
  | 'ownAccount'
  | 'contractLimit';

/**
 * One problem with one cell. `rowNumber` is the sheet row the admin sees; it is `null` only for a
 * changeset problem about a deleted row, which has no row on the sheet any more (then `id` says
 * which user).
 */
export interface Problem {
  rowNumber: number | null;
  column: string;
  code: ProblemCode;
  message: string;
  id?: string;
}

/** What the server knows about a user that changes which of its fields an admin may edit. */
export interface RowFlags {
  /** Synced with the external management console (seed 004). */
  directorySynced?: boolean;
  /** Registered by the user (本人登録, seed 004). */
  selfRegistered?: boolean;
}

/** One row of the roster as the admin typed it: raw cell text keyed by column key. */
export interface RosterRow {
  rowNumber: number;
  /** The server id of an existing user; absent for a new row. */
  id?: string;
  values: Readonly<Record<string, string>>;
  flags?: RowFlags;
  /** A new row's client key (SCIM externalId), written before it is first sent. */
  clientKey?: string;
}

/** One user as pulled from the server: what the sheet is compared with. */
export interface BaselineRow {
  id: string;
  version: string;
  values: Readonly<Record<string, string>>;
  flags?: RowFlags;
}

export interface ValidateOptions {
  mode: Mode;
  locale: Locale;
  /** The tenant's required number of password character classes, 1–4. */
  passwordClasses: number;
}
