// The roster as a grid of cell text, and back: pure, no Excel in it.
import {
  choiceList,
  choiceText,
  choiceValue,
  type Column,
  type Locale,
  type Profile,
  type RosterRow,
  type RowFlags,
} from '../domain';

/** Header text of the hidden columns that carry each row's server id and version. */
export const ID_HEADER = '#id';
export const VERSION_HEADER = '#version';
/** A new row's client key (SCIM externalId), so a retried submission never creates twice. */
export const KEY_HEADER = '#key';
/** The visible column where each submitted row gets its result. */
export const RESULT_KEY = 'result';
const RESULT_HEADER = { ja: '結果', en: 'Result' } as const;

export interface SheetColumn {
  /** Profile column key, or `#id` / `#version`. */
  key: string;
  header: string;
  hidden: boolean;
  /** Nobody types here: server-managed columns and the hidden ones. */
  readOnly: boolean;
  /** Values for the drop-down list (enum columns), as the cells show them: `2:管理者`. */
  options?: string[];
  /** The codes a cell of this column may hold alone (`2`): Excel may keep those as numbers. */
  codes?: string[];
  /** For the column of a profile column's server-only states (登録状態): that column's key. */
  statesOf?: string;
}

export interface SheetLayout {
  profileId: Profile['id'];
  locale: Locale;
  columns: SheetColumn[];
}

/** One user as pulled: what the grid and the baseline are made of. */
export interface PulledUser {
  id: string;
  version: string;
  values: Record<string, string>;
  flags: RowFlags;
}

/** The columns of a roster sheet: the profile's, then the hidden id and version. */
export function layoutFor(profile: Profile, locale: Locale): SheetLayout {
  const columns: SheetColumn[] = profile.columns.flatMap((c) => {
    const options = choiceList(c, locale);
    const codes = c.options?.filter((o) => !o.serverOnly).map((o) => o.value) ?? [];
    const column: SheetColumn = {
      key: c.key,
      header: c.header[locale],
      hidden: false,
      readOnly: c.serverManaged || !c.editable,
      ...(options.length > 0 ? { options, codes } : {}),
    };
    if (!c.serverStates) return [column];
    const states = c.serverStates;
    return [
      column,
      { key: states.key, header: states.header[locale], hidden: false, readOnly: true, statesOf: c.key },
    ];
  });
  columns.push({ key: RESULT_KEY, header: RESULT_HEADER[locale], hidden: false, readOnly: true });
  columns.push({ key: ID_HEADER, header: ID_HEADER, hidden: true, readOnly: true });
  columns.push({ key: VERSION_HEADER, header: VERSION_HEADER, hidden: true, readOnly: true });
  columns.push({ key: KEY_HEADER, header: KEY_HEADER, hidden: true, readOnly: true });
  return { profileId: profile.id, locale, columns };
}

/**
 * How a value shows in a cell: a choice as the seeds write it, code and meaning (`2:管理者`), a
 * state only the server sets as its word (仮登録 / Provisional); anything else as it is.
 */
export function displayValue(col: Column | undefined, value: string, locale: Locale): string {
  return choiceText(col, value, locale);
}

/** The stored value of cell text: `2`, `管理者` and `2:管理者` are all the code `2` (domain/choices). */
export function storedValue(col: Column | undefined, text: string): string {
  return choiceValue(col, text);
}

const isServerOnly = (col: Column | undefined, value: string) =>
  col?.options?.some((o) => o.serverOnly && o.value === value) ?? false;

/**
 * A value of a column whose server-only states have a column of their own (eq's ステータス), as
 * its two cells: [the status cell, the 登録状態 cell]. 仮登録 leaves ステータス blank.
 */
export function splitValue(col: Column, value: string, locale: Locale): [string, string] {
  const text = displayValue(col, value, locale);
  return isServerOnly(col, value) ? ['', text] : [text, ''];
}

/**
 * Cells written to a split column (ステータス) become the two cells the sheet shows: a server-set
 * state goes to 登録状態 and blanks ステータス, any other value clears 登録状態.
 */
export function splitCells<T extends { rowNumber: number; column: string; value: string }>(
  profile: Profile,
  layout: SheetLayout,
  cells: readonly T[],
): T[] {
  const split = new Map(layout.columns.filter((c) => c.statesOf).map((c) => [c.statesOf!, c.key]));
  if (split.size === 0) return [...cells];
  return cells.flatMap((cell) => {
    const states = split.get(cell.column);
    const col = profile.columns.find((p) => p.key === cell.column);
    if (!states || !col) return [cell];
    const serverSet = isServerOnly(col, storedValue(col, cell.value));
    return [
      { ...cell, value: serverSet ? '' : cell.value },
      { ...cell, column: states, value: serverSet ? cell.value : '' },
    ];
  });
}

/** Header row and one row per user, all strings (written to cells formatted as text). */
export function toGrid(profile: Profile, layout: SheetLayout, users: readonly PulledUser[]): string[][] {
  const cols = layout.columns.map((c) => ({
    c,
    profileCol: profile.columns.find((p) => p.key === (c.statesOf ?? c.key)),
  }));
  const grid: string[][] = [layout.columns.map((c) => c.header)];
  for (const u of users) {
    grid.push(
      cols.map(({ c, profileCol }) => {
        if (c.key === ID_HEADER) return u.id;
        if (c.key === VERSION_HEADER) return u.version;
        if (c.key === KEY_HEADER || c.key === RESULT_KEY) return '';
        const value = u.values[profileCol?.key ?? c.key] ?? '';
        if (profileCol?.serverStates) return splitValue(profileCol, value, layout.locale)[c.statesOf ? 1 : 0];
        return displayValue(profileCol, value, layout.locale);
      }),
    );
  }
  return grid;
}

/** A problem with the sheet's structure, found while reading it. */
export class SheetShapeError extends Error {
  constructor(readonly missing: string[]) {
    super(`The roster sheet lacks the column(s) ${missing.join(', ')}.`);
    this.name = 'SheetShapeError';
  }
}

/**
 * Rows from the grid read back (header first). Columns are found by header text, so the admin
 * may reorder them; `firstRowNumber` is the sheet row of the header (1 for A1). Completely empty
 * lines are skipped; a missing profile column is a SheetShapeError naming it.
 */
export function fromGrid(
  profile: Profile,
  layout: SheetLayout,
  grid: readonly (readonly string[])[],
  firstRowNumber = 1,
): RosterRow[] {
  const header = grid[0] ?? [];
  const index = new Map(header.map((h, i) => [h, i]));
  const missing = layout.columns.filter((c) => !index.has(c.header)).map((c) => c.header);
  if (missing.length > 0) throw new SheetShapeError(missing);
  const idAt = index.get(ID_HEADER)!;
  const keyAt = index.get(KEY_HEADER)!;
  const profileCols = layout.columns
    .filter((c) => !c.hidden && c.key !== RESULT_KEY && !c.statesOf)
    .map((c) => {
      const col = profile.columns.find((p) => p.key === c.key);
      const states = layout.columns.find((s) => s.statesOf === c.key);
      return { key: c.key, at: index.get(c.header)!, col, statesAt: states && index.get(states.header) };
    });
  const rows: RosterRow[] = [];
  for (let r = 1; r < grid.length; r++) {
    const line = grid[r]!;
    const values: Record<string, string> = {};
    let any = false;
    for (const { key, at, col, statesAt } of profileCols) {
      const text = line[at] ?? '';
      if (text !== '') any = true;
      values[key] = storedValue(col, text);
      if (text === '' && statesAt !== undefined) {
        // A blank ステータス beside 仮登録 / 利用待ち is that state, as pulled: not a change.
        const state = storedValue(col, line[statesAt] ?? '');
        if (isServerOnly(col, state)) values[key] = state;
      }
    }
    const id = line[idAt] ?? '';
    const clientKey = line[keyAt] ?? '';
    if (!any && id === '') continue;
    const row: RosterRow = { rowNumber: firstRowNumber + r, values };
    if (id) row.id = id;
    if (clientKey) row.clientKey = clientKey;
    rows.push(row);
  }
  return rows;
}

/**
 * Cells an admin must not edit, per row: server-managed columns for everyone, the profile's
 * locks for synced and self-registered users, and a status only the server sets.
 */
export function lockedColumns(profile: Profile, user: PulledUser): string[] {
  const locked = new Set(profile.columns.filter((c) => c.serverManaged).map((c) => c.key));
  if (user.flags.directorySynced) profile.locks.directorySynced.forEach((k) => locked.add(k));
  if (user.flags.selfRegistered) profile.locks.selfRegistered.forEach((k) => locked.add(k));
  for (const c of profile.columns) {
    if (c.options?.some((o) => o.serverOnly && o.value === user.values[c.key])) locked.add(c.key);
  }
  return [...locked];
}

/** Bytes of a string in UTF-8 (what the request to Excel carries). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A surrogate pair is one 4-byte character: 2 bytes for each half.
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
  }
  return n;
}

/**
 * The UTF-8 bytes of a string as JSON writes it, quotes excluded: `"` and `\` escaped (2 bytes),
 * \b \f \n \r \t as 2, other control characters and lone surrogates as \uXXXX (6; ECMA-262
 * JSON.stringify, QuoteJSONString), a surrogate pair as its 4 bytes.
 */
function jsonStringBytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) n += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6;
    else if (c === 0x22 || c === 0x5c) n += 2;
    else if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) n += 6;
    else n += 3;
  }
  return n;
}

/** The JSON size of one row of strings, as a 2-D `values` array carries it (one byte over). */
export function rowBytes(row: readonly string[]): number {
  let n = 2;
  for (const s of row) n += jsonStringBytes(s) + 3;
  return n;
}

/**
 * Splits rows into runs whose JSON stays under `maxBytes`, so no single `context.sync()` carries
 * more than that (Excel on the web refuses requests over 5 MB: docs "Resource limits").
 */
export function chunkByBytes<T extends readonly string[]>(rows: readonly T[], maxBytes: number): T[][] {
  return chunkBy(rows, rowBytes, maxBytes);
}

/** Splits rows into runs whose cost stays under `maxBytes` (one sync each). */
export function chunkBy<T>(rows: readonly T[], cost: (row: T) => number, maxBytes: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const row of rows) {
    const b = cost(row);
    if (current.length > 0 && size + b > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(row);
    size += b;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** The A1 column letters of a 0-based column index. */
export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
