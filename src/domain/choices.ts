// Choice columns in words and back (issue 15): the seeds write a code with its meaning,
// `0(一般ユーザー)/1(編集者)/2(管理者)`, and the sheet shows `2:管理者`. A cell may hold the code,
// the label (either language) or both; the server always gets the code. Pure: the add-in and the
// server read the same profile data.
import type { Column, EnumOption, Localized } from './profile';
import type { Locale } from './types';

/** Full-width digits and letters as ASCII (`２` is `2`), so an IME's digits still match. */
function halfWidth(s: string): string {
  return s.replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Whether the option's value is a code with a meaning apart (`2` / 管理者), not a word itself. */
function isCode(o: EnumOption): boolean {
  return o.value !== o.label.ja;
}

const labels = (l: Localized) => [l.ja, l.en];

/** The cell text of a stored value: `2:管理者`, a server-only state's word, anything else as it is. */
export function choiceText(col: Column | undefined, value: string, locale: Locale): string {
  const o = col?.options?.find((x) => x.value === value);
  if (!o) return value;
  if (o.serverOnly) return o.label[locale];
  return isCode(o) ? `${o.value}:${o.label[locale]}` : o.value;
}

/**
 * The stored value of cell text: the code for `2`, `２`, `管理者`, `Administrator`, `2:管理者`,
 * `2：管理者`, `2(管理者)` or `2（管理者）`; a code with another choice's label (`2:編集者`) and
 * any other text are kept as typed, so the check names them.
 */
export function choiceValue(col: Column | undefined, text: string): string {
  const options = col?.options;
  if (!options || options.length === 0) return text;
  const t = halfWidth(text.trim());
  if (t === '') return text;
  for (const o of options) {
    if (o.value === t || labels(o.label).includes(t)) return o.value;
    if (!isCode(o)) continue;
    const m = /^(.+?)\s*(?:[:：]\s*(.+)|[(（]\s*(.+?)\s*[)）])$/.exec(t);
    if (m && m[1] === o.value && labels(o.label).includes((m[2] ?? m[3] ?? '').trim())) return o.value;
  }
  return text;
}

/** What the drop-down offers: every choice an admin may type, as the cells show them. */
export function choiceList(col: Column, locale: Locale): string[] {
  return (col.options ?? []).filter((o) => !o.serverOnly).map((o) => choiceText(col, o.value, locale));
}

/** A stored value in words for the review (権限 編集者 → 管理者); unknown values as they are. */
export function choiceLabel(col: Column | undefined, value: string, locale: Locale): string {
  return col?.options?.find((x) => x.value === value)?.label[locale] ?? value;
}
