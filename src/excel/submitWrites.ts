// Writing back one submission (its cells, the new baseline, the receipt) in shared, budgeted syncs.
import { BASELINE_SHEET, NEW_BASELINE_SHEET, swapBaseline } from './baselineSheet';
import { toCell } from './cells';
import type { LogRows } from './RosterSheet';
import { findLeftovers, SyncBudget, writeRuns, type Run } from './sheetWrites';
import { chunkBy, rowBytes } from './sheetLayout';

/** Writes a grid of text in pieces of a quarter budget, so each sync is filled close to the budget. */
async function writeGrid(
  ws: Excel.Worksheet,
  firstRow: number,
  grid: readonly (readonly string[])[],
  width: number,
  budget: SyncBudget,
): Promise<void> {
  let start = firstRow;
  for (const chunk of chunkBy(grid, rowBytes, budget.limit / 4)) {
    await budget.take(chunk.reduce((n, r) => n + rowBytes(r), 64));
    ws.getRangeByIndexes(start, 0, chunk.length, width).values = chunk.map((r) => r.map(toCell));
    start += chunk.length;
  }
}

/**
 * Queues the write-back of a submission on `ctx`: the roster's cells, the new baseline (written
 * beside the old one and swapped in once complete) and the receipt rows, syncing only when the
 * budget is full. Nothing syncs only to read: which sheets exist is asked with the roster's cells
 * (they need no answer), where the log ends with the baseline's rows. The last writes stay
 * queued for the caller's sync (the marks share it). At least one sync is made, so loads the
 * caller queued before have arrived when this returns.
 */
export async function queueSubmission(
  ctx: Excel.RequestContext,
  roster: Excel.Worksheet,
  runs: readonly Run[],
  baselineGrid: readonly string[][],
  log: LogRows,
): Promise<void> {
  const sheets = ctx.workbook.worksheets;
  const oldBaseline = sheets.getItemOrNullObject(BASELINE_SHEET);
  const found = sheets.getItemOrNullObject(log.sheetName);
  const dropLeftovers = findLeftovers(ctx);
  const budget = new SyncBudget(ctx);
  await writeRuns(ctx, roster, runs, budget);
  // The lookups above are answered by the first sync; without one yet, this is it.
  if (budget.syncs === 0) await budget.sync();
  dropLeftovers();
  const logSheet = found.isNullObject ? sheets.add(log.sheetName) : found;
  // Where the log ends: the used range of values (Worksheet.getUsedRange(valuesOnly), ExcelApi
  // 1.2; a blank sheet gives A1: docs "worksheet: usedRange"), and A1 to tell a blank sheet.
  const used = found.isNullObject
    ? undefined
    : found.getUsedRange(true).load(['rowIndex', 'rowCount', 'columnCount']);
  const a1 = found.isNullObject ? undefined : found.getRange('A1').load('values');
  const asked = budget.syncs;

  const width = baselineGrid[0]!.length;
  const next = sheets.add(NEW_BASELINE_SHEET);
  next.visibility = 'Hidden';
  next.getRangeByIndexes(0, 0, baselineGrid.length, width).numberFormat = [['@']];
  await writeGrid(next, 0, baselineGrid, width, budget);
  swapBaseline(ctx, oldBaseline.isNullObject ? undefined : oldBaseline, next);

  // The log's used range came back with a sync of the baseline's rows; without one, this is it.
  if (used && budget.syncs === asked) await budget.sync();
  const blank = !used || (used.rowCount === 1 && used.columnCount === 1 && a1!.values[0]![0] === '');
  const logWidth = Math.max(log.header.length, ...log.rows.map((r) => r.length));
  const pad = (r: readonly string[]) => [...r, ...Array<string>(logWidth - r.length).fill('')];
  const rows = blank ? [pad(log.header), ...log.rows.map(pad)] : log.rows.map(pad);
  const start = blank ? 0 : used!.rowIndex + used!.rowCount;
  logSheet.getRangeByIndexes(start, 0, rows.length, logWidth).numberFormat = [['@']];
  await writeGrid(logSheet, start, rows, logWidth, budget);
  if (blank) logSheet.freezePanes.freezeRows(1);
  logSheet.getRangeByIndexes(0, 0, start + rows.length, logWidth).format.autofitColumns();
}
