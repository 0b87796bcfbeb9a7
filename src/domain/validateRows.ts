import { formatProblem, listRows, type MessageKey, type MessageParams } from './messages';
import type { Column, Profile, Rule } from './profile';
import {
  charLength,
  describeWhitespace,
  findWhitespace,
  firstBadPasswordChar,
  isEmail,
  firstFullWidth,
  isFullWidth,
  isIdList,
  looksLikeExponent,
  passwordClassCount,
} from './text';
import type { Locale, Mode, Problem, ProblemCode, RosterRow, RowMode, ValidateOptions } from './types';

const IDENTIFIER_CHAR = /^[A-Za-z0-9._-]$/;
const IDENTIFIER = /^[A-Za-z0-9._-]*$/;

/**
 * The rules a row is judged by: in the `register-*` modes a row that already has a server id is
 * an existing user edited beside the additions, so it follows the `update` rules.
 */
export function rowModeOf(row: Pick<RosterRow, 'id'>, mode: Mode): RowMode {
  return row.id && (mode === 'register-invite' || mode === 'register-password') ? 'update' : mode;
}

/** A cell's raw text; a missing key is blank, anything that is not a string is made one. */
export function cellText(values: Readonly<Record<string, unknown>>, key: string): string {
  const v = values[key];
  if (typeof v === 'string') return v;
  return v === undefined || v === null ? '' : String(v);
}

/** A row with no id and nothing typed in any column of the profile: an empty line in the sheet. */
export function isBlankRow(profile: Profile, row: RosterRow): boolean {
  if (row.id) return false;
  for (const col of profile.columns) if (cellText(row.values, col.key) !== '') return false;
  return true;
}

interface Ctx {
  profile: Profile;
  locale: Locale;
  passwordClasses: number;
  out: Problem[];
}

function add(
  ctx: Ctx,
  rowNumber: number,
  col: Column,
  code: ProblemCode,
  key: MessageKey,
  params: Omit<MessageParams, 'h'> = {},
): void {
  const message = formatProblem(rowNumber, ctx.locale, key, { h: col.header[ctx.locale], ...params });
  ctx.out.push({ rowNumber, column: col.key, code, message });
}

function applies(rule: { in: readonly RowMode[] }, mode: RowMode): boolean {
  return rule.in.includes(mode);
}

/** Checks one non-blank value against one rule; returns false when the cell needs no more checks. */
function checkRule(ctx: Ctx, row: RosterRow, mode: RowMode, col: Column, rule: Rule, value: string): boolean {
  const n = row.rowNumber;
  switch (rule.type) {
    case 'forbidden':
      if (applies(rule, mode)) {
        add(ctx, n, col, 'notAllowed', 'passwordForbidden');
        return false;
      }
      return true;
    case 'noExponent':
      if (looksLikeExponent(value)) {
        add(ctx, n, col, 'exponent', 'exponent', { v: value });
        return false;
      }
      return true;
    case 'length': {
      const len = charLength(value);
      const { min, max } = rule;
      const short = min !== undefined && len < min;
      const long = max !== undefined && len > max;
      if ((short || long) && min !== undefined && max !== undefined) {
        add(ctx, n, col, short ? 'tooShort' : 'tooLong', 'lengthRange', { min, max, n: len });
      } else if (short) add(ctx, n, col, 'tooShort', 'tooShort', { min, n: len });
      else if (long) add(ctx, n, col, 'tooLong', 'tooLong', { max, n: len });
      return true;
    }
    case 'noWhitespace': {
      const ws = findWhitespace(value);
      if (ws !== undefined)
        add(ctx, n, col, 'invalidChars', 'whitespace', { c: describeWhitespace(ws, ctx.locale) });
      return true;
    }
    case 'identifier':
      checkIdentifier(ctx, n, col, value);
      return true;
    case 'email': {
      const ws = findWhitespace(value);
      const wide = firstFullWidth(value);
      if (ws !== undefined)
        add(ctx, n, col, 'invalidChars', 'whitespace', { c: describeWhitespace(ws, ctx.locale) });
      else if (wide !== undefined) add(ctx, n, col, 'invalidChars', 'fullWidth', { c: wide });
      else if (!isEmail(value)) add(ctx, n, col, 'invalidFormat', 'emailFormat');
      return true;
    }
    case 'password': {
      const bad = firstBadPasswordChar(value);
      if (bad !== undefined) {
        const c = findWhitespace(bad) !== undefined ? describeWhitespace(bad, ctx.locale) : bad;
        add(ctx, n, col, 'invalidChars', 'passwordChars', { c });
      }
      const classes = passwordClassCount(value);
      if (classes < ctx.passwordClasses) {
        add(ctx, n, col, 'weakPassword', 'passwordClasses', { n: ctx.passwordClasses, k: classes });
      }
      return true;
    }
    case 'idList':
      if (!isIdList(value)) {
        const wide = firstFullWidth(value);
        if (wide !== undefined) add(ctx, n, col, 'invalidChars', 'fullWidth', { c: wide });
        else add(ctx, n, col, 'invalidFormat', 'idList', { v: value });
      }
      return true;
    case 'oneOf':
      checkOneOf(ctx, row, mode, col, rule, value);
      return true;
    // Judged elsewhere: presence before the value, uniqueness across rows.
    case 'required':
    case 'requiredWhen':
    case 'columnPresent':
    case 'unique':
      return true;
  }
}

function checkIdentifier(ctx: Ctx, n: number, col: Column, value: string): void {
  // The common case, all allowed characters, without a string per character.
  if (IDENTIFIER.test(value)) return;
  for (const ch of value) {
    if (IDENTIFIER_CHAR.test(ch)) continue;
    if (ch === '@') add(ctx, n, col, 'invalidChars', 'atSign');
    else if (findWhitespace(ch) !== undefined)
      add(ctx, n, col, 'invalidChars', 'whitespace', { c: describeWhitespace(ch, ctx.locale) });
    else if (isFullWidth(ch)) add(ctx, n, col, 'invalidChars', 'fullWidth', { c: ch });
    else add(ctx, n, col, 'invalidChars', 'identifierChars', { c: ch });
    return;
  }
}

function checkOneOf(
  ctx: Ctx,
  row: RosterRow,
  mode: RowMode,
  col: Column,
  rule: Extract<Rule, { type: 'oneOf' }>,
  value: string,
): void {
  const n = row.rowNumber;
  const rejected = rule.rejected?.find((r) => r.value === value);
  if (rejected) {
    add(ctx, n, col, 'notAllowed', 'rejectedValue', { v: value, reason: rejected.reason[ctx.locale] });
    return;
  }
  const options = col.options ?? [];
  const option = options.find((o) => o.value === value);
  if (!option) {
    const list = options
      .filter((o) => !o.serverOnly)
      .map((o) =>
        o.value === o.label[ctx.locale]
          ? o.value
          : ctx.locale === 'ja'
            ? `${o.value}（${o.label.ja}）`
            : `${o.value} (${o.label.en})`,
      )
      .join(ctx.locale === 'ja' ? '、' : ', ');
    add(ctx, n, col, 'invalidValue', 'oneOf', { v: value, list });
  } else if (option.serverOnly && mode !== 'update') {
    // Provisional and waiting are the server's; an existing user can keep showing them.
    add(ctx, n, col, 'notAllowed', 'serverOnlyValue', { v: option.label[ctx.locale] });
  }
}

function checkCell(ctx: Ctx, row: RosterRow, mode: RowMode, col: Column): boolean {
  const n = row.rowNumber;
  const present = Object.prototype.hasOwnProperty.call(row.values, col.key);
  const value = cellText(row.values, col.key);
  for (const rule of col.rules) {
    if (rule.type === 'columnPresent' && applies(rule, mode) && !present) {
      add(ctx, n, col, 'required', 'missingColumn');
      return false;
    }
  }
  if (value === '') {
    for (const rule of col.rules) {
      if (rule.type === 'required' && applies(rule, mode)) {
        add(ctx, n, col, 'required', 'required');
        return false;
      }
      if (
        rule.type === 'requiredWhen' &&
        applies(rule, mode) &&
        cellText(row.values, rule.column) === rule.equals
      ) {
        const other = ctx.profile.columns.find((c) => c.key === rule.column);
        add(ctx, n, col, 'required', 'requiredWhen', {
          other: other?.header[ctx.locale] ?? rule.column,
          v: rule.equals,
        });
        return false;
      }
    }
    return true;
  }
  if (col.serverManaged && !row.id) {
    add(ctx, n, col, 'notAllowed', 'serverOnlyValue', { v: value });
    return false;
  }
  if (
    mode === 'update-password' &&
    row.flags?.selfRegistered &&
    ctx.profile.locks.selfRegistered.includes(col.key)
  ) {
    add(ctx, n, col, 'notAllowed', 'selfRegisteredPassword');
    return false;
  }
  const before = ctx.out.length;
  for (const rule of col.rules) {
    if (!checkRule(ctx, row, mode, col, rule, value)) break;
  }
  return ctx.out.length === before;
}

/**
 * Values seen in one unique column: the first row index per normalized value, and only for the
 * (rare) values held more than once, the indexes of all their rows. A 100,000-row sheet so
 * costs two numbers per value, not two arrays.
 */
interface Seen {
  caseInsensitive: boolean;
  first: Map<string, number>;
  repeated: Map<string, number[]>;
}

/** The rows other than `n` that hold the same value, capped for the message (groups can be huge). */
function otherRows(rowNumbers: readonly number[], n: number, locale: Locale): string {
  const CAP = 5;
  const shown: number[] = [];
  for (const m of rowNumbers) {
    if (m === n) continue;
    if (shown.length === CAP) break;
    shown.push(m);
  }
  return listRows(shown, locale, CAP, rowNumbers.length - 1 - shown.length);
}

/**
 * Judges raw rows against a profile's rules and returns every problem at once, in sheet order.
 * Never throws, whatever strings it is given. Uniqueness is checked within the given rows only;
 * the server adds uniqueness against its database.
 */
export function validateRows(
  profile: Profile,
  rows: readonly RosterRow[],
  options: ValidateOptions,
): Problem[] {
  const ctx: Ctx = {
    profile,
    locale: options.locale === 'en' ? 'en' : 'ja',
    passwordClasses: Math.min(4, Math.max(1, Math.trunc(Number(options.passwordClasses)) || 1)),
    out: [],
  };
  const supported = profile.modes.includes(options.mode);
  const uniqueColumns = profile.columns.filter((c) => c.rules.some((r) => r.type === 'unique'));
  const seen = new Map<string, Seen>(
    uniqueColumns.map((c) => [
      c.key,
      {
        caseInsensitive: c.rules.some((r) => r.type === 'unique' && r.caseInsensitive),
        first: new Map(),
        repeated: new Map(),
      },
    ]),
  );
  const keyColumn = profile.columns.find((c) => c.key === profile.userNameColumn) ?? profile.columns[0]!;

  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    if (isBlankRow(profile, row)) continue;
    if (!supported) {
      add(ctx, row.rowNumber, keyColumn, 'notAllowed', 'modeNotSupported', { v: String(options.mode) });
      continue;
    }
    const mode = rowModeOf(row, options.mode);
    for (const col of profile.columns) {
      if (col.ignoredIn.includes(mode)) continue;
      const ok = checkCell(ctx, row, mode, col);
      const byValue = seen.get(col.key);
      if (!ok || !byValue) continue;
      const value = cellText(row.values, col.key);
      if (value === '') continue;
      const norm = byValue.caseInsensitive ? value.toLowerCase() : value;
      const first = byValue.first.get(norm);
      if (first === undefined) byValue.first.set(norm, index);
      else {
        const list = byValue.repeated.get(norm);
        if (list) list.push(index);
        else byValue.repeated.set(norm, [first, index]);
      }
    }
  }

  for (const col of uniqueColumns) {
    for (const indexes of seen.get(col.key)!.repeated.values()) {
      // Name the other rows in sheet order, whatever order the rows came in.
      const group = indexes.map((i) => rows[i]!).sort((a, b) => a.rowNumber - b.rowNumber);
      const rowNumbers = group.map((r) => r.rowNumber);
      for (const r of group) {
        add(ctx, r.rowNumber, col, 'duplicate', 'duplicate', {
          v: cellText(r.values, col.key),
          rows: otherRows(rowNumbers, r.rowNumber, ctx.locale),
        });
      }
    }
  }

  const order = new Map(profile.columns.map((c, i) => [c.key, i]));
  return ctx.out.sort(
    (a, b) => (a.rowNumber ?? 0) - (b.rowNumber ?? 0) || order.get(a.column)! - order.get(b.column)!,
  );
}
