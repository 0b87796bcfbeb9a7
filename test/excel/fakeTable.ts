// Tables of the fake beyond `tables.add`: finding one, its range, and its AutoFilter. See FakeExcel.ts.
// Sources: d.ts Excel.TableCollection.getItemAt [ExcelApi 1.1], Table.getRange [1.1],
// Table.autoFilter [1.9], AutoFilter.apply / clearCriteria / reapply / isDataFiltered [1.9];
// docs excel/excel-add-ins-tables.md, "AutoFilter": `table.autoFilter.apply(table.getRange(),
// columnIndex, { filterOn: Excel.FilterOn.values, values: [...] })`, and "Clear table filters".
import { generalText } from './enter';
import { FakeExcelError, type FakeSheetData, type FakeTable, type SheetRef } from './fakeBasics';
import { Loadable, type FakeContext } from './fakeContext';
import { FakeRange } from './fakeRange';

/** The text a cell shows, which a values filter compares (Excel lists a column's shown values). */
function shown(data: FakeSheetData, r: number, c: number): string {
  const cell = data.peek(r, c);
  if (!cell) return '';
  return cell.display ?? (typeof cell.value === 'number' ? generalText(cell.value) : String(cell.value));
}

/** Hides the body rows of `t` whose cell in its filtered column is not one of the values. */
function filterRows(data: FakeSheetData, t: FakeTable): void {
  for (let r = t.row + 1; r < t.row + t.rows; r++) data.hiddenRows.delete(r);
  if (!t.filter) return;
  const keep = new Set(t.filter.values);
  for (let r = t.row + 1; r < t.row + t.rows; r++)
    if (!keep.has(shown(data, r, t.col + t.filter.column))) data.hiddenRows.add(r);
}

/** A table's AutoFilter (ExcelApi 1.9). Excel filters when asked, not as cells change later. */
export class FakeAutoFilter extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly table: () => { data: FakeSheetData; table: FakeTable },
  ) {
    super(ctx);
  }
  protected override loadApi() {
    return '1.9';
  }
  protected override readProps() {
    return { isDataFiltered: () => this.table().table.filter !== undefined };
  }
  get isDataFiltered(): boolean {
    return this.get('isDataFiltered');
  }
  /**
   * Only a `values` filter on the table's own range is modelled; another range or criterion fails
   * the test. A column index outside the range is InvalidArgument (d.ts says so for
   * clearColumnCriteria; the fake takes the same for apply: UNVERIFIED, the strict way).
   */
  apply(range: FakeRange, columnIndex: number, criteria: { filterOn: string; values?: string[] }): void {
    this.ctx.act(
      { call: 'AutoFilter.apply', columnIndex, criteria },
      () => {
        const { data, table } = this.table();
        if (
          range.row !== table.row ||
          range.col !== table.col ||
          range.rows !== table.rows ||
          range.cols !== table.cols
        )
          throw new Error('The fake models AutoFilter.apply on the table’s own range only');
        if (!Number.isInteger(columnIndex) || columnIndex < 0 || columnIndex >= table.cols)
          throw new FakeExcelError('InvalidArgument', `Column ${columnIndex} is outside the range`);
        if (criteria.filterOn !== 'Values' || !Array.isArray(criteria.values))
          throw new Error(`The fake does not model filterOn ${criteria.filterOn}`);
        table.filter = { column: columnIndex, values: [...criteria.values] };
        filterRows(data, table);
      },
      '1.9',
      'AutoFilter.apply',
    );
  }
  /** Clears the criteria: every row shows again (d.ts AutoFilter.clearCriteria). */
  clearCriteria(): void {
    this.ctx.act(
      { call: 'AutoFilter.clearCriteria' },
      () => {
        const { data, table } = this.table();
        delete table.filter;
        filterRows(data, table);
      },
      '1.9',
      'AutoFilter.clearCriteria',
    );
  }
  /** Applies the criteria again to what the cells hold now (d.ts AutoFilter.reapply). */
  reapply(): void {
    this.ctx.act(
      { call: 'AutoFilter.reapply' },
      () => {
        const { data, table } = this.table();
        filterRows(data, table);
      },
      '1.9',
      'AutoFilter.reapply',
    );
  }
}

/** `tables.getItemAt(i)`: the table at that position, resolved when the batch runs. */
export class FakeTableProxy {
  constructor(
    private readonly ctx: FakeContext,
    private readonly ref: SheetRef,
    private readonly index: number,
  ) {
    ctx.act({ call: 'TableCollection.getItemAt', index }, () => void this.resolve());
  }
  private resolve(): { data: FakeSheetData; table: FakeTable } {
    const data = this.ref().data;
    const table = data.tables[this.index];
    // UNVERIFIED code for a position past the end; ItemNotFound is what the *OrNullObject docs name.
    if (!table) throw new FakeExcelError('ItemNotFound', `No table at position ${this.index}`);
    return { data, table };
  }
  /** The whole table, header included (d.ts Table.getRange). Its box is the table's now. */
  getRange(): FakeRange {
    const t = this.ref().data.tables[this.index];
    if (!t) throw new FakeExcelError('ItemNotFound', `No table at position ${this.index}`);
    return new FakeRange(this.ctx, this.ref, t.row, t.col, t.rows, t.cols);
  }
  get autoFilter(): FakeAutoFilter {
    return new FakeAutoFilter(this.ctx, () => this.resolve());
  }
}
