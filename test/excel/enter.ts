/**
 * What Excel makes of a string entered into a cell, typed or written through `Range.values`.
 * Sources (each rule below names its own):
 * - d.ts on `Range.values`: a value starting with `=`, `+` or `-` is interpreted as a formula.
 * - docs `excel/excel-add-ins-core-concepts.md` and ../shared/EXCEL.md "Learned in review": in a
 *   General cell Excel coerces dates (`1/2`, `2026-01-02`, `令和8年1月2日`), `TRUE`, `50%`,
 *   `$100`, `1,234`, `(123)`, exponents and full-width digits, and drops leading zeros; a
 *   leading apostrophe is the "text prefix" and is not part of the value (office-js #6687).
 * - A cell holds at most 32,767 characters (support article "Excel specifications and limits").
 * - Excel keeps 15 significant digits (same article).
 * - A formula written as text into an `@` (Text) cell stays text (EXCEL.md, docs-checked).
 * UNVERIFIED on a real host, modelled the strict way: CR LF is stored as LF (the item 2;
 * EPPlus #377 shows Excel files keep LF), and full-width `＝` starts a formula like `=` does.
 */

export const CELL_LIMIT = 32_767;

export type CellValue = string | number | boolean;
export type ValueType = 'Empty' | 'String' | 'Double' | 'Boolean' | 'Error';

export interface Entered {
  value: CellValue;
  formula?: string;
  /** The number format Excel picks for a recognised date, percentage, currency or separator. */
  autoFormat?: string;
  /** What the cell shows when it is not plain General. */
  display?: string;
}

export class CellLimitError extends Error {}

/** A fixed "today" so dates without a year are deterministic. */
const THIS_YEAR = 2026;

const toHalfWidth = (s: string) =>
  s.replace(/[０-９＋－．，％＄￥（）／＝]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));

/** Excel's date serial (days since 1899-12-30). */
function serial(y: number, m: number, d: number): number | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const t = Date.UTC(y, m - 1, d);
  if (new Date(t).getUTCDate() !== d) return undefined;
  return Math.round((t - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/** Era years Excel's Japanese date parsing knows (令和 from 2019, 平成 from 1989). */
const ERAS: Record<string, number> = { 令和: 2018, 平成: 1988, 昭和: 1925 };

function asDate(s: string): Entered | undefined {
  let m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(s);
  let y: number | undefined;
  let mo: number | undefined;
  let d: number | undefined;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})[/-](\d{1,2})$/.exec(s))) [y, mo, d] = [THIS_YEAR, Number(m[1]), Number(m[2])];
  else if ((m = /^(令和|平成|昭和)(\d{1,2}|元)年(\d{1,2})月(\d{1,2})日$/.exec(s)))
    [y, mo, d] = [ERAS[m[1]!]! + (m[2] === '元' ? 1 : Number(m[2])), Number(m[3]), Number(m[4])];
  else if ((m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(s)))
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})月(\d{1,2})日$/.exec(s))) [y, mo, d] = [THIS_YEAR, Number(m[1]), Number(m[2])];
  if (y === undefined) return undefined;
  const n = serial(y, mo!, d!);
  return n === undefined ? undefined : { value: n, autoFormat: 'yyyy/m/d', display: `${y}/${mo}/${d}` };
}

const fifteen = (n: number) => Number(n.toPrecision(15));

function asNumber(s: string): Entered | undefined {
  const t = s.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return { value: fifteen(Number(t)) };
  let m = /^([+-]?\d+(?:\.\d+)?)%$/.exec(t);
  if (m) return { value: fifteen(Number(m[1]) / 100), autoFormat: '0%', display: t };
  m = /^([$¥\\])(\d{1,3}(?:,\d{3})*|\d+)(\.\d+)?$/.exec(t);
  if (m)
    return {
      value: fifteen(Number(m[2]!.replace(/,/g, '') + (m[3] ?? ''))),
      autoFormat: '$#,##0',
      display: t,
    };
  m = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.exec(t);
  if (m) return { value: fifteen(Number(t.replace(/,/g, ''))), autoFormat: '#,##0', display: t };
  m = /^\((\d+(?:\.\d+)?)\)$/.exec(t);
  if (m) return { value: -Number(m[1]) };
  return undefined;
}

/** A tiny evaluator for arithmetic formulas (`=1+1`); anything else is `#NAME?`. */
export function evaluate(formula: string): CellValue {
  const src = formula.slice(1).replace(/\s+/g, '');
  let i = 0;
  const num = (): number => {
    if (src[i] === '(') {
      i++;
      const v = sum();
      if (src[i++] !== ')') throw new Error('paren');
      return v;
    }
    if (src[i] === '-' || src[i] === '+') return src[i++] === '-' ? -num() : num();
    const m = /^\d+(\.\d+)?/.exec(src.slice(i));
    if (!m) throw new Error('number');
    i += m[0].length;
    return Number(m[0]);
  };
  const product = (): number => {
    let v = num();
    while (src[i] === '*' || src[i] === '/') v = src[i++] === '*' ? v * num() : v / num();
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (src[i] === '+' || src[i] === '-') v = src[i++] === '+' ? v + product() : v - product();
    return v;
  };
  try {
    const v = sum();
    return i === src.length && Number.isFinite(v) ? v : '#NAME?';
  } catch {
    return '#NAME?';
  }
}

/** The cell's content after entering `raw` into a cell of number format `format`. */
export function enter(raw: string, format: string, formulasInText = false): Entered {
  if (raw.length > CELL_LIMIT)
    throw new CellLimitError(`A cell holds at most ${CELL_LIMIT} characters; got ${raw.length}`);
  // The text prefix: one leading apostrophe is not part of the value, in any format.
  if (raw.startsWith("'")) return { value: raw.slice(1).replace(/\r\n/g, '\n') };
  const v = raw.replace(/\r\n/g, '\n');
  if (v === '' || (format === '@' && !(formulasInText && /^[=＝]/.test(v)))) return { value: v };
  const half = toHalfWidth(v);
  if (/^[=+-]./.test(half) && !asNumber(half)) {
    const formula = half.startsWith('=') ? half : `=${half}`;
    return { value: evaluate(formula), formula };
  }
  if (/^(true|false)$/i.test(half)) return { value: half.toLowerCase() === 'true' };
  return asNumber(half) ?? asDate(half) ?? { value: v };
}

/** `Range.valueTypes` of a cell: a formula's text result (`#NAME?`) is an error. */
export function valueType(v: CellValue | undefined, formula?: string): ValueType {
  if (v === undefined || v === '') return 'Empty';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  return formula ? 'Error' : 'String';
}

/** How General formats a number: up to 11 digits as is, beyond that in exponent notation. */
export function generalText(n: number): string {
  if (Math.abs(n) >= 1e11) {
    const [m, e] = n.toExponential(5).split('e');
    return `${String(Number(m))}E${Number(e) >= 0 ? '+' : '-'}${String(Math.abs(Number(e))).padStart(2, '0')}`;
  }
  return String(n);
}
