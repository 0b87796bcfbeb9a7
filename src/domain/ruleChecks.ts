// The checks of a typed value against one column's rules, resolved for the row's mode (see
// columnPlan). They run on every non-blank cell of 100,000-row rosters: the common, valid value
// passes without building strings or arrays; a problem's message is made only when there is one.
import type { ColumnPlan, ValueRule } from './columnPlan';
import { formatProblem, type MessageKey, type MessageParams } from './messages';
import type { Column } from './profile';
import {
  charLength,
  describeWhitespace,
  findWhitespace,
  firstBadPasswordChar,
  firstFullWidth,
  isEmail,
  isFullWidth,
  isIdList,
  looksLikeExponent,
  passwordClassCount,
} from './text';
import type { Locale, Problem, ProblemCode, RowMode } from './types';

const IDENTIFIER_CHAR = /^[A-Za-z0-9._-]$/;
const IDENTIFIER = /^[A-Za-z0-9._-]*$/;

/** What the checks of one validation share: its language, password rule and problems so far. */
export interface Ctx {
  locale: Locale;
  passwordClasses: number;
  out: Problem[];
}

export function add(
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

/**
 * Whether a length in code points is within `min`–`max`, judged from the UTF-16 length when that
 * settles it: a text of `u` code units has between ⌈u/2⌉ and `u` code points.
 */
function lengthSurelyWithin(text: string, min: number | undefined, max: number | undefined): boolean {
  const units = text.length;
  return (max === undefined || units <= max) && (min === undefined || Math.ceil(units / 2) >= min);
}

/** Checks one non-blank value against one rule; returns false when the cell needs no more checks. */
function checkRule(
  ctx: Ctx,
  n: number,
  mode: RowMode,
  plan: ColumnPlan,
  rule: ValueRule,
  value: string,
): boolean {
  const col = plan.col;
  switch (rule.type) {
    case 'forbidden':
      // Planned only in the modes it names.
      add(ctx, n, col, 'notAllowed', 'passwordForbidden');
      return false;
    case 'noExponent':
      if (looksLikeExponent(value)) {
        add(ctx, n, col, 'exponent', 'exponent', { v: value });
        return false;
      }
      return true;
    case 'length': {
      const { min, max } = rule;
      if (lengthSurelyWithin(value, min, max)) return true;
      const len = charLength(value);
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
      // A valid address is printable ASCII without spaces, so it has neither whitespace nor
      // full-width characters: those are looked for only to say why an address is refused.
      if (isEmail(value)) return true;
      const ws = findWhitespace(value);
      const wide = ws === undefined ? firstFullWidth(value) : undefined;
      if (ws !== undefined)
        add(ctx, n, col, 'invalidChars', 'whitespace', { c: describeWhitespace(ws, ctx.locale) });
      else if (wide !== undefined) add(ctx, n, col, 'invalidChars', 'fullWidth', { c: wide });
      else add(ctx, n, col, 'invalidFormat', 'emailFormat');
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
      checkOneOf(ctx, n, mode, plan, rule, value);
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
  n: number,
  mode: RowMode,
  plan: ColumnPlan,
  rule: Extract<ValueRule, { type: 'oneOf' }>,
  value: string,
): void {
  const col = plan.col;
  const rejected = rule.rejected?.find((r) => r.value === value);
  if (rejected) {
    add(ctx, n, col, 'notAllowed', 'rejectedValue', { v: value, reason: rejected.reason[ctx.locale] });
    return;
  }
  const option = plan.options.get(value);
  if (!option) {
    const list = (col.options ?? [])
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

/** Checks a typed value against the plan's value rules, in order; returns whether it raised no problem. */
export function checkValue(ctx: Ctx, n: number, mode: RowMode, plan: ColumnPlan, value: string): boolean {
  const before = ctx.out.length;
  for (const rule of plan.valueRules) {
    if (!checkRule(ctx, n, mode, plan, rule, value)) break;
  }
  return ctx.out.length === before;
}
