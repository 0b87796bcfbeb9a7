/**
 * A strict in-memory fake of the part of the Excel JavaScript API that src/excel uses. Unlike
 * office-addin-mock it fails where real Excel fails:
 * - reading a property that was not loaded and synced throws PropertyNotLoaded
 *   (docs: excel/excel-add-ins-core-concepts.md, "load" and "sync");
 * - a string beginning with `=`, `+` or `-` written to a cell whose format is not `@` becomes a
 *   formula (d.ts on Range.values: "If the returned value starts with a plus ("+"), minus ("-"),
 *   or equal sign ("="), Excel interprets this value as a formula");
 * - numeric-looking text in a General cell becomes a number: `000123` -> 123, an 18-digit ID
 *   keeps 15 significant digits (Excel's precision limit, docs "Excel specifications and
 *   limits"), and its text shows in exponent notation from 12 digits (seed 004);
 * - a 1x1 numberFormat array applies to every cell of the range (excel-add-ins-core-concepts.md);
 * - a request or response over 5 MB fails like Excel on the web
 *   (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded, docs "Resource limits");
 * - *OrNullObject results answer isNullObject only after a sync.
 * It counts syncs and the payload of each, so tests and benchmarks can hold the adapter to its
 * budget. Methods it does not model are absent: calling one fails the test.
 */

const LIMIT = 5 * 1024 * 1024;

export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'OfficeExtension.Error';
  }
}

type CellValue = string | number | boolean;

interface Cell {
  value: CellValue;
  formula?: string;
  format: string;
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
const bytes = (v: unknown) => encoder.encode(JSON.stringify(v ?? null)).length;

/** How General formats a number: up to 11 digits as is, beyond that in exponent notation. */
export function generalText(n: number): string {
  if (Math.abs(n) >= 1e11) {
    const [m, e] = n.toExponential(5).split('e');
    return `${String(Number(m))}E${Number(e) >= 0 ? '+' : '-'}${String(Math.abs(Number(e))).padStart(2, '0')}`;
  }
  return String(n);
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

/** "B3" or "B3:D9", optionally "Sheet!…", as 0-based row, column and size. */
export function parseAddress(address: string): { row: number; col: number; rows: number; cols: number } {
  const a = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(a.trim());
  if (!m) throw new FakeExcelError('InvalidArgument', `Bad address '${address}'`);
  const c0 = colIndex(m[1]!);
  const r0 = Number(m[2]) - 1;
  const c1 = m[3] ? colIndex(m[3]) : c0;
  const r1 = m[4] ? Number(m[4]) - 1 : r0;
  return { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}

/** The context: queues request bytes and loads, and applies them on sync. */
export class FakeContext {
  readonly workbook: FakeWorkbook;
  readonly runtime = { enableEvents: true };
  private pendingLoads: (() => unknown)[] = [];
  private requestBytes = 0;

  constructor(readonly excel: FakeExcel) {
    this.workbook = new FakeWorkbook(this);
  }

  charge(n: number): void {
    this.requestBytes += n;
  }

  queueLoad(snapshot: () => unknown): void {
    this.pendingLoads.push(snapshot);
  }

  async sync(): Promise<void> {
    const loads = this.pendingLoads;
    this.pendingLoads = [];
    let responseBytes = 0;
    for (const l of loads) responseBytes += bytes(l());
    const stat = { requestBytes: this.requestBytes, responseBytes };
    this.requestBytes = 0;
    // An empty batch makes no round trip, so it is not counted.
    if (loads.length > 0 || stat.requestBytes > 0) this.excel.syncs.push(stat);
    if (stat.requestBytes > LIMIT)
      throw new FakeExcelError('RequestPayloadSizeLimitExceeded', `request of ${stat.requestBytes} bytes`);
    if (stat.responseBytes > LIMIT)
      throw new FakeExcelError('ResponsePayloadSizeLimitExceeded', `response of ${stat.responseBytes} bytes`);
    this.excel.afterSync();
  }
}

/** Properties readable only after load + sync. */
class Loadable {
  protected loaded = new Map<string, unknown>();
  constructor(protected readonly ctx: FakeContext) {}
  protected readProps(): Record<string, () => unknown> {
    return {};
  }
  load(props?: string | string[] | Record<string, unknown>): this {
    const names =
      typeof props === 'string'
        ? props.split(',').map((s) => s.trim())
        : Array.isArray(props)
          ? props
          : props
            ? Object.keys(props)
            : Object.keys(this.readProps());
    const getters = this.readProps();
    for (const n of names)
      if (!getters[n]) throw new FakeExcelError('InvalidArgument', `The fake does not model loading '${n}'`);
    this.ctx.queueLoad(() => {
      const snap: Record<string, unknown> = {};
      for (const n of names) {
        const v = getters[n]!();
        this.loaded.set(n, v);
        snap[n] = v;
      }
      return snap;
    });
    return this;
  }
  protected get<T>(name: string): T {
    if (!this.loaded.has(name)) {
      throw new FakeExcelError(
        'PropertyNotLoaded',
        `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.loaded.get(name) as T;
  }
}

export class FakeSheetData {
  cells = new Map<string, Cell>();
  hiddenColumns = new Set<number>();
  frozenRows = 0;
  notes = new Map<string, string>();
  tables: string[] = [];
  visibility = 'Visible';

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

  /** What Excel does with a value typed or written into a cell (see the file comment). */
  write(r: number, c: number, v: unknown): void {
    if (v === null) return; // null leaves a cell as it is (docs: excel-add-ins-blank-null-values.md)
    const cell = this.cell(r, c);
    delete cell.formula;
    if (typeof v !== 'string') {
      cell.value = v as CellValue;
      return;
    }
    if (cell.format === '@') {
      cell.value = v;
      return;
    }
    if (/^[=+-]./.test(v) && !/^[+-]?\d+(\.\d+)?$/.test(v)) {
      cell.formula = v.startsWith('=') ? v : `=${v}`;
      cell.value = '#NAME?';
      return;
    }
    const trimmed = v.trim();
    if (trimmed !== '' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed)) {
      // 15 significant digits, as Excel keeps.
      cell.value = Number(Number(trimmed).toPrecision(15));
      return;
    }
    cell.value = v;
  }

  maxRow(): number {
    let m = -1;
    for (const [k, c] of this.cells)
      if (c.value !== '' || c.formula) m = Math.max(m, Number(k.split(',')[0]));
    return m;
  }

  maxCol(): number {
    let m = -1;
    for (const [k, c] of this.cells)
      if (c.value !== '' || c.formula) m = Math.max(m, Number(k.split(',')[1]));
    return m;
  }
}

export class FakeRange extends Loadable {
  constructor(
    ctx: FakeContext,
    readonly sheet: FakeWorksheet,
    readonly row: number,
    readonly col: number,
    readonly rows: number,
    readonly cols: number,
  ) {
    super(ctx);
  }

  private each<T>(f: (r: number, c: number) => T): T[][] {
    return Array.from({ length: this.rows }, (_, i) =>
      Array.from({ length: this.cols }, (_, j) => f(this.row + i, this.col + j)),
    );
  }

  private data(): FakeSheetData {
    return this.sheet.data;
  }

  protected override readProps(): Record<string, () => unknown> {
    const d = this.data();
    return {
      values: () => this.each((r, c) => d.peek(r, c)?.value ?? ''),
      formulas: () => this.each((r, c) => d.peek(r, c)?.formula ?? d.peek(r, c)?.value ?? ''),
      text: () =>
        this.each((r, c) => {
          const cell = d.peek(r, c);
          if (!cell) return '';
          return typeof cell.value === 'number' && cell.format !== '@'
            ? generalText(cell.value)
            : String(cell.value);
        }),
      numberFormat: () => this.each((r, c) => d.peek(r, c)?.format ?? 'General'),
      address: () =>
        `${this.sheet.name}!${colLetters(this.col)}${this.row + 1}${this.rows * this.cols > 1 ? `:${colLetters(this.col + this.cols - 1)}${this.row + this.rows}` : ''}`,
      rowIndex: () => this.row,
      columnIndex: () => this.col,
      rowCount: () => this.rows,
      columnCount: () => this.cols,
    };
  }

  get values(): CellValue[][] {
    return this.get('values');
  }
  set values(v: unknown[][]) {
    this.ctx.charge(bytes(v));
    if (v.length !== this.rows || v.some((row) => row.length !== this.cols)) {
      throw new FakeExcelError(
        'InvalidArgument',
        `values of ${v.length}x${v[0]?.length ?? 0} for a ${this.rows}x${this.cols} range`,
      );
    }
    v.forEach((line, i) => line.forEach((x, j) => this.data().write(this.row + i, this.col + j, x)));
  }
  get formulas(): CellValue[][] {
    return this.get('formulas');
  }
  get text(): string[][] {
    return this.get('text');
  }
  get address(): string {
    return this.get('address');
  }
  get rowIndex(): number {
    return this.get('rowIndex');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }
  get numberFormat(): string[][] {
    return this.get('numberFormat');
  }
  set numberFormat(v: string[][]) {
    this.ctx.charge(bytes(v));
    const one = v.length === 1 && v[0]!.length === 1 ? v[0]![0]! : undefined;
    this.each((r, c) => (this.data().cell(r, c).format = one ?? v[r - this.row]![c - this.col]!));
  }
  set columnHidden(h: boolean) {
    this.ctx.charge(32);
    for (let c = this.col; c < this.col + this.cols; c++) {
      if (h) this.data().hiddenColumns.add(c);
      else this.data().hiddenColumns.delete(c);
    }
  }
  get format() {
    // Object-literal setters cannot be arrow functions, so they reach the range through a name.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const range = this;
    return {
      fill: {
        set color(color: string) {
          range.ctx.charge(32);
          range.each((r, c) => (range.data().cell(r, c).fill = color));
        },
        clear() {
          range.ctx.charge(16);
          range.each((r, c) => delete range.data().cell(r, c).fill);
        },
      },
      font: {
        set color(color: string) {
          range.ctx.charge(32);
          range.each((r, c) => (range.data().cell(r, c).fontColor = color));
        },
        set italic(v: boolean) {
          range.ctx.charge(16);
          range.each((r, c) => (range.data().cell(r, c).italic = v));
        },
      },
      autofitColumns() {
        range.ctx.charge(16);
      },
    };
  }
  get dataValidation() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const range = this;
    return {
      set rule(rule: unknown) {
        range.ctx.charge(bytes(rule));
        range.each((r, c) => (range.data().cell(r, c).validation = rule));
      },
      clear() {
        range.each((r, c) => delete range.data().cell(r, c).validation);
      },
    };
  }
  select(): void {
    this.ctx.charge(16);
    this.ctx.excel.selection = { sheet: this.sheet.name, row: this.row, col: this.col };
  }
}

/** The rows of the selected areas, as `areas.load('items/rowIndex,items/rowCount')` gives them. */
class FakeSelectedAreas extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly areas: readonly { row: number; rows: number }[],
  ) {
    super(ctx);
  }
  protected override readProps() {
    return {
      'items/rowIndex': () => this.areas.map((a) => a.row),
      'items/rowCount': () => this.areas.map((a) => a.rows),
    };
  }
  get items(): { rowIndex: number; rowCount: number }[] {
    const index = this.get<number[]>('items/rowIndex');
    const count = this.get<number[]>('items/rowCount');
    return index.map((rowIndex, i) => ({ rowIndex, rowCount: count[i]! }));
  }
}

/** Several cells at once (ExcelApi 1.9 RangeAreas), as `getRanges("B3, D7")` gives. */
export class FakeRangeAreas {
  readonly areas: FakeRange[];
  constructor(ctx: FakeContext, sheet: FakeWorksheet, address: string) {
    ctx.charge(address.length);
    this.areas = address.split(',').map((a) => sheet.getRange(a.trim()));
  }
  get format() {
    const areas = this.areas;
    return {
      fill: {
        set color(color: string) {
          for (const a of areas) a.format.fill.color = color;
        },
        clear() {
          for (const a of areas) a.format.fill.clear();
        },
      },
      font: {
        set color(color: string) {
          for (const a of areas) a.format.font.color = color;
        },
        set italic(v: boolean) {
          for (const a of areas) a.format.font.italic = v;
        },
      },
    };
  }
}

class FakeNote extends Loadable {
  constructor(
    ctx: FakeContext,
    readonly sheet: FakeWorksheet,
    readonly key: string,
    private readonly exists: boolean,
  ) {
    super(ctx);
  }
  protected override readProps() {
    return { content: () => this.sheet.data.notes.get(this.key) ?? '', isNullObject: () => !this.exists };
  }
  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
  get content(): string {
    return this.get('content');
  }
  delete(): void {
    this.ctx.charge(32);
    this.sheet.data.notes.delete(this.key);
  }
}

export class FakeWorksheet extends Loadable {
  constructor(
    ctx: FakeContext,
    readonly data: FakeSheetData,
    public name: string,
  ) {
    super(ctx);
  }
  protected override readProps() {
    return { name: () => this.name, visibility: () => this.data.visibility, isNullObject: () => false };
  }
  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
  set visibility(v: string) {
    this.ctx.charge(16);
    this.data.visibility = v;
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    if (rows < 1 || cols < 1) throw new FakeExcelError('InvalidArgument', 'empty range');
    return new FakeRange(this.ctx, this, row, col, rows, cols);
  }
  getRange(address: string): FakeRange {
    const a = parseAddress(address);
    return new FakeRange(this.ctx, this, a.row, a.col, a.rows, a.cols);
  }
  getRanges(address: string): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, this, address);
  }
  /** The used range; A1 on an empty sheet (docs: Worksheet.getUsedRange). */
  getUsedRange(valuesOnly?: boolean): FakeRange {
    void valuesOnly;
    return new FakeRange(
      this.ctx,
      this,
      0,
      0,
      Math.max(this.data.maxRow() + 1, 1),
      Math.max(this.data.maxCol() + 1, 1),
    );
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange & { isNullObject: boolean } {
    void valuesOnly;
    const rows = this.data.maxRow() + 1;
    const cols = this.data.maxCol() + 1;
    const range = new FakeRange(this.ctx, this, 0, 0, Math.max(rows, 1), Math.max(cols, 1)) as FakeRange & {
      isNullObject: boolean;
    };
    const empty = rows === 0;
    Object.defineProperty(range, 'isNullObject', { get: () => empty });
    return range;
  }
  get tables() {
    return {
      add: (range: FakeRange | string, hasHeaders: boolean) => {
        void hasHeaders;
        this.ctx.charge(64);
        const table = { name: '', range };
        this.data.tables.push('Table');
        return table;
      },
    };
  }
  get freezePanes() {
    return {
      freezeRows: (n: number) => {
        this.ctx.charge(16);
        this.data.frozenRows = n;
      },
    };
  }
  get notes() {
    return {
      add: (address: string, content: string) => {
        this.ctx.charge(bytes(content) + address.length);
        const key = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
        if (this.data.notes.has(key))
          throw new FakeExcelError('InvalidArgument', `The cell ${key} already has a note`);
        this.data.notes.set(key, content);
      },
      getItemOrNullObject: (address: string) => {
        const key = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
        return new FakeNote(this.ctx, this, key, this.data.notes.has(key)).load('isNullObject');
      },
    };
  }
  get onChanged() {
    return {
      add: (handler: (e: unknown) => Promise<void> | void) => {
        const remove = this.ctx.excel.addHandler(this.name, handler);
        return { remove };
      },
    };
  }
  delete(): void {
    this.ctx.charge(16);
    this.ctx.excel.sheets.delete(this.name);
  }
  activate(): void {
    this.ctx.charge(16);
    this.ctx.excel.activeSheet = this.name;
  }
}

class FakeSetting extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly key: string,
  ) {
    super(ctx);
  }
  protected override readProps() {
    return {
      value: () => this.ctx.excel.settings.get(this.key),
      isNullObject: () => !this.ctx.excel.settings.has(this.key),
    };
  }
  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
  get value(): unknown {
    return this.get('value');
  }
  delete(): void {
    this.ctx.excel.settings.delete(this.key);
  }
}

class FakeComment extends Loadable {
  constructor(
    ctx: FakeContext,
    readonly commentId: string,
  ) {
    super(ctx);
  }
  protected override readProps() {
    const c = () => this.ctx.excel.comments.get(this.commentId);
    return { id: () => this.commentId, content: () => c()?.content ?? '', isNullObject: () => !c() };
  }
  get id(): string {
    return this.get('id');
  }
  get content(): string {
    return this.get('content');
  }
  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
  delete(): void {
    this.ctx.charge(32);
    this.ctx.excel.comments.delete(this.commentId);
  }
}

export class FakeWorkbook {
  constructor(private readonly ctx: FakeContext) {}
  get worksheets() {
    const { ctx } = this;
    const excel = ctx.excel;
    const sheetFor = (name: string) => new FakeWorksheet(ctx, excel.sheets.get(name)!, name);
    return {
      add: (name: string) => {
        ctx.charge(64);
        if (excel.sheets.has(name))
          throw new FakeExcelError('ItemAlreadyExists', `A sheet named ${name} exists`);
        excel.sheets.set(name, new FakeSheetData());
        return sheetFor(name);
      },
      getItem: (name: string) => {
        if (!excel.sheets.has(name)) throw new FakeExcelError('ItemNotFound', `No sheet ${name}`);
        return sheetFor(name);
      },
      getItemOrNullObject: (name: string) => {
        // isNullObject is answered by the next sync, without an explicit load.
        const found = excel.sheets.has(name);
        const ws = found ? sheetFor(name) : new FakeWorksheet(ctx, new FakeSheetData(), name);
        let synced = false;
        ctx.queueLoad(() => (synced = true));
        Object.defineProperty(ws, 'isNullObject', {
          get: () => {
            if (!synced)
              throw new FakeExcelError(
                'PropertyNotLoaded',
                'isNullObject is known only after context.sync()',
              );
            return !found;
          },
        });
        return ws;
      },
      getActiveWorksheet: () => sheetFor(excel.activeSheet),
    };
  }
  /** Workbook.getSelectedRanges (ExcelApi 1.9): the selection, possibly several areas. */
  getSelectedRanges() {
    const { ctx } = this;
    const sel = ctx.excel.selection ?? { sheet: ctx.excel.activeSheet, row: 0, col: 0 };
    const areas = sel.areas ?? [{ row: sel.row, rows: 1 }];
    return {
      worksheet: new FakeWorksheet(ctx, ctx.excel.sheets.get(sel.sheet)!, sel.sheet),
      areas: new FakeSelectedAreas(ctx, areas),
    };
  }
  get settings() {
    const { ctx } = this;
    return {
      add: (key: string, value: unknown) => {
        ctx.charge(bytes(value));
        ctx.excel.settings.set(key, value);
      },
      getItemOrNullObject: (key: string) => new FakeSetting(ctx, key).load('isNullObject'),
    };
  }
  get comments() {
    const { ctx } = this;
    return {
      add: (address: string, content: string) => {
        ctx.charge(bytes(content) + address.length);
        const id = `c${++ctx.excel.commentSeq}`;
        ctx.excel.comments.set(id, { address, content });
        return new FakeComment(ctx, id);
      },
      getItemOrNullObject: (id: string) => new FakeComment(ctx, id).load('isNullObject'),
    };
  }
}

/** The fake host: sheets, settings, comments, selection, and the sync log. */
export class FakeExcel {
  sheets = new Map<string, FakeSheetData>([['Sheet1', new FakeSheetData()]]);
  settings = new Map<string, unknown>();
  comments = new Map<string, { address: string; content: string }>();
  commentSeq = 0;
  activeSheet = 'Sheet1';
  selection?: { sheet: string; row: number; col: number; areas?: { row: number; rows: number }[] };
  syncs: SyncStat[] = [];
  private afterSyncHooks: (() => void)[] = [];

  /** Excel.run: one context per batch, with a final sync (docs: Excel.run). */
  run = async <T>(batch: (ctx: FakeContext) => Promise<T>): Promise<T> => {
    const ctx = new FakeContext(this);
    const result = await batch(ctx);
    await ctx.sync();
    return result;
  };

  afterSync(): void {
    for (const h of this.afterSyncHooks) h();
  }

  /** Calls back after every sync and every typed cell (the harness redraws its grid). */
  onChange(hook: () => void): void {
    this.afterSyncHooks.push(hook);
  }

  /** A copy of the workbook as "save and reopen" gives: same cells and settings, no handlers. */
  reopen(): FakeExcel {
    const copy = new FakeExcel();
    copy.sheets = new Map(
      [...this.sheets].map(([k, v]) => [k, Object.assign(new FakeSheetData(), structuredClone({ ...v }))]),
    );
    copy.settings = new Map(structuredClone([...this.settings]));
    copy.comments = new Map(structuredClone([...this.comments]));
    copy.commentSeq = this.commentSeq;
    copy.activeSheet = this.activeSheet;
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

  /** The admin types into a cell: Excel's conversions apply, then onChanged fires. */
  async type(sheet: string, address: string, text: string): Promise<void> {
    const a = parseAddress(address);
    const data = this.sheets.get(sheet);
    if (!data) throw new Error(`no sheet ${sheet}`);
    data.write(a.row, a.col, text);
    this.afterSync();
    for (const h of this.handlersOf(sheet))
      await h({
        address,
        changeType: 'RangeEdited',
        source: 'Local',
        triggerSource: 'Unknown',
        worksheetId: sheet,
      });
  }

  /** The admin deletes a whole sheet row (1-based): the rows below move up, as in Excel. */
  async deleteRow(sheet: string, rowNumber: number): Promise<void> {
    const data = this.sheets.get(sheet);
    if (!data) throw new Error(`no sheet ${sheet}`);
    const moved = new Map<string, Cell>();
    for (const [k, cell] of data.cells) {
      const [r, c] = k.split(',').map(Number) as [number, number];
      if (r === rowNumber - 1) continue;
      moved.set(`${r > rowNumber - 1 ? r - 1 : r},${c}`, cell);
    }
    data.cells = moved;
    this.afterSync();
    for (const h of this.handlersOf(sheet))
      await h({
        address: `${rowNumber}:${rowNumber}`,
        changeType: 'RowDeleted',
        source: 'Local',
        triggerSource: 'Unknown',
        worksheetId: sheet,
      });
  }

  /** onChanged handlers live on the sheet data, so any proxy of the sheet sees them. */
  private handlers = new Map<string, ((e: unknown) => Promise<void> | void)[]>();
  handlersOf(sheet: string) {
    return this.handlers.get(sheet) ?? [];
  }
  addHandler(sheet: string, h: (e: unknown) => Promise<void> | void): () => void {
    this.handlers.set(sheet, [...this.handlersOf(sheet), h]);
    return () =>
      this.handlers.set(
        sheet,
        this.handlersOf(sheet).filter((x) => x !== h),
      );
  }
}
