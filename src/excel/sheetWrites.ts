// Writing to the workbook in budgeted syncs: the checked roster write, cell runs, plain tables.
import { NEW_BASELINE_SHEET } from './baselineSheet';
import { CELL_LIMIT, cellText, isText, roundTripBytes, sameText, toCell } from './cells';
import { SYNC_BUDGET } from './excelIo';
import type { CellWrite, MangledCell } from './RosterSheet';
import { chunkBy, rowBytes, type SheetLayout } from './sheetLayout';

/** Room left in a values sync for the formatting requests that share it. */
export const RESERVE = 512 * 1024;
/** Where a pull writes before it replaces the roster sheet (at most 31 characters). */
export const NEW_ROSTER_SHEET = 'RosterSheet_new';

/** Cells Excel cannot hold (over 32,767 characters once written), refused before the workbook is touched. */
export function tooLongCells(layout: SheetLayout, grid: readonly string[][]): MangledCell[] {
  const out: MangledCell[] = [];
  grid.forEach((line, r) =>
    line.forEach((v, c) => {
      if (toCell(v).length > CELL_LIMIT)
        out.push({ rowNumber: r + 1, column: layout.columns[c]!.key, wrote: v, got: v.slice(0, CELL_LIMIT) });
    }),
  );
  return out;
}

/**
 * Queues the lookup of half-written sheets of an earlier attempt; after the next sync, the
 * returned function queues their removal (they are Hidden, never VeryHidden).
 */
export function findLeftovers(ctx: Excel.RequestContext): () => void {
  const found = [NEW_ROSTER_SHEET, NEW_BASELINE_SHEET].map((n) =>
    ctx.workbook.worksheets.getItemOrNullObject(n),
  );
  return () => {
    for (const ws of found)
      if (!ws.isNullObject) {
        ws.visibility = 'Hidden';
        ws.delete();
      }
  };
}

/** Removes half-written sheets of an earlier attempt, in a sync of their own. */
export async function dropLeftovers(ctx: Excel.RequestContext): Promise<void> {
  const drop = findLeftovers(ctx);
  await ctx.sync();
  drop();
}

/**
 * Writes the grid as text and reads each chunk back in the same sync: `values` and
 * `valueTypes`, since `formulas` of a cell that became a formula equals the text written
 * (EXCEL.md "Learned in review"). Returns the cells Excel did not keep as written.
 */
export async function writeChecked(
  ctx: Excel.RequestContext,
  ws: Excel.Worksheet,
  layout: SheetLayout,
  grid: readonly string[][],
): Promise<MangledCell[]> {
  const nCols = layout.columns.length;
  // Text format first (docs: set numberFormat before values): IDs keep leading zeros, long
  // numbers stay digits, and `=…`, `+81…`, `-1` stay text.
  ws.getRangeByIndexes(0, 0, grid.length, nCols).numberFormat = [['@']];
  const problems: MangledCell[] = [];
  let start = 0;
  for (const chunk of chunkBy(grid, roundTripBytes, SYNC_BUDGET - RESERVE)) {
    const range = ws.getRangeByIndexes(start, 0, chunk.length, nCols);
    range.values = chunk.map((r) => r.map(toCell));
    range.load(['values', 'valueTypes']);
    await ctx.sync();
    range.values.forEach((line, i) =>
      line.forEach((got, j) => {
        const wrote = chunk[i]![j]!;
        if (!isText(range.valueTypes[i]![j]!) || !sameText(wrote, cellText(got)))
          problems.push({
            rowNumber: start + i + 1,
            column: layout.columns[j]!.key,
            wrote,
            got: cellText(got),
          });
      }),
    );
    start += chunk.length;
  }
  return problems;
}

/** Consecutive cells of one column, written as one range. */
export interface Run {
  col: number;
  firstRow: number;
  values: string[][];
}

/**
 * Per column, consecutive rows become one range: 10,000 new rows' results are a few column
 * writes, not 10,000 cells. Columns are found in `positions` (admins may move them).
 */
export function columnRuns(cells: readonly CellWrite[], positions: ReadonlyMap<string, number>): Run[] {
  const byColumn = new Map<number, Map<number, string>>();
  for (const c of cells) {
    const col = positions.get(c.column);
    if (col === undefined || col < 0) continue;
    const rows = byColumn.get(col) ?? new Map<number, string>();
    rows.set(c.rowNumber, c.value);
    byColumn.set(col, rows);
  }
  const runs: Run[] = [];
  for (const [col, rows] of byColumn) {
    let run: Run | undefined;
    for (const r of [...rows.keys()].sort((a, b) => a - b)) {
      const v = toCell(rows.get(r)!);
      if (run && r === run.firstRow + run.values.length) run.values.push([v]);
      else runs.push((run = { col, firstRow: r, values: [[v]] }));
    }
  }
  return runs;
}

/**
 * The bytes queued on a context since its last sync, shared by the writers of one batch so their
 * writes fill each sync up to the budget instead of each writer syncing on its own.
 */
export class SyncBudget {
  private bytes = 0;
  /** Syncs made through this budget, so a caller knows whether a queued load has arrived. */
  syncs = 0;
  constructor(
    private readonly ctx: Excel.RequestContext,
    readonly limit = SYNC_BUDGET - RESERVE,
  ) {}

  /** Makes room for `size` more bytes of writes: syncs first when they would not fit. */
  async take(size: number): Promise<void> {
    if (this.bytes > 0 && this.bytes + size > this.limit) await this.sync();
    this.bytes += size;
  }

  async sync(): Promise<void> {
    await this.ctx.sync();
    this.bytes = 0;
    this.syncs++;
  }
}

/** Writes the runs as text, syncing whenever the next would overflow the budget. */
export async function writeRuns(
  ctx: Excel.RequestContext,
  ws: Excel.Worksheet,
  runs: readonly Run[],
  budget = new SyncBudget(ctx),
): Promise<void> {
  for (const run of runs) {
    // Values and the text format of each cell (a 2-D array is sent as given).
    await budget.take(run.values.reduce((n, [v]) => n + rowBytes([v!]) + 6, 64));
    const range = ws.getRangeByIndexes(run.firstRow - 1, run.col, run.values.length, 1);
    range.numberFormat = [['@']];
    range.values = run.values;
  }
}

/** A plain table of text on a new sheet (error export), shown. */
export async function writeTextTable(
  ctx: Excel.RequestContext,
  sheetName: string,
  grid: readonly (readonly string[])[],
): Promise<void> {
  const width = Math.max(1, ...grid.map((r) => r.length));
  const rows = grid.map((r) => [...r, ...Array<string>(width - r.length).fill('')].map(toCell));
  // An export of the same minute and second replaces the earlier one (a visible sheet of ours).
  const old = ctx.workbook.worksheets.getItemOrNullObject(sheetName);
  await ctx.sync();
  if (!old.isNullObject) old.delete();
  const ws = ctx.workbook.worksheets.add(sheetName);
  ws.getRangeByIndexes(0, 0, rows.length, width).numberFormat = [['@']];
  let start = 0;
  for (const chunk of chunkBy(rows, rowBytes, SYNC_BUDGET - RESERVE)) {
    ws.getRangeByIndexes(start, 0, chunk.length, width).values = chunk;
    start += chunk.length;
    await ctx.sync();
  }
  ws.freezePanes.freezeRows(1);
  ws.getRangeByIndexes(0, 0, rows.length, width).format.autofitColumns();
  ws.activate();
}
