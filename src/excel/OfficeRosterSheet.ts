import type { Problem, Profile, RosterRow } from '../domain';
import {
  SheetWriteError,
  type Baseline,
  type CellWrite,
  type MarkReport,
  type MangledCell,
  type RosterMeta,
  type RosterSheet,
} from './RosterSheet';
import {
  chunkByBytes,
  columnLetters,
  rowBytes,
  fromGrid,
  layoutFor,
  lockedColumns,
  toGrid,
  type PulledUser,
  type SheetLayout,
} from './sheetLayout';

/** Excel.run, or the fake's run in tests. */
export type ExcelRun = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Each sync carries at most this much (Excel on the web refuses 5 MB; docs "Resource limits"). */
export const SYNC_BUDGET = 4 * 1024 * 1024;
/** Room left in a values sync for the formatting and read-back requests that share it. */
const RESERVE = 512 * 1024;
/** Notes (or comments) written per marking; the pane lists every problem. */
export const MAX_NOTES = 300;
/** Cells per RangeAreas address string (kept well below Excel's address length limits). */
const AREA_CELLS = 400;

const BASELINE_SHEET = 'RosterSheet_baseline';
const MARKS_SETTING = 'RosterSheet.marks';
/** Every note or comment the add-in writes starts with this, so it never removes another's. */
export const NOTE_PREFIX = '【Roster Sheet】';
/** Excel's "Bad" cell style fill, and the locked look (grey italic). */
const BAD_FILL = '#FFC7CE';
const LOCKED_FONT = '#7F7F7F';
/** An Excel cell holds at most 32,767 characters (docs "Excel specifications and limits"). */
const CELL_CHARS = 32_000;

interface Marks {
  sheet: string;
  fills: string[];
  notes: string[];
  comments: string[];
}

export interface OfficeRosterSheetOptions {
  /** ExcelApi 1.18 notes; otherwise threaded comments (ExcelApi 1.10). */
  supportsNotes: boolean;
}

function a1(col: number, rowNumber: number): string {
  return `${columnLetters(col)}${rowNumber}`;
}

/** Groups addresses into comma-separated RangeAreas strings of at most AREA_CELLS cells. */
function areas(addresses: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < addresses.length; i += AREA_CELLS)
    out.push(addresses.slice(i, i + AREA_CELLS).join(','));
  return out;
}

/** Cell text of a value read back: text as is; a number as Excel shows it, so mangling shows. */
function cellText(value: unknown, shown: string | undefined): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (shown && !/^#+$/.test(shown)) return shown;
    // A long number Excel kept as a number has lost digits: show it the way Excel does, so the
    // exponent rule explains it.
    return Math.abs(value) >= 1e11
      ? value.toExponential(5).replace('e', 'E').replace(/E(\d)/, 'E+$1')
      : String(value);
  }
  return value === null || value === undefined ? '' : String(value);
}

/** The roster sheet through Office.js: chunked writes and reads, bulk marking, no sync per row. */
export class OfficeRosterSheet implements RosterSheet {
  /** Where each layout column sits on the sheet, from the last write or read (admins may move columns). */
  private positions = new Map<string, number>();
  private sheetName?: string;
  /** The layout of the editable roster (its headers are in the language of the pull). */
  private layout?: SheetLayout;
  /** The marks made last, once read from the workbook settings (they outlive the pane). */
  private marks?: Marks | null;

  constructor(
    private readonly run: ExcelRun,
    private readonly options: OfficeRosterSheetOptions,
  ) {}

  async writeRoster(
    profile: Profile,
    users: readonly PulledUser[],
    meta: RosterMeta,
    readOnly = false,
  ): Promise<void> {
    const layout = layoutFor(profile, meta.locale);
    const grid = toGrid(profile, layout, users);
    const mangled = await this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const old = sheets.getItemOrNullObject(meta.sheetName);
      await ctx.sync();
      if (!old.isNullObject) old.delete();
      const ws = sheets.add(meta.sheetName);
      const nCols = layout.columns.length;
      // Text format first, on the whole table: IDs keep leading zeros, long numbers stay digits,
      // and `=…`, `+81…`, `-1` stay text (docs: set numberFormat before values).
      ws.getRangeByIndexes(0, 0, grid.length, nCols).numberFormat = [['@']];
      const chunks = chunkByBytes(grid, SYNC_BUDGET - RESERVE);
      let start = 0;
      for (const [i, chunk] of chunks.entries()) {
        ws.getRangeByIndexes(start, 0, chunk.length, nCols).values = chunk;
        start += chunk.length;
        if (i < chunks.length - 1) await ctx.sync();
      }
      // Formatting rides with the last values unless its cell lists would not fit beside them.
      const locked = readOnly ? [] : this.lockedCells(profile, layout, users);
      if (locked.join(',').length > RESERVE / 2) await ctx.sync();
      this.format(ws, layout, locked, grid.length, readOnly);
      // Read back what Excel made of it, in the same round trip when it fits.
      const problems: MangledCell[] = [];
      start = 0;
      for (const chunk of chunks) {
        const r = ws.getRangeByIndexes(start, 0, chunk.length, nCols).load('formulas');
        await ctx.sync();
        r.formulas.forEach((line, i) =>
          line.forEach((got, j) => {
            const wrote = chunk[i]![j]!;
            if (got !== wrote)
              problems.push({
                rowNumber: start + i + 1,
                column: layout.columns[j]!.key,
                wrote,
                got: String(got),
              });
          }),
        );
        start += chunk.length;
      }
      ws.activate();
      return problems;
    });
    if (mangled.length > 0) throw new SheetWriteError(mangled);
    if (readOnly) return;
    this.sheetName = meta.sheetName;
    this.layout = layout;
    this.positions = new Map(layout.columns.map((c, i) => [c.key, i]));
    await this.saveBaseline({ meta, users: [...users] });
  }

  /** A1 addresses of the cells locked per user (synced, self-registered, server-set status). */
  private lockedCells(profile: Profile, layout: SheetLayout, users: readonly PulledUser[]): string[] {
    const locked: string[] = [];
    users.forEach((u, r) => {
      for (const key of lockedColumns(profile, u)) {
        const col = layout.columns.findIndex((c) => c.key === key);
        if (col >= 0 && !layout.columns[col]!.readOnly) locked.push(a1(col, r + 2));
      }
    });
    return locked;
  }

  private format(
    ws: Excel.Worksheet,
    layout: SheetLayout,
    locked: readonly string[],
    rows: number,
    readOnly: boolean,
  ): void {
    const nCols = layout.columns.length;
    const table = ws.tables.add(ws.getRangeByIndexes(0, 0, rows, nCols), true);
    table.name = `Roster_${Date.now().toString(36)}`;
    ws.freezePanes.freezeRows(1);
    layout.columns.forEach((c, i) => {
      const column = ws.getRangeByIndexes(0, i, rows, 1);
      if (c.hidden) column.columnHidden = true;
      if (rows > 1 && c.options && !readOnly) {
        // Drop-downs help typing; paste bypasses them, so validateRows stays the real check.
        ws.getRangeByIndexes(1, i, rows - 1, 1).dataValidation.rule = {
          list: { inCellDropDown: true, source: c.options.join(',') },
        };
      }
      if (c.readOnly || readOnly) {
        column.format.font.color = LOCKED_FONT;
        column.format.font.italic = true;
      }
    });
    for (const address of areas(locked)) {
      const cells = ws.getRanges(address);
      cells.format.font.color = LOCKED_FONT;
      cells.format.font.italic = true;
    }
    ws.getRangeByIndexes(0, 0, rows, nCols).format.autofitColumns();
  }

  async writeCells(cells: readonly CellWrite[]): Promise<void> {
    const sheetName = this.sheetName;
    if (!sheetName) throw new Error('Read or write the roster before writing cells.');
    // Per column, consecutive rows become one range: 10,000 new rows' results are a few
    // column writes, not 10,000 cells. Runs are queued and synced within the budget.
    const byColumn = new Map<number, Map<number, string>>();
    for (const c of cells) {
      const col = this.positions.get(c.column);
      if (col === undefined || col < 0) continue;
      const rows = byColumn.get(col) ?? new Map<number, string>();
      rows.set(c.rowNumber, c.value);
      byColumn.set(col, rows);
    }
    const runs: { col: number; firstRow: number; values: string[][] }[] = [];
    for (const [col, rows] of byColumn) {
      const sorted = [...rows.keys()].sort((a, b) => a - b);
      let run: { col: number; firstRow: number; values: string[][] } | undefined;
      for (const r of sorted) {
        if (run && r === run.firstRow + run.values.length) run.values.push([rows.get(r)!]);
        else runs.push((run = { col, firstRow: r, values: [[rows.get(r)!]] }));
      }
    }
    await this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheetName);
      let bytes = 0;
      for (const run of runs) {
        const size = run.values.reduce((n, [v]) => n + rowBytes([v!]), 64);
        if (bytes > 0 && bytes + size > SYNC_BUDGET - RESERVE) {
          await ctx.sync();
          bytes = 0;
        }
        const range = ws.getRangeByIndexes(run.firstRow - 1, run.col, run.values.length, 1);
        range.numberFormat = [['@']];
        range.values = run.values;
        bytes += size;
      }
    });
  }

  async writeTable(sheetName: string, grid: readonly (readonly string[])[]): Promise<void> {
    const width = Math.max(1, ...grid.map((r) => r.length));
    const rows = grid.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
    await this.run(async (ctx) => {
      const old = ctx.workbook.worksheets.getItemOrNullObject(sheetName);
      await ctx.sync();
      if (!old.isNullObject) old.delete();
      const ws = ctx.workbook.worksheets.add(sheetName);
      ws.getRangeByIndexes(0, 0, rows.length, width).numberFormat = [['@']];
      let start = 0;
      for (const chunk of chunkByBytes(rows, SYNC_BUDGET - RESERVE)) {
        ws.getRangeByIndexes(start, 0, chunk.length, width).values = chunk;
        start += chunk.length;
        await ctx.sync();
      }
      ws.freezePanes.freezeRows(1);
      ws.getRangeByIndexes(0, 0, rows.length, width).format.autofitColumns();
      ws.activate();
    });
  }

  /** The baseline on a very hidden sheet: a meta row, then [id, version, JSON…] per user. */
  async saveBaseline(b: Baseline): Promise<void> {
    const rows: string[][] = [[JSON.stringify({ format: 1, count: b.users.length, meta: b.meta })]];
    for (const u of b.users) {
      const json = JSON.stringify({ values: u.values, flags: u.flags });
      const parts: string[] = [];
      for (let i = 0; i < json.length; i += CELL_CHARS) parts.push(json.slice(i, i + CELL_CHARS));
      rows.push([u.id, u.version, ...parts]);
    }
    const width = Math.max(...rows.map((r) => r.length));
    const padded = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
    await this.run(async (ctx) => {
      const old = ctx.workbook.worksheets.getItemOrNullObject(BASELINE_SHEET);
      await ctx.sync();
      if (!old.isNullObject) old.delete();
      const ws = ctx.workbook.worksheets.add(BASELINE_SHEET);
      ws.getRangeByIndexes(0, 0, padded.length, width).numberFormat = [['@']];
      let start = 0;
      for (const chunk of chunkByBytes(padded, SYNC_BUDGET)) {
        ws.getRangeByIndexes(start, 0, chunk.length, width).values = chunk;
        start += chunk.length;
        await ctx.sync();
      }
      // Very hidden: not in the Unhide list; still readable by anyone with the file, so no secrets.
      ws.visibility = 'VeryHidden';
    });
  }

  async loadBaseline(): Promise<Baseline | undefined> {
    return this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(BASELINE_SHEET);
      await ctx.sync();
      if (ws.isNullObject) return undefined;
      const used = ws.getUsedRange(true).load(['rowCount', 'columnCount']);
      const head = ws.getRange('A1').load('values');
      await ctx.sync();
      const info = JSON.parse(String(head.values[0]![0])) as { count: number; meta: RosterMeta };
      const users: PulledUser[] = [];
      const width = used.columnCount;
      // Rows per read so one response stays within budget (a baseline row is up to ~1 KB).
      const step = Math.max(1, Math.floor(SYNC_BUDGET / (width * 1024)));
      for (let row = 1; row <= info.count; row += step) {
        const n = Math.min(step, info.count - row + 1);
        const r = ws.getRangeByIndexes(row, 0, n, width).load('values');
        await ctx.sync();
        for (const line of r.values) {
          const parsed = JSON.parse(line.slice(2).map(String).join('')) as Pick<
            PulledUser,
            'values' | 'flags'
          >;
          users.push({ id: String(line[0]), version: String(line[1]), ...parsed });
        }
      }
      return { meta: info.meta, users };
    });
  }

  async readRows(profile: Profile): Promise<RosterRow[]> {
    if (!this.sheetName || !this.layout) {
      // A reopened workbook: the baseline says which sheet and in which language it was pulled.
      const baseline = await this.loadBaseline();
      if (!baseline) return [];
      this.sheetName = baseline.meta.sheetName;
      this.layout = layoutFor(profile, baseline.meta.locale);
    }
    const sheetName = this.sheetName;
    const layout = this.layout;
    return this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheetName);
      const used = ws.getUsedRange(true).load(['rowCount', 'columnCount']);
      await ctx.sync();
      const nCols = used.columnCount;
      const step = Math.max(1, Math.floor(SYNC_BUDGET / (nCols * 160)));
      const grid: string[][] = [];
      for (let row = 0; row < used.rowCount; row += step) {
        const n = Math.min(step, used.rowCount - row);
        const r = ws.getRangeByIndexes(row, 0, n, nCols).load(['values', 'text']);
        await ctx.sync();
        r.values.forEach((line, i) => grid.push(line.map((v, j) => cellText(v, r.text[i]![j]))));
      }
      const header = grid[0] ?? [];
      const rows = fromGrid(profile, layout, grid, 1);
      this.positions = new Map(layout.columns.map((c) => [c.key, header.indexOf(c.header)]));
      return rows;
    });
  }

  async markProblems(problems: readonly Problem[]): Promise<MarkReport> {
    const sheetName = this.sheetName;
    if (!sheetName) throw new Error('Read or write the roster before marking it.');
    const byCell = new Map<string, string[]>();
    for (const p of problems) {
      const col = this.positions.get(p.column);
      if (p.rowNumber === null || col === undefined || col < 0) continue;
      const address = a1(col, p.rowNumber);
      byCell.set(address, [...(byCell.get(address) ?? []), p.message]);
    }
    const addresses = [...byCell.keys()];
    const noted = addresses.slice(0, MAX_NOTES);
    return this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheetName);
      if (this.marks === undefined) {
        const setting = ctx.workbook.settings.getItemOrNullObject(MARKS_SETTING);
        setting.load('value');
        await ctx.sync();
        this.marks = setting.isNullObject ? null : (JSON.parse(String(setting.value)) as Marks);
      }
      const previous = this.marks ?? undefined;
      // Remove what we marked before, and only that: our fills, and notes/comments that still
      // start with our prefix (an admin may have replaced one with their own).
      const oldNotes =
        previous?.sheet === sheetName
          ? previous.notes.map((a) => ws.notes.getItemOrNullObject(a).load('content'))
          : [];
      const oldComments =
        previous?.comments.map((id) => ctx.workbook.comments.getItemOrNullObject(id).load('content')) ?? [];
      if (previous?.sheet === sheetName)
        for (const address of areas(previous.fills)) ws.getRanges(address).format.fill.clear();
      await ctx.sync();
      for (const n of [...oldNotes, ...oldComments])
        if (!n.isNullObject && n.content.startsWith(NOTE_PREFIX)) n.delete();
      for (const address of areas(addresses)) ws.getRanges(address).format.fill.color = BAD_FILL;
      const comments: Excel.Comment[] = [];
      for (const address of noted) {
        const text = `${NOTE_PREFIX}\n${byCell.get(address)!.join('\n')}`;
        if (this.options.supportsNotes) ws.notes.add(address, text);
        else comments.push(ctx.workbook.comments.add(`${sheetName}!${address}`, text).load('id'));
      }
      const marks: Marks = {
        sheet: sheetName,
        fills: addresses,
        notes: this.options.supportsNotes ? noted : [],
        comments: [],
      };
      // Notes are known by address, so the registry rides in the same round trip; comment ids
      // are known only after it (one more sync, on hosts without notes).
      if (comments.length === 0) ctx.workbook.settings.add(MARKS_SETTING, JSON.stringify(marks));
      await ctx.sync();
      if (comments.length > 0) {
        marks.comments = comments.map((c) => c.id);
        ctx.workbook.settings.add(MARKS_SETTING, JSON.stringify(marks));
      }
      this.marks = marks;
      return { marked: addresses.length, noted: noted.length };
    });
  }

  async selectCell(rowNumber: number, column: string): Promise<void> {
    const sheetName = this.sheetName;
    const col = this.positions.get(column);
    if (!sheetName || col === undefined || col < 0) return;
    await this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheetName);
      ws.activate();
      ws.getRange(a1(col, rowNumber)).select();
    });
  }

  async selectedRowRanges(): Promise<[number, number][]> {
    const sheetName = this.sheetName;
    if (!sheetName) return [];
    return this.run(async (ctx) => {
      // Workbook.getSelectedRanges (ExcelApi 1.9) also covers Ctrl+click selections of several
      // areas, which getSelectedRange refuses. Only row positions are loaded, never values.
      const selection = ctx.workbook.getSelectedRanges();
      selection.worksheet.load('name');
      selection.areas.load('items/rowIndex,items/rowCount');
      await ctx.sync();
      if (selection.worksheet.name !== sheetName) return [];
      return selection.areas.items.map((a): [number, number] => [a.rowIndex + 1, a.rowIndex + a.rowCount]);
    });
  }

  async onEdited(handler: () => void): Promise<() => Promise<void>> {
    const sheetName = this.sheetName;
    if (!sheetName) return async () => {};
    const registration = await this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheetName);
      // triggerSource (ExcelApi 1.14) tells our own writes apart; hosts without it report
      // undefined, and a re-validation after our own write is harmless.
      return ws.onChanged.add(async (e: Excel.WorksheetChangedEventArgs) => {
        if ((e as { triggerSource?: string }).triggerSource === 'ThisLocalAddin') return;
        handler();
      });
    });
    return async () => {
      await this.run(async () => registration.remove());
    };
  }
}
