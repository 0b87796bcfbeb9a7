// The fake's building blocks: errors, addresses, payload sizes, a sheet's cells. See FakeExcel.ts.
import { enter, type CellValue } from './enter';

export const LIMIT = 5 * 1024 * 1024;

export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'OfficeExtension.Error';
  }
}

export interface Cell {
  value: CellValue;
  formula?: string;
  format: string;
  display?: string;
  fill?: string;
  fontColor?: string;
  italic?: boolean;
  validation?: unknown;
}

export interface SyncStat {
  requestBytes: number;
  responseBytes: number;
}

const encoder = new TextEncoder();
export const jsonBytes = (v: unknown) => encoder.encode(JSON.stringify(v ?? null)).length;

/** `1.9` < `1.14` < `1.18`. */
export function apiAtLeast(have: string, need: string): boolean {
  const [a, b] = have.split('.').map(Number) as [number, number];
  const [c, d] = need.split('.').map(Number) as [number, number];
  return a > c || (a === c && b >= d);
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A1 column letters of a 0-based column index. */
export function colLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

/** "B3", "B3:D9", "A:C" or "2:5", optionally "Sheet!…", as 0-based row, column and size. */
export function parseAddress(address: string): {
  row: number;
  col: number;
  rows: number;
  cols: number;
  unbounded: boolean;
} {
  const a = (address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address).trim();
  let m = /^\$?([A-Z]+):\$?([A-Z]+)$/i.exec(a);
  if (m) {
    const c0 = colIndex(m[1]!);
    return { row: 0, col: c0, rows: MAX_ROWS, cols: colIndex(m[2]!) - c0 + 1, unbounded: true };
  }
  m = /^\$?(\d+):\$?(\d+)$/.exec(a);
  if (m) {
    const r0 = Number(m[1]) - 1;
    return { row: r0, col: 0, rows: Number(m[2]) - r0, cols: MAX_COLS, unbounded: true };
  }
  m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(a);
  if (!m) throw new FakeExcelError('InvalidArgument', `Bad address '${address}'`);
  const c0 = colIndex(m[1]!);
  const r0 = Number(m[2]) - 1;
  const c1 = m[3] ? colIndex(m[3]) : c0;
  const r1 = m[4] ? Number(m[4]) - 1 : r0;
  return { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1, unbounded: false };
}

export const a1 = (r: number, c: number) => `${colLetters(c)}${r + 1}`;

export interface Action {
  json: unknown;
  apply: () => unknown;
}

export interface FakeTable {
  name: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
  /** The AutoFilter's values criterion, column relative to the table (see fakeTable.ts). */
  filter?: { column: number; values: string[] };
}

export class FakeSheetData {
  cells = new Map<string, Cell>();
  hiddenColumns = new Set<number>();
  /** Rows an AutoFilter hides (0-based). */
  hiddenRows = new Set<number>();
  frozenRows = 0;
  /** Notes by A1 address (ExcelApi 1.18). */
  notes = new Map<string, string>();
  tables: FakeTable[] = [];
  visibility = 'Visible';
  /** See FakeExcelOptions.formulasInTextCells. */
  formulasInTextCells = false;

  cell(r: number, c: number): Cell {
    const k = `${r},${c}`;
    let cell = this.cells.get(k);
    if (!cell) {
      cell = { value: '', format: 'General' };
      this.cells.set(k, cell);
    }
    return cell;
  }

  peek(r: number, c: number): Cell | undefined {
    return this.cells.get(`${r},${c}`);
  }

  /** What Excel does with a value typed or written into a cell (see ./enter.ts). */
  write(r: number, c: number, v: unknown): void {
    if (v === null) return; // null leaves a cell as it is (docs: excel-add-ins-blank-null-values.md)
    const cell = this.cell(r, c);
    delete cell.formula;
    delete cell.display;
    if (typeof v !== 'string') {
      cell.value = v as CellValue;
      return;
    }
    const e = enter(v, cell.format, this.formulasInTextCells);
    cell.value = e.value;
    if (e.formula) cell.formula = e.formula;
    if (e.display) cell.display = e.display;
    if (e.autoFormat && cell.format === 'General') cell.format = e.autoFormat;
  }

  private used(valuesOnly: boolean): [number, number, number, number] | undefined {
    let box: [number, number, number, number] | undefined;
    for (const [k, c] of this.cells) {
      const has = c.value !== '' || c.formula;
      const formatted = c.format !== 'General' || c.fill || c.fontColor || c.italic || c.validation;
      if (!has && (valuesOnly || !formatted)) continue;
      const [r, col] = k.split(',').map(Number) as [number, number];
      box = box
        ? [Math.min(box[0], r), Math.min(box[1], col), Math.max(box[2], r), Math.max(box[3], col)]
        : [r, col, r, col];
    }
    return box;
  }

  usedBox(valuesOnly: boolean): { row: number; col: number; rows: number; cols: number } | undefined {
    const b = this.used(valuesOnly);
    return b && { row: b[0], col: b[1], rows: b[2] - b[0] + 1, cols: b[3] - b[1] + 1 };
  }

  maxRow(): number {
    return this.used(true)?.[2] ?? -1;
  }

  maxCol(): number {
    return this.used(true)?.[3] ?? -1;
  }
}

/** A proxy's sheet, resolved when its action runs (a sheet added in the same batch is fine). */
export type SheetRef = () => { name: string; data: FakeSheetData };

/** What the proxies need of the fake host (FakeExcel implements it). */
export interface FakeHost {
  readonly api: string;
  readonly formulasInTextCells: boolean;
  syncs: SyncStat[];
  sheets: Map<string, FakeSheetData>;
  settings: Map<string, unknown>;
  activeSheet: string;
  tableSeq: number;
  eventsEnabled: boolean;
  selection?: { sheet: string; row: number; col: number; areas?: { row: number; rows: number }[] };
  afterSync(): void;
  threads(sheet: string): Map<string, string>;
  identity(kind: string, sheet: string, key: string): string;
  locate(id: string): { sheet: string; key: string } | undefined;
  sheetNamed(name: string): string | undefined;
  nameOf(data: FakeSheetData): string;
  visibleCount(): number;
  rename(from: string, to: string): void;
  addHandler(data: FakeSheetData, handler: (e: unknown) => Promise<void> | void, token: object): void;
  removeHandler(token: object): void;
}
