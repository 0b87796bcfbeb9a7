import { sortRoster, type Problem, type Profile, type RosterRow } from '../domain';
import {
  SheetWriteError,
  type Baseline,
  type CellWrite,
  type CheckMarks,
  type MarkReport,
  type RosterMeta,
  type RosterSheet,
  type SubmissionWrites,
} from './RosterSheet';
import {
  BASELINE_SHEET,
  NEW_BASELINE_SHEET,
  baselineGrid,
  isStamped,
  loadBaselineHead,
  readBaselineSheet,
  readBaselineUsers,
  swapBaseline,
  type BaselineHeadCell,
  writeBaselineSheet,
} from './baselineSheet';
import type { ExcelHost, ExcelRun } from './excelIo';
import { readRosterGrid, type RosterGrid } from './rosterRead';
import {
  columnRuns,
  dropLeftovers,
  NEW_ROSTER_SHEET,
  tooLongCells,
  writeChecked,
  writeRuns,
  writeTextTable,
} from './sheetWrites';
import { queueSubmission } from './submitWrites';
import { excelProblems, restoreLineBreaks } from './readBack';
import { formatRoster } from './rosterFormat';
import {
  a1,
  loadMarkReads,
  MARKS_SETTING,
  queueMarks,
  type MarkRegistry,
  type MarkingTarget,
} from './sheetMarking';
import { applyResultFilter, loadRosterTable, type ResultMatch } from './resultFilter';
import {
  RESULT_KEY,
  fromGrid,
  rowBytes,
  layoutFor,
  splitCells,
  toGrid,
  type PulledUser,
  type SheetLayout,
} from './sheetLayout';

export { NOTE_PREFIX } from './marks';
export { MAX_NOTES } from './sheetMarking';
export { SYNC_BUDGET, type ExcelHost, type ExcelRun } from './excelIo';

/** The roster sheet through Office.js: sized round trips, a pull that replaces the sheet only when it is right. */
export class OfficeRosterSheet implements RosterSheet {
  /** Where each layout column sits on the sheet, from the last write or read (admins may move columns). */
  private positions = new Map<string, number>();
  private sheetName?: string;
  /** The layout of the editable roster (its headers are in the language of the pull). */
  private layout?: SheetLayout;
  /** The fills made last, once read from the workbook settings (they outlive the pane). */
  private readonly registry: MarkRegistry = {};
  /** The baseline as last saved or loaded. */
  private baseline?: Baseline;
  /** The head cell (A1) of the baseline sheet `baseline` was saved with or loaded from. */
  private baselineHead?: string;
  /** JSON bytes per roster row as last read or written, to size the next read's first piece. */
  private bytesPerRow?: number;
  private lastProblems: Problem[] = [];
  /** The profile of the last write or read (to split status cells and show choices). */
  private profile?: Profile;
  /** The grid and rows of the last readRows, for what a check writes and for error exports. */
  private lastRead?: { header: string[]; grid: string[][]; rows: RosterRow[] };
  /** The result filter the admin turned on, applied again after each check. */
  private filterMatch?: (result: string) => boolean;

  constructor(
    private readonly run: ExcelRun,
    private readonly host: ExcelHost,
  ) {}

  async writeRoster(
    profile: Profile,
    users: readonly PulledUser[],
    meta: RosterMeta,
    readOnly = false,
  ): Promise<void> {
    // Sorted by user ID or member number (issue 15); the baseline is keyed by id, so any order.
    await this.replaceRoster(profile, users, meta, readOnly, [], sortRoster(profile, users, meta.locale));
  }

  async writeNewRoster(
    profile: Profile,
    meta: RosterMeta,
    example: Readonly<Record<string, string>>,
  ): Promise<void> {
    const layout = layoutFor(profile, meta.locale);
    const [, line] = toGrid(profile, layout, [{ id: '', version: '', values: { ...example }, flags: {} }]);
    await this.replaceRoster(profile, [], meta, false, [line!], []);
  }

  /** The roster written beside the old sheet, checked, formatted, then swapped in. */
  private async replaceRoster(
    profile: Profile,
    users: readonly PulledUser[],
    meta: RosterMeta,
    readOnly: boolean,
    extra: readonly string[][],
    shown: readonly PulledUser[],
  ): Promise<void> {
    const layout = layoutFor(profile, meta.locale);
    const grid = [...toGrid(profile, layout, shown), ...extra];
    // A value Excel cannot hold is refused before the workbook is touched.
    const tooLong = tooLongCells(layout, grid);
    if (tooLong.length > 0) throw new SheetWriteError(tooLong);
    const next: Baseline | undefined = readOnly ? undefined : { meta, users: [...users] };
    const nextGrid = next ? baselineGrid(next) : undefined;
    try {
      await this.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        const old = sheets.getItemOrNullObject(meta.sheetName);
        const oldBaseline = next ? sheets.getItemOrNullObject(BASELINE_SHEET) : undefined;
        await dropLeftovers(ctx);
        // The new roster goes to a sheet of its own; the admin's sheet stays until it is right.
        const ws = sheets.add(NEW_ROSTER_SHEET);
        ws.visibility = 'Hidden';
        const mangled = await writeChecked(ctx, ws, layout, grid);
        if (mangled.length > 0) {
          ws.delete();
          await ctx.sync();
          throw new SheetWriteError(mangled);
        }
        formatRoster(ws, profile, layout, shown, grid.length, readOnly);
        // The formatting's cell lists go on their own, so no sync nears the budget.
        await ctx.sync();
        const baselineSheet = nextGrid
          ? await writeBaselineSheet(ctx, nextGrid, NEW_BASELINE_SHEET)
          : undefined;
        // Everything is written and checked: swap in one batch.
        ws.visibility = 'Visible';
        if (!old.isNullObject) old.delete();
        ws.name = meta.sheetName;
        ws.activate();
        if (baselineSheet) {
          swapBaseline(
            ctx,
            oldBaseline && !oldBaseline.isNullObject ? oldBaseline : undefined,
            baselineSheet,
          );
          // The old sheet's fills went with it.
          ctx.workbook.settings.add(MARKS_SETTING, JSON.stringify({ sheet: meta.sheetName, fills: [] }));
        }
        await ctx.sync();
      });
    } catch (e) {
      await this.run(async (ctx) => dropLeftovers(ctx)).catch(() => undefined);
      throw e;
    }
    if (!next) return;
    // Values and their value types ("String") as a read brings them back.
    this.bytesPerRow = grid.reduce((n, r) => n + rowBytes(r) + 9 * r.length, 0) / Math.max(1, grid.length);
    this.sheetName = meta.sheetName;
    this.layout = layout;
    this.positions = new Map(layout.columns.map((c, i) => [c.key, i]));
    this.registry.marks = { sheet: meta.sheetName, fills: [] };
    this.baseline = next;
    this.baselineHead = nextGrid![0]![0];
    this.profile = profile;
    this.lastRead = undefined;
    this.filterMatch = undefined;
  }

  /** Cells as the sheet holds them: a server-set state goes to its own column (eq's 登録状態). */
  private split(cells: readonly CellWrite[]): readonly CellWrite[] {
    return this.profile && this.layout ? splitCells(this.profile, this.layout, cells) : cells;
  }

  async writeCells(cells: readonly CellWrite[]): Promise<void> {
    const sheetName = this.sheetName;
    if (!sheetName) throw new Error('Read or write the roster before writing cells.');
    const runs = columnRuns(this.split(cells), this.positions);
    await this.run(async (ctx) => writeRuns(ctx, ctx.workbook.worksheets.getItem(sheetName), runs));
  }

  async writeTable(sheetName: string, grid: readonly (readonly string[])[]): Promise<void> {
    await this.run(async (ctx) => writeTextTable(ctx, sheetName, grid));
  }

  /** Writes the new baseline beside the old one, then replaces it (any number of times). */
  async saveBaseline(b: Baseline): Promise<void> {
    const grid = baselineGrid(b);
    try {
      await this.run(async (ctx) => {
        const old = ctx.workbook.worksheets.getItemOrNullObject(BASELINE_SHEET);
        await dropLeftovers(ctx);
        const ws = await writeBaselineSheet(ctx, grid, NEW_BASELINE_SHEET);
        swapBaseline(ctx, old.isNullObject ? undefined : old, ws);
        await ctx.sync();
      });
    } catch (e) {
      await this.run(async (ctx) => dropLeftovers(ctx)).catch(() => undefined);
      throw e;
    }
    this.baseline = b;
    this.baselineHead = grid[0]![0];
  }

  async loadBaseline(): Promise<Baseline | undefined> {
    const read = await this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(BASELINE_SHEET);
      await ctx.sync();
      return ws.isNullObject ? undefined : readBaselineSheet(ctx, ws);
    });
    this.baseline = read?.baseline;
    this.baselineHead = read?.head;
    return read?.baseline;
  }

  async readRows(profile: Profile): Promise<RosterRow[]> {
    if (!this.sheetName || !this.layout) {
      // A reopened workbook: the baseline says which sheet and in which language it was pulled.
      const baseline = this.baseline ?? (await this.loadBaseline());
      if (!baseline) return [];
      this.sheetName = baseline.meta.sheetName;
      this.layout = layoutFor(profile, baseline.meta.locale);
    }
    const sheetName = this.sheetName;
    const read = await this.run(async (ctx) =>
      readRosterGrid(ctx, ctx.workbook.worksheets.getItem(sheetName), this.bytesPerRow),
    );
    return this.takeRows(profile, read);
  }

  /**
   * The roster's rows and its baseline in one Excel.run: the baseline sheet is looked up in the
   * sync that reads the roster's used range, and its head cell read with the roster's first piece.
   * The rows below the head are read only when the head is not the one this pane last wrote or
   * read. Only this add-in writes that VeryHidden sheet (the admin cannot unhide it), always whole
   * and under a new stamp in the head (baselineGrid), whichever pane or co-author's pane writes
   * it: the same head means the same rows. The roster itself, which anyone may edit at any time,
   * is always read.
   */
  async readSheet(profile: Profile): Promise<{ baseline: Baseline | undefined; rows: RosterRow[] }> {
    if (!this.sheetName || !this.layout) {
      const baseline = await this.loadBaseline();
      return { baseline, rows: baseline ? await this.readRows(profile) : [] };
    }
    const sheetName = this.sheetName;
    const known =
      this.baseline && this.baselineHead && isStamped(this.baselineHead)
        ? { baseline: this.baseline, head: this.baselineHead }
        : undefined;
    const { read, baseline } = await this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      // isNullObject is set by the next sync (docs develop/application-specific-api-model.md,
      // "*OrNullObject methods and properties"); the docs say nothing of calls queued on a null
      // object, so the head's load waits for that answer and goes with the first piece.
      const baselineWs = sheets.getItemOrNullObject(BASELINE_SHEET);
      let headOf: (() => BaselineHeadCell) | undefined;
      const read = await readRosterGrid(ctx, sheets.getItem(sheetName), this.bytesPerRow, () => {
        headOf = baselineWs.isNullObject ? undefined : loadBaselineHead(baselineWs);
      });
      if (!headOf) return { read, baseline: undefined };
      const head = headOf();
      const baseline =
        known && head.text === known.head ? known.baseline : await readBaselineUsers(ctx, baselineWs, head);
      return { read, baseline: { baseline, head: head.text } };
    });
    this.baseline = baseline?.baseline;
    this.baselineHead = baseline?.head;
    return { baseline: baseline?.baseline, rows: this.takeRows(profile, read) };
  }

  /** Rows from a read grid; records what the sheet's other methods need of the read. */
  private takeRows(profile: Profile, read: RosterGrid): RosterRow[] {
    const layout = this.layout!;
    const { grid, types } = read;
    const header = grid[0] ?? [];
    let rows = fromGrid(profile, layout, grid, 1);
    this.positions = new Map(layout.columns.map((c) => [c.key, header.indexOf(c.header)]));
    if (this.baseline && rows.some((r) => r.id && Object.values(r.values).some((v) => v.includes('\n'))))
      rows = restoreLineBreaks(rows, this.baseline);
    this.lastProblems = excelProblems(layout, header, rows, types);
    this.profile = profile;
    this.lastRead = { header, grid, rows };
    this.bytesPerRow = read.bytesPerRow;
    return rows;
  }

  cellText(rowNumber: number, column: string): string | undefined {
    const read = this.lastRead;
    const c = this.layout?.columns.find((x) => x.key === column);
    if (!read || !c) return undefined;
    const at = read.header.indexOf(c.header);
    return at < 0 ? undefined : (read.grid[rowNumber - 1]?.[at] ?? '');
  }

  async filterResults(match: ResultMatch): Promise<number> {
    const sheetName = this.sheetName;
    const at = this.positions.get(RESULT_KEY);
    if (!sheetName || at === undefined || at < 0) return 0;
    this.filterMatch = match ?? undefined;
    return this.run(async (ctx) =>
      applyResultFilter(ctx, sheetName, await loadRosterTable(ctx, sheetName), at, match),
    );
  }

  private markingTarget(sheetName: string): MarkingTarget {
    const { lastRead, profile, layout } = this;
    return {
      host: this.host,
      sheetName,
      positions: this.positions,
      registry: this.registry,
      read: lastRead && profile && layout ? { ...lastRead, profile, layout } : undefined,
    };
  }

  /** The problems filter, when on, shows what the result column says now (Excel filters only when asked). */
  private async reapplyFilter(ctx: Excel.RequestContext, sheetName: string): Promise<void> {
    const at = this.positions.get(RESULT_KEY);
    if (!this.filterMatch || at === undefined || at < 0) return;
    await applyResultFilter(ctx, sheetName, await loadRosterTable(ctx, sheetName), at, this.filterMatch);
  }

  /** Cells of the last readRows that Excel turned into a number, date, TRUE or formula. */
  excelProblems(): Problem[] {
    return this.lastProblems;
  }

  async markProblems(problems: readonly Problem[], marks?: CheckMarks): Promise<MarkReport> {
    const sheetName = this.sheetName;
    if (!sheetName) throw new Error('Read or write the roster before marking it.');
    return this.run(async (ctx) => {
      const { report, done } = await queueMarks(ctx, this.markingTarget(sheetName), problems, marks);
      await ctx.sync();
      done();
      await this.reapplyFilter(ctx, sheetName);
      return report;
    });
  }

  async finishSubmission(w: SubmissionWrites): Promise<MarkReport> {
    const sheetName = this.sheetName;
    if (!sheetName) throw new Error('Read or write the roster before writing cells.');
    const runs = columnRuns(this.split(w.cells), this.positions);
    const grid = baselineGrid(w.baseline);
    try {
      const report = await this.run(async (ctx) => {
        // What marking reads rides with the write-back's first sync, its changes with the last.
        const reads = loadMarkReads(ctx, this.host, sheetName, this.registry);
        await queueSubmission(ctx, ctx.workbook.worksheets.getItem(sheetName), runs, grid, w.log);
        const { report, done } = await queueMarks(
          ctx,
          this.markingTarget(sheetName),
          w.problems,
          w.marks,
          reads,
        );
        await ctx.sync();
        done();
        await this.reapplyFilter(ctx, sheetName);
        return report;
      });
      this.baseline = w.baseline;
      this.baselineHead = grid[0]![0];
      return report;
    } catch (e) {
      await this.run(async (ctx) => dropLeftovers(ctx)).catch(() => undefined);
      throw e;
    }
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
      // triggerSource (ExcelApi 1.14) tells our own writes apart; hosts without it send no such
      // field, and a re-validation after our own write is harmless.
      const r = ws.onChanged.add(async (e: Excel.WorksheetChangedEventArgs) => {
        if ((e as { triggerSource?: string }).triggerSource === 'ThisLocalAddin') return;
        handler();
      });
      await ctx.sync();
      return r;
    });
    return async () => {
      // Removed through the context that added it (docs excel-add-ins-events.md, "Remove an
      // event handler"; d.ts OfficeExtension.EventHandlerResult). A handler of a sheet a later
      // pull replaced went with that sheet, so a failure here has nothing left to remove.
      await this.run(registration.context as Excel.RequestContext, async (ctx) => {
        registration.remove();
        await ctx.sync();
      }).catch(() => undefined);
    };
  }
}
