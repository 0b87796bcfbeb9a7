// The problems filter: an AutoFilter on the roster table's result column (Table.autoFilter,
// ExcelApi 1.9; docs excel/excel-add-ins-tables.md, "AutoFilter").
import { cellText } from './cells';

/** Which result texts to show: a match on the result column's text, or none (show all). */
export type ResultMatch = ((result: string) => boolean) | null;

/** The roster table of a sheet with its range's position loaded (one sync). */
export async function loadRosterTable(
  ctx: Excel.RequestContext,
  sheetName: string,
): Promise<{ table: Excel.Table; range: Excel.Range }> {
  const table = ctx.workbook.worksheets.getItem(sheetName).tables.getItemAt(0);
  const range = table.getRange().load(['rowIndex', 'rowCount', 'columnIndex']);
  await ctx.sync();
  return { table, range };
}

/**
 * The result column's distinct texts `match` accepts, as a values filter on the roster table;
 * criteria cleared (AutoFilter.clearCriteria) when nothing matches or `match` is null. Reads the
 * column (`at`: its index in the sheet). Returns how many rows are shown.
 */
export async function applyResultFilter(
  ctx: Excel.RequestContext,
  sheetName: string,
  { table, range }: { table: Excel.Table; range: Excel.Range },
  at: number,
  match: ResultMatch,
): Promise<number> {
  if (!match) {
    table.autoFilter.clearCriteria();
    await ctx.sync();
    return range.rowCount - 1;
  }
  const column = ctx.workbook.worksheets
    .getItem(sheetName)
    .getRangeByIndexes(range.rowIndex + 1, range.columnIndex + at, Math.max(1, range.rowCount - 1), 1)
    .load('values');
  await ctx.sync();
  const results = column.values.map(([v]) => cellText(v));
  const wanted = [...new Set(results.filter(match))];
  if (wanted.length === 0) table.autoFilter.clearCriteria();
  else
    table.autoFilter.apply(table.getRange(), at - range.columnIndex, {
      filterOn: 'Values',
      values: wanted,
    });
  await ctx.sync();
  return wanted.length === 0 ? 0 : results.filter(match).length;
}
