// What a cell can hold and how its text comes back: pure, no Excel in it.
import type { Locale } from '../domain';
import { rowBytes } from './sheetLayout';

/** An Excel cell holds at most 32,767 characters (support article "Excel specifications and limits"). */
export const CELL_LIMIT = 32_767;

/**
 * The string to write so the cell's value is `text`: Excel takes one leading apostrophe as the
 * "text prefix" and drops it (office-js #6687; typing `''a` in Excel gives `'a`), so a value that
 * starts with one gets a second.
 */
export function toCell(text: string): string {
  return text.startsWith("'") ? `'${text}` : text;
}

/** Excel stores a line break as LF; CR LF written comes back as LF (see docs/excel-facts.md). */
export function sameText(wrote: string, got: string): boolean {
  return wrote === got || wrote.replace(/\r\n/g, '\n') === got;
}

/** A value read back as text: strings as they are; numbers, booleans as Excel shows them in General. */
export function cellText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    // A long number Excel kept as a number has lost digits: show it the way Excel does, so the
    // exponent rule explains it.
    if (Math.abs(value) < 1e11) return String(value);
    const [m, e] = value.toExponential(5).split('e');
    return `${String(Number(m))}E${Number(e) >= 0 ? '+' : '-'}${String(Math.abs(Number(e))).padStart(2, '0')}`;
  }
  return value === null || value === undefined ? '' : String(value);
}

/** `Range.valueTypes` a text column may hold; anything else is something Excel made of the typing. */
export function isText(type: string): boolean {
  return type === 'String' || type === 'Empty';
}

/** Bytes a row costs when written and read back with `valueTypes` beside its `values`. */
export function roundTripBytes(row: readonly string[]): number {
  return rowBytes(row) + row.length * 12;
}

/** What the admin is told about a cell Excel turned into a number, date, TRUE or formula. */
export function coercedMessage(locale: Locale, header: string, type: string, shown: string): string {
  if (locale === 'ja') {
    const what = type === 'Boolean' ? '真偽値' : type === 'Error' ? '数式' : '数値や日付';
    return `「${header}」の「${shown}」は Excel が${what}に変えた値です。先頭の0が失われた可能性があります。セルの書式を文字列にして、元の値を入力し直してください。`;
  }
  const what = type === 'Boolean' ? 'TRUE/FALSE' : type === 'Error' ? 'a formula' : 'a number or date';
  return `Excel turned '${shown}' in '${header}' into ${what}; leading zeros may have been lost. Format the cell as Text and type the original value again.`;
}
