// A profile's rules resolved for one row mode and one language, once per validation instead of
// once per cell: which rules apply in the mode, the option lookups, the headers messages name.
// validateRows judges 100,000-row rosters, where a `rule.in.includes(mode)` or an `options.find`
// per cell adds up.
import type { Column, EnumOption, Profile, Rule } from './profile';
import type { Locale, RowMode } from './types';

/** A rule that judges a blank value, in the profile's order. */
export type BlankRule =
  | { type: 'required' }
  /** `otherHeader`: the header of the column it depends on, in the message's language. */
  | { type: 'requiredWhen'; column: string; equals: string; otherHeader: string };

/** A rule that judges a typed value; the rules of other modes and those judged elsewhere are left out. */
export type ValueRule = Exclude<Rule, { type: 'required' | 'requiredWhen' | 'columnPresent' | 'unique' }>;

/** How one column is judged in one row mode. */
export interface ColumnPlan {
  col: Column;
  key: string;
  /** The column must be in the sheet, though its value may be blank (an update's `columnPresent`). */
  mustBePresent: boolean;
  whenBlank: readonly BlankRule[];
  /** In profile order: the first rule that rejects the value ends the checks where checkRule says so. */
  valueRules: readonly ValueRule[];
  /** A self-registered user's row may not set it (the explicit password update). */
  lockedForSelfRegistered: boolean;
  /** The column's options by value, for `oneOf` (the first where a value repeats). */
  options: ReadonlyMap<string, EnumOption>;
  /** Whether values must be unique across rows, and compared ignoring case. */
  unique: { caseInsensitive: boolean } | undefined;
}

function applies(rule: { in: readonly RowMode[] }, mode: RowMode): boolean {
  return rule.in.includes(mode);
}

function optionsByValue(col: Column): Map<string, EnumOption> {
  const byValue = new Map<string, EnumOption>();
  for (const o of col.options ?? []) if (!byValue.has(o.value)) byValue.set(o.value, o);
  return byValue;
}

/** The plans of the columns read in `mode`, in profile order (columns ignored in the mode are left out). */
export function planColumns(profile: Profile, mode: RowMode, locale: Locale): ColumnPlan[] {
  const headerOf = (key: string) => profile.columns.find((c) => c.key === key)?.header[locale] ?? key;
  const plans: ColumnPlan[] = [];
  for (const col of profile.columns) {
    if (col.ignoredIn.includes(mode)) continue;
    const whenBlank: BlankRule[] = [];
    const valueRules: ValueRule[] = [];
    let mustBePresent = false;
    let unique: ColumnPlan['unique'];
    for (const rule of col.rules) {
      switch (rule.type) {
        case 'columnPresent':
          if (applies(rule, mode)) mustBePresent = true;
          break;
        case 'required':
          if (applies(rule, mode)) whenBlank.push({ type: 'required' });
          break;
        case 'requiredWhen':
          if (applies(rule, mode))
            whenBlank.push({
              type: 'requiredWhen',
              column: rule.column,
              equals: rule.equals,
              otherHeader: headerOf(rule.column),
            });
          break;
        case 'forbidden':
          if (applies(rule, mode)) valueRules.push(rule);
          break;
        case 'unique':
          unique = { caseInsensitive: (unique?.caseInsensitive ?? false) || rule.caseInsensitive };
          break;
        default:
          valueRules.push(rule);
      }
    }
    plans.push({
      col,
      key: col.key,
      mustBePresent,
      whenBlank,
      valueRules,
      lockedForSelfRegistered: mode === 'update-password' && profile.locks.selfRegistered.includes(col.key),
      options: optionsByValue(col),
      unique,
    });
  }
  return plans;
}
