import { planColumns, type ColumnPlan } from './columnPlan';
import { listRows } from './messages';
import type { Profile } from './profile';
import { add, checkValue, type Ctx } from './ruleChecks';
import type { Locale, Mode, Problem, RosterRow, RowMode, ValidateOptions } from './types';
import { UniqueValues } from './uniqueValues';

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

/** The plans of the modes met so far in one validation; a roster uses one or two modes. */
type Plans = Partial<Record<RowMode, ColumnPlan[]>>;

/** Judges one cell; returns its value when it raised no problem, else undefined. */
function checkCell(ctx: Ctx, row: RosterRow, mode: RowMode, plan: ColumnPlan): string | undefined {
  const n = row.rowNumber;
  const { col } = plan;
  if (plan.mustBePresent && !Object.prototype.hasOwnProperty.call(row.values, plan.key)) {
    add(ctx, n, col, 'required', 'missingColumn');
    return undefined;
  }
  const value = cellText(row.values, plan.key);
  if (value === '') {
    for (const rule of plan.whenBlank) {
      if (rule.type === 'required') {
        add(ctx, n, col, 'required', 'required');
        return undefined;
      }
      if (cellText(row.values, rule.column) === rule.equals) {
        add(ctx, n, col, 'required', 'requiredWhen', { other: rule.otherHeader, v: rule.equals });
        return undefined;
      }
    }
    return value;
  }
  if (col.serverManaged && !row.id) {
    add(ctx, n, col, 'notAllowed', 'serverOnlyValue', { v: value });
    return undefined;
  }
  if (plan.lockedForSelfRegistered && row.flags?.selfRegistered) {
    add(ctx, n, col, 'notAllowed', 'selfRegisteredPassword');
    return undefined;
  }
  return checkValue(ctx, n, mode, plan, value) ? value : undefined;
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
    locale: options.locale === 'en' ? 'en' : 'ja',
    passwordClasses: Math.min(4, Math.max(1, Math.trunc(Number(options.passwordClasses)) || 1)),
    out: [],
  };
  const supported = profile.modes.includes(options.mode);
  const uniqueColumns = profile.columns.filter((c) => c.rules.some((r) => r.type === 'unique'));
  const seen = new Map(
    uniqueColumns.map((c) => [
      c.key,
      new UniqueValues(
        c.rules.some((r) => r.type === 'unique' && r.caseInsensitive),
        rows.length,
      ),
    ]),
  );
  const keyColumn = profile.columns.find((c) => c.key === profile.userNameColumn) ?? profile.columns[0]!;
  const plans: Plans = {};

  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    if (isBlankRow(profile, row)) continue;
    if (!supported) {
      add(ctx, row.rowNumber, keyColumn, 'notAllowed', 'modeNotSupported', { v: String(options.mode) });
      continue;
    }
    const mode = rowModeOf(row, options.mode);
    for (const plan of (plans[mode] ??= planColumns(profile, mode, ctx.locale))) {
      const value = checkCell(ctx, row, mode, plan);
      if (plan.unique && value) seen.get(plan.key)!.add(value, index);
    }
  }

  for (const col of uniqueColumns) {
    for (const indexes of seen.get(col.key)!.groups((i) => cellText(rows[i]!.values, col.key))) {
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
