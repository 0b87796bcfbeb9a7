import { formatProblem, listRows, reasons, type MessageKey, type MessageParams } from './messages';
import type { Column, Profile } from './profile';
import { StringIndex } from './stringIndex';
import type { BaselineRow, Locale, Problem, ProblemCode, RosterRow } from './types';
import { cellText, isBlankRow } from './validateRows';

/** The pseudo-column of a row's hidden server id, for problems about the id itself. */
export const ID_COLUMN = 'id';

/** One changed field of an existing user. */
export interface Change {
  column: string;
  before: string;
  after: string;
}

export interface Addition {
  rowNumber: number;
  values: Record<string, string>;
}

export interface Update {
  rowNumber: number;
  id: string;
  /** The version pulled, sent as If-Match so a change made on the server since is not overwritten. */
  version: string;
  /** Only the fields that changed. */
  changes: Change[];
}

export interface Deletion {
  id: string;
  version: string;
  values: Readonly<Record<string, string>>;
}

/** What submitting the sheet would do, and what stops it. */
export interface Changeset {
  additions: Addition[];
  updates: Update[];
  deletions: Deletion[];
  unchanged: { rowNumber: number; id: string }[];
  problems: Problem[];
}

export interface DiffOptions {
  /** Which columns to compare and which are read-only; without it every key is compared. */
  profile?: Profile;
  /** The signed-in admin's user ID: their own role may not change and their row may not go. */
  operatorUserName?: string;
  locale?: Locale;
  /** Whether typed passwords of existing users are changes (the explicit password update). */
  passwordUpdates?: boolean;
}

const ID_HEADER = { ja: 'ID', en: 'ID' } as const;

/** Without a profile, every key either side has. */
function allKeys(baseline: BaselineRow, row: RosterRow): string[] {
  return [...new Set([...Object.keys(baseline.values), ...Object.keys(row.values)])];
}

function isBlank(row: RosterRow, profile: Profile | undefined): boolean {
  if (profile) return isBlankRow(profile, row);
  return !row.id && Object.keys(row.values).every((k) => cellText(row.values, k) === '');
}

/** Why a column of this user cannot change, if it cannot. */
function lockReason(
  profile: Profile,
  col: Column,
  base: BaselineRow,
  change: Change,
): keyof typeof reasons | null {
  if (col.serverManaged) return 'serverManaged';
  if (col.immutable) return 'immutable';
  if (base.flags?.directorySynced && profile.locks.directorySynced.includes(col.key))
    return 'directorySynced';
  if (base.flags?.selfRegistered && profile.locks.selfRegistered.includes(col.key)) return 'selfRegistered';
  const option = (v: string) => col.options?.find((o) => o.value === v);
  if (option(change.after)?.serverOnly) return 'serverManaged';
  if (option(change.before)?.serverOnly && !option(change.after)?.fromServerOnly) return 'serverManaged';
  return null;
}

/**
 * Compares the sheet with the pulled baseline, keyed by the hidden server id (never by row
 * position, so sorting and filtering are safe): rows without an id are additions, rows with one
 * are updates of only their changed fields or unchanged, baseline ids no longer on the sheet are
 * deletions. Rows whose id is unknown or repeated, read-only fields that changed, and changes to
 * the operator's own role or account are `problems`, never guesses.
 */
export function diffRoster(
  baseline: readonly BaselineRow[],
  rows: readonly RosterRow[],
  options: DiffOptions = {},
): Changeset {
  const { profile, operatorUserName } = options;
  const locale: Locale = options.locale === 'en' ? 'en' : 'ja';
  const userNameKey = profile?.userNameColumn ?? 'userName';
  const roleKey = profile?.roleColumn ?? 'role';
  const operator = operatorUserName?.toLowerCase();
  const isOperator = (b: BaselineRow) =>
    operator !== undefined && cellText(b.values, userNameKey).toLowerCase() === operator;

  // Hoisted out of the row loop: this runs on 100,000-row rosters.
  const comparedKeys = profile?.columns.filter((c) => !c.writeOnly).map((c) => c.key);
  const writeOnlyKeys = profile?.columns.filter((c) => c.writeOnly).map((c) => c.key) ?? [];
  const columnByKey = new Map(profile?.columns.map((c) => [c.key, c]));

  const result: Changeset = { additions: [], updates: [], deletions: [], unchanged: [], problems: [] };
  const problem = (
    rowNumber: number | null,
    column: string,
    code: ProblemCode,
    key: MessageKey,
    params: Omit<MessageParams, 'h'> = {},
    id?: string,
  ) => {
    const col = columnByKey.get(column);
    const h = column === ID_COLUMN ? ID_HEADER[locale] : (col?.header[locale] ?? column);
    const p: Problem = {
      rowNumber,
      column,
      code,
      message: formatProblem(rowNumber, locale, key, { h, ...params }),
    };
    if (id !== undefined) p.id = id;
    result.problems.push(p);
  };

  // Baseline rows by id: `firstOf[k]` is the baseline index of id number k (the first row where
  // an id repeats), `repeats[i]` marks a later row of an id already seen. Sheet rows are then
  // counted per baseline index in typed arrays: a 100,000-row sheet costs one lookup per row, and
  // no array or object per row.
  const ids = new StringIndex(baseline.length);
  const firstOf = new Int32Array(baseline.length);
  const repeats = new Uint8Array(baseline.length);
  for (let i = 0; i < baseline.length; i++) {
    const distinct = ids.size;
    const k = ids.add(baseline[i]!.id);
    if (k === distinct) firstOf[k] = i;
    else repeats[i] = 1;
  }
  const baseOf = new Int32Array(rows.length).fill(-1);
  const hits = new Uint32Array(baseline.length);
  rows.forEach((row, r) => {
    const k = row.id ? ids.indexOf(row.id) : -1;
    if (k < 0) return;
    const b = firstOf[k]!;
    baseOf[r] = b;
    hits[b]!++;
  });
  // The sheet rows of ids that appear more than once (rare), in sheet order.
  const repeated = new Map<number, number[]>();
  rows.forEach((row, r) => {
    const b = baseOf[r]!;
    if (b < 0 || hits[b]! < 2) return;
    const list = repeated.get(b);
    if (list) list.push(row.rowNumber);
    else repeated.set(b, [row.rowNumber]);
  });
  for (const list of repeated.values()) list.sort((a, b) => a - b);

  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (isBlank(row, profile)) continue;
    if (!row.id) {
      const values: Record<string, string> = {};
      for (const key of Object.keys(row.values)) values[key] = cellText(row.values, key);
      result.additions.push({ rowNumber: row.rowNumber, values });
      continue;
    }
    if (baseOf[r]! < 0) {
      problem(row.rowNumber, ID_COLUMN, 'unknownId', 'unknownId', {}, row.id);
      continue;
    }
    const base = baseline[baseOf[r]!]!;
    const same = repeated.get(baseOf[r]!);
    if (same) {
      const others = same.filter((n) => n !== row.rowNumber);
      problem(
        row.rowNumber,
        ID_COLUMN,
        'duplicate',
        'duplicateId',
        { rows: listRows(others, locale) },
        row.id,
      );
      continue;
    }
    // Most rows are unchanged: their changes array is never made.
    let changes: Change[] | undefined;
    for (const key of comparedKeys ?? allKeys(base, row)) {
      const before = cellText(base.values, key);
      const after = cellText(row.values, key);
      if (before !== after) (changes ??= []).push({ column: key, before, after });
    }
    if (options.passwordUpdates) {
      for (const key of writeOnlyKeys) {
        const typed = cellText(row.values, key);
        if (typed !== '') (changes ??= []).push({ column: key, before: '', after: typed });
      }
    }
    if (!changes) {
      result.unchanged.push({ rowNumber: row.rowNumber, id: row.id });
      continue;
    }
    for (const change of changes) {
      const col = columnByKey.get(change.column);
      // Write-only columns (passwords) are judged by validateRows, which knows the mode.
      if (!profile || !col || col.writeOnly) continue;
      const reason = lockReason(profile, col, base, change);
      if (reason)
        problem(row.rowNumber, col.key, 'readOnly', 'readOnly', { reason: reasons[reason][locale] });
      // Nobody demotes or suspends their own account (issue 12: the seed's rule, extended to status).
      else if ((col.key === roleKey || col.key === 'status') && isOperator(base))
        problem(row.rowNumber, col.key, 'ownAccount', 'ownRole');
    }
    result.updates.push({ rowNumber: row.rowNumber, id: row.id, version: base.version, changes });
  }

  for (let i = 0; i < baseline.length; i++) {
    const b = baseline[i]!;
    // On the sheet, or a repeat of an earlier baseline row's id.
    if (hits[i]! > 0 || repeats[i]) continue;
    result.deletions.push({ id: b.id, version: b.version, values: b.values });
    if (isOperator(b)) {
      problem(null, userNameKey, 'ownAccount', 'ownDeletion', { v: cellText(b.values, userNameKey) }, b.id);
    }
  }
  // Sheet order, whatever order the rows came in; problems of deleted rows last.
  const at = (n: number | null) => n ?? Number.MAX_SAFE_INTEGER;
  result.problems.sort((a, b) => at(a.rowNumber) - at(b.rowNumber));
  return result;
}
