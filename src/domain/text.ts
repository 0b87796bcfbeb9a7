// Character-level checks on raw cell text. Pure and allocation-light: they run on every cell of
// 100,000-row rosters.

/**
 * Unicode White_Space (JavaScript's `\s`, which includes U+3000 IDEOGRAPHIC SPACE and U+00A0)
 * plus invisible format characters that admins paste by accident (zero-width space, joiners,
 * word joiner, BOM).
 */
const WHITESPACE = /[\s\u200B-\u200D\u2060\uFEFF]/u;

/** The first whitespace-like character of the text, or undefined. */
export function findWhitespace(text: string): string | undefined {
  const m = WHITESPACE.exec(text);
  return m ? m[0] : undefined;
}

/** How a whitespace character is named in a message. */
export function describeWhitespace(ch: string, locale: 'ja' | 'en'): string {
  switch (ch) {
    case ' ':
      return locale === 'ja' ? '半角スペース' : 'space';
    case '\u3000':
      return locale === 'ja' ? '全角スペース' : 'full-width space';
    case '\t':
      return locale === 'ja' ? 'タブ' : 'tab';
    case '\n':
    case '\r':
      return locale === 'ja' ? '改行' : 'line break';
    default:
      return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  }
}

/** Length in code points, so an emoji or a rare kanji outside the BMP counts once. */
export function charLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Full-width forms and other characters outside ASCII, as admins mean "全角文字". */
export function isFullWidth(ch: string): boolean {
  return ch.codePointAt(0)! > 0x7e;
}

/** The first full-width character of the text (see isFullWidth), or undefined; no array per call. */
export function firstFullWidth(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7e) {
      const cp = text.codePointAt(i)!;
      return String.fromCodePoint(cp);
    }
  }
  return undefined;
}

/** The first character of `text` not matching `allowed`, or undefined. */
export function firstNotMatching(text: string, allowed: RegExp): string | undefined {
  for (const ch of text) {
    if (!allowed.test(ch)) return ch;
  }
  return undefined;
}

/**
 * Exponent notation as Excel displays and saves long numbers: `1.23457E+13`, `1E+15`, `4.5e-7`
 * (seed 004: 12桁以上の数値が「E」と表示されてしまうExcelの仕様).
 */
const EXPONENT = /^[+-]?\d+(?:\.\d+)?[eE][+-]\d+$/;

export function looksLikeExponent(text: string): boolean {
  return EXPONENT.test(text);
}

/**
 * An email address in the shape of the WHATWG HTML "valid e-mail address" (local part of
 * atext and dots, `@`, dot-separated LDH labels of 1–63 characters), and, like the seed's
 * example `xxxx@xx.xx.xx`, a domain with at least one dot.
 * https://html.spec.whatwg.org/multipage/input.html#valid-e-mail-address
 */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isEmail(text: string): boolean {
  return EMAIL.test(text);
}

/** Printable ASCII except space: letters, digits and the 32 symbols of seed 004's password rule. */
export function isPasswordChar(code: number): boolean {
  return code >= 0x21 && code <= 0x7e;
}

/** How many of lower, upper, digit and symbol the text uses (0–4). */
export function passwordClassCount(text: string): number {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let symbol = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) lower = 1;
    else if (c >= 0x41 && c <= 0x5a) upper = 1;
    else if (c >= 0x30 && c <= 0x39) digit = 1;
    else if (isPasswordChar(c)) symbol = 1;
  }
  return lower + upper + digit + symbol;
}

/** The first character a password may not contain, or undefined. */
export function firstBadPasswordChar(text: string): string | undefined {
  for (const ch of text) {
    if (ch.length > 1 || !isPasswordChar(ch.charCodeAt(0))) return ch;
  }
  return undefined;
}

/** Digits separated by single half-width spaces: `12`, `12 345`. */
const ID_LIST = /^[0-9]+(?: [0-9]+)*$/;

export function isIdList(text: string): boolean {
  return ID_LIST.test(text);
}
