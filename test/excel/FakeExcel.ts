/**
 * A strict in-memory fake of the part of the Excel JavaScript API that src/excel uses. Unlike
 * office-addin-mock it fails where real Excel fails. Every behaviour names its source:
 * - Calls are queued and run only at `context.sync()`, in order; the first failing action stops
 *   the batch (docs `excel/excel-add-ins-core-concepts.md`, "sync"). Reading a property that was
 *   not loaded and synced throws PropertyNotLoaded (same page).
 * - Request and response are measured as the serialized JSON of the queued actions and of the
 *   loaded results; over 5 MB fails with RequestPayloadSizeLimitExceeded (nothing applied) or
 *   ResponsePayloadSizeLimitExceeded (docs `concepts/resource-limits-and-performance-optimization.md`,
 *   "Excel add-ins": "Excel on the web has a payload size limit for requests and responses of
 *   5MB"; `excel/performance.md`, "Payload size": a request's size is its API calls, its objects
 *   and the length of the values set).
 * - Requirement sets: the host supports ExcelApi up to `api` (1.9, 1.14, 1.18 hosts); an API
 *   above it fails at sync with ApiNotFound, as an older host does for a member it lacks (d.ts
 *   `[Api set: ExcelApi 1.x]` tags; docs `develop/specify-api-requirements-runtime.md`).
 * - Entering text coerces as Excel does (see ./enter.ts and its sources).
 * - `Worksheet.delete()` of a `VeryHidden` sheet fails with InvalidOperation (d.ts on
 *   Worksheet.delete); the last visible sheet cannot be deleted or hidden (Excel: "A workbook
 *   must contain at least one visible worksheet").
 * - An event handler is removed only through the request context that added it (d.ts
 *   OfficeExtension.EventHandlerResult: "The same RequestContext object that the handler was
 *   added in must be used when removing the handler"); `remove()` queued on another context's
 *   batch is never sent.
 * - Tables grow when the admin types in the row just below (Excel's AutoCorrect "Include new
 *   rows and columns in table"); the new row takes the column's number format and validation
 *   after the typed value was entered with the cell's own format (UNVERIFIED order, modelled
 *   the fail-safe way: pre-format the rows).
 * - A cell holds one note and one comment thread: adding a second fails (office-js #1416 for
 *   comments; docs `excel/excel-add-ins-notes.md`).
 * - Cell-level properties cannot be set on unbounded ranges such as `A:A` or `1:1` (docs
 *   `excel/excel-add-ins-ranges-unbounded.md`).
 * - A table's AutoFilter (ExcelApi 1.9) filters on values when applied or reapplied, not as
 *   cells change later; only a values filter on the table's own range is modelled (fakeTable.ts).
 * - `getUsedRange` is the bounding box of the used cells, not always from A1 (d.ts on
 *   Worksheet.getUsedRange).
 * Methods it does not model are absent: calling one fails the test.
 */
import {
  a1,
  apiAtLeast,
  colLetters,
  FakeExcelError,
  FakeSheetData,
  parseAddress,
  type Cell,
  type FakeHost,
  type SyncStat,
} from './fakeBasics';
import { FakeContext as BaseContext } from './fakeContext';
import { FakeWorkbook } from './fakeWorkbook';

export { generalText } from './enter';
export {
  apiAtLeast,
  colLetters,
  FakeExcelError,
  FakeSheetData,
  jsonBytes,
  parseAddress,
  type Cell,
  type FakeTable,
  type SyncStat,
} from './fakeBasics';
export { FakeRange, FakeRangeAreas } from './fakeRange';
export { FakeWorkbook, FakeWorksheet } from './fakeWorkbook';
export { FakeAutoFilter, FakeTableProxy } from './fakeTable';

/** The request context Excel.run hands out: a queue of actions and the workbook. */
export class FakeContext extends BaseContext {
  readonly workbook = new FakeWorkbook(this);
}

export interface FakeExcelOptions {
  /** The highest ExcelApi requirement set the host supports: '1.9', '1.14', '1.18'… */
  api?: string;
  /**
   * A host where `=…` written into a Text (@) cell still becomes a formula. EXCEL.md first listed
   * this as UNVERIFIED; the fake keeps it as a switch so the adapter's read-back check is tested
   * against the worse case.
   */
  formulasInTextCells?: boolean;
}

/** The fake host: sheets, settings, comments, selection, and the sync log. */
export class FakeExcel implements FakeHost {
  readonly api: string;
  sheets = new Map<string, FakeSheetData>([['Sheet1', new FakeSheetData()]]);
  settings = new Map<string, unknown>();
  /** Threaded comments by sheet name, then A1 address. */
  comments = new Map<string, Map<string, string>>();
  activeSheet = 'Sheet1';
  tableSeq = 0;
  eventsEnabled = true;
  selection?: { sheet: string; row: number; col: number; areas?: { row: number; rows: number }[] };
  syncs: SyncStat[] = [];
  private afterSyncHooks: (() => void)[] = [];
  /** Identities of notes and comments, so a proxy follows its cell through a sort. */
  private ids = new Map<string, { kind: string; sheet: string; key: string }>();
  private idSeq = 0;

  readonly formulasInTextCells: boolean;

  constructor(options: FakeExcelOptions = {}) {
    this.api = options.api ?? '1.18';
    this.formulasInTextCells = options.formulasInTextCells ?? false;
  }

  /** Office.context.requirements.isSetSupported on this host. */
  isSetSupported = (name: string, version = '1.1'): boolean =>
    name === 'ExcelApi' && apiAtLeast(this.api, version);

  /**
   * Excel.run: one context per batch, with a final sync; `Excel.run(context, batch)` reuses a
   * context (docs excel-add-ins-events.md, "Remove an event handler").
   */
  run = async <T>(
    first: BaseContext | { context: BaseContext } | ((ctx: FakeContext) => Promise<T>),
    second?: (ctx: FakeContext) => Promise<T>,
  ): Promise<T> => {
    const batch = typeof first === 'function' ? first : second!;
    // Every context this host hands out is a FakeContext; an event registration carries its own.
    const ctx = (
      typeof first === 'function'
        ? new FakeContext(this)
        : first instanceof BaseContext
          ? first
          : first.context
    ) as FakeContext;
    const result = await batch(ctx);
    await ctx.sync();
    return result;
  };

  threads(sheet: string): Map<string, string> {
    let t = this.comments.get(sheet);
    if (!t) this.comments.set(sheet, (t = new Map()));
    return t;
  }

  /** A stable id for the note or comment now at `key`. */
  identity(kind: string, sheet: string, key: string): string {
    for (const [id, w] of this.ids) if (w.kind === kind && w.sheet === sheet && w.key === key) return id;
    const id = `${kind}${++this.idSeq}`;
    this.ids.set(id, { kind, sheet, key });
    return id;
  }

  locate(id: string): { sheet: string; key: string } | undefined {
    const w = this.ids.get(id);
    if (!w) return undefined;
    const store = w.kind === 'note' ? this.sheets.get(w.sheet)?.notes : this.comments.get(w.sheet);
    return store?.has(w.key) ? { sheet: w.sheet, key: w.key } : undefined;
  }

  sheetNamed(name: string): string | undefined {
    return [...this.sheets.keys()].find((k) => k.toLowerCase() === name.toLowerCase());
  }

  nameOf(data: FakeSheetData): string {
    return [...this.sheets].find(([, d]) => d === data)![0];
  }

  visibleCount(): number {
    return [...this.sheets.values()].filter((d) => d.visibility === 'Visible').length;
  }

  rename(from: string, to: string): void {
    if (from === to) return;
    if (this.sheetNamed(to)) throw new FakeExcelError('ItemAlreadyExists', `A sheet named ${to} exists`);
    if (to.length > 31 || /[\\/?*[\]:]/.test(to))
      throw new FakeExcelError('InvalidArgument', `Bad sheet name ${to}`);
    this.sheets = new Map([...this.sheets].map(([k, v]) => [k === from ? to : k, v]));
    const t = this.comments.get(from);
    if (t) {
      this.comments.delete(from);
      this.comments.set(to, t);
    }
    for (const w of this.ids.values()) if (w.sheet === from) w.sheet = to;
    if (this.activeSheet === from) this.activeSheet = to;
  }

  afterSync(): void {
    for (const h of this.afterSyncHooks) h();
  }

  /** Calls back after every sync and every typed cell (the harness redraws its grid). */
  onChange(hook: () => void): void {
    this.afterSyncHooks.push(hook);
  }

  /** A copy of the workbook as "save and reopen" gives: same cells and settings, no handlers. */
  reopen(): FakeExcel {
    const copy = new FakeExcel({ api: this.api, formulasInTextCells: this.formulasInTextCells });
    copy.sheets = new Map(
      [...this.sheets].map(([k, v]) => [k, Object.assign(new FakeSheetData(), structuredClone({ ...v }))]),
    );
    copy.settings = new Map(structuredClone([...this.settings]));
    copy.comments = structuredClone(this.comments);
    copy.activeSheet = this.activeSheet;
    copy.tableSeq = this.tableSeq;
    return copy;
  }

  /** What a cell holds now (for assertions). */
  cell(sheet: string, address: string): Cell | undefined {
    const a = parseAddress(address);
    return this.sheets.get(sheet)?.peek(a.row, a.col);
  }

  /** The admin selects whole rows (1-based, inclusive), in one or more areas (Ctrl+click). */
  selectRows(sheet: string, ...ranges: [number, number][]): void {
    this.activeSheet = sheet;
    this.selection = {
      sheet,
      row: ranges[0]![0] - 1,
      col: 0,
      areas: ranges.map(([from, to]) => ({ row: from - 1, rows: to - from + 1 })),
    };
  }

  private async fire(sheet: string, address: string, changeType: string): Promise<void> {
    const data = this.sheets.get(sheet);
    if (!this.eventsEnabled || !data) return;
    for (const { handler } of this.handlersOf(data))
      await handler({ address, changeType, source: 'Local', triggerSource: 'Unknown', worksheetId: sheet });
  }

  /**
   * The admin types into a cell: Excel's conversions apply with the cell's format; typing just
   * below a table grows it, and the new row takes the table columns' format; onChanged fires.
   */
  async type(sheet: string, address: string, text: string): Promise<void> {
    const a = parseAddress(address);
    const data = this.sheets.get(sheet);
    if (!data) throw new Error(`no sheet ${sheet}`);
    data.write(a.row, a.col, text);
    for (const t of data.tables) {
      if (a.row === t.row + t.rows && a.col >= t.col && a.col < t.col + t.cols) {
        for (let c = t.col; c < t.col + t.cols; c++) {
          const above = data.peek(a.row - 1, c);
          const cell = data.cell(a.row, c);
          if (above && cell.format === 'General') cell.format = above.format;
          if (above?.validation && cell.validation === undefined) cell.validation = above.validation;
        }
        t.rows++;
      }
    }
    this.afterSync();
    await this.fire(sheet, address, 'RangeEdited');
  }

  /** The admin deletes a whole sheet row (1-based): the rows below move up, as in Excel. */
  async deleteRow(sheet: string, rowNumber: number): Promise<void> {
    const data = this.sheets.get(sheet);
    if (!data) throw new Error(`no sheet ${sheet}`);
    this.moveRows(sheet, (r) => (r === rowNumber - 1 ? undefined : r > rowNumber - 1 ? r - 1 : r));
    for (const t of data.tables) if (rowNumber - 1 >= t.row && rowNumber - 1 < t.row + t.rows) t.rows--;
    this.afterSync();
    await this.fire(sheet, `${rowNumber}:${rowNumber}`, 'RowDeleted');
  }

  /**
   * The admin sorts the first table of a sheet by a column (0-based), as Data > Sort does: whole
   * rows move, with their formats, fills, notes and comments.
   */
  async sortTable(sheet: string, column: number, descending = false): Promise<void> {
    const data = this.sheets.get(sheet)!;
    const t = data.tables[0]!;
    const first = t.row + 1;
    const body = Array.from({ length: t.rows - 1 }, (_, i) => first + i);
    const key = (r: number) => String(data.peek(r, column)?.value ?? '');
    const sorted = [...body].sort((x, y) => (descending ? -1 : 1) * key(x).localeCompare(key(y)));
    const to = new Map(sorted.map((from, i) => [from, first + i]));
    this.moveRows(sheet, (r) => to.get(r) ?? r);
    this.afterSync();
    await this.fire(sheet, `A${first + 1}:${colLetters(t.col + t.cols - 1)}${t.row + t.rows}`, 'RangeEdited');
  }

  private moveRows(sheet: string, move: (row: number) => number | undefined): void {
    const data = this.sheets.get(sheet)!;
    const cells = new Map<string, Cell>();
    for (const [k, cell] of data.cells) {
      const [r, c] = k.split(',').map(Number) as [number, number];
      const to = move(r);
      if (to !== undefined) cells.set(`${to},${c}`, cell);
    }
    data.cells = cells;
    const moveKey = (key: string) => {
      const a = parseAddress(key);
      const to = move(a.row);
      return to === undefined ? undefined : a1(to, a.col);
    };
    const remap = (store: Map<string, string>, kind: string) => {
      const next = new Map<string, string>();
      const moves = new Map<string, string | undefined>();
      for (const [k, v] of store) {
        const to = moveKey(k);
        moves.set(k, to);
        if (to) next.set(to, v);
      }
      for (const [id, w] of this.ids)
        if (w.kind === kind && w.sheet === sheet && moves.has(w.key)) {
          const to = moves.get(w.key);
          if (to) w.key = to;
          else this.ids.delete(id);
        }
      return next;
    };
    data.notes = remap(data.notes, 'note');
    const threads = this.comments.get(sheet);
    if (threads) this.comments.set(sheet, remap(threads, 'comment'));
  }

  /** onChanged handlers of each sheet, each with the token its registration removes it by. */
  private handlers = new Map<
    FakeSheetData,
    { handler: (e: unknown) => Promise<void> | void; token: object }[]
  >();
  handlersOf(data: FakeSheetData) {
    return this.handlers.get(data) ?? [];
  }
  /** How many handlers are registered on a sheet now (for tests). */
  handlerCount(sheet: string): number {
    const data = this.sheets.get(sheet);
    return data ? this.handlersOf(data).length : 0;
  }
  addHandler(data: FakeSheetData, handler: (e: unknown) => Promise<void> | void, token: object): void {
    this.handlers.set(data, [...this.handlersOf(data), { handler, token }]);
  }
  removeHandler(token: object): void {
    for (const [data, list] of this.handlers)
      this.handlers.set(
        data,
        list.filter((h) => h.token !== token),
      );
  }
}
