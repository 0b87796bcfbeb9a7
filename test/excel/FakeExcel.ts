/**
 * A strict in-memory fake of the part of the Excel JavaScript API that src/excel uses. Unlike
 * office-addin-mock it fails where real Excel fails. Every behaviour names its source:
 * - Calls are queued and run only at `context.sync()`, in order; the first failing action stops
 *   the batch (docs `excel/excel-add-ins-core-concepts.md`, "sync"). Reading a property that was
 *   not loaded and synced throws PropertyNotLoaded (same page).
 * - Request and response are measured as the serialized JSON of the queued actions and of the
 *   loaded results; over 5 MB fails with RequestPayloadSizeLimitExceeded (nothing applied) or
 *   ResponsePayloadSizeLimitExceeded (docs `concepts/resource-limits-and-performance-optimization.md`,
 *   "Excel add-ins": "payload size limit for requests and responses is 5 MB" on the web).
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
 * - `getUsedRange` is the bounding box of the used cells, not always from A1 (d.ts on
 *   Worksheet.getUsedRange).
 * Methods it does not model are absent: calling one fails the test.
 */
import { CellLimitError, enter, generalText, valueType, type CellValue } from './enter';

export { generalText } from './enter';

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

const a1 = (r: number, c: number) => `${colLetters(c)}${r + 1}`;

interface Action {
  json: unknown;
  apply: () => unknown;
}

/** The context: queues actions and loads, sends them on sync. */
export class FakeContext {
  readonly workbook: FakeWorkbook;
  readonly runtime: { enableEvents: boolean };
  private queue: Action[] = [];
  private nextId = 1;

  constructor(readonly excel: FakeExcel) {
    this.workbook = new FakeWorkbook(this);
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const ctx = this;
    this.runtime = {
      get enableEvents() {
        return excel.eventsEnabled;
      },
      set enableEvents(v: boolean) {
        ctx.act({ set: 'Runtime.enableEvents', v }, () => (excel.eventsEnabled = v), '1.8');
      },
    };
  }

  /** Queues an action; `api` is the ExcelApi version the member needs. */
  act(json: unknown, apply: () => unknown, api = '1.1', member?: string): void {
    const id = this.nextId++;
    const excel = this.excel;
    this.queue.push({
      json: { Id: id, ...(json as object) },
      apply: () => {
        if (!apiAtLeast(excel.api, api))
          throw new FakeExcelError(
            'ApiNotFound',
            `${member ?? JSON.stringify(json).slice(0, 60)} needs ExcelApi ${api}; this host supports ${excel.api}`,
          );
        return apply();
      },
    });
  }

  async sync(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    if (queue.length === 0) return; // an empty batch makes no round trip
    const requestBytes = jsonBytes({ Actions: queue.map((a) => a.json) });
    const stat = { requestBytes, responseBytes: 0 };
    this.excel.syncs.push(stat);
    if (requestBytes > LIMIT)
      throw new FakeExcelError('RequestPayloadSizeLimitExceeded', `request of ${requestBytes} bytes`);
    const results: unknown[] = [];
    const commits: (() => void)[] = [];
    try {
      for (const a of queue) {
        const r = a.apply();
        // Loads answer with a result (a commit function that serializes as the loaded values).
        if (typeof r === 'function') {
          commits.push(r as () => void);
          results.push(r);
        }
      }
    } catch (e) {
      this.excel.afterSync();
      if (e instanceof CellLimitError) throw new FakeExcelError('InvalidArgument', e.message);
      throw e;
    }
    stat.responseBytes = jsonBytes({ Results: results });
    this.excel.afterSync();
    if (stat.responseBytes > LIMIT)
      throw new FakeExcelError('ResponsePayloadSizeLimitExceeded', `response of ${stat.responseBytes} bytes`);
    // Loaded values become readable only once the response arrived.
    for (const c of commits) c();
  }
}

/** Properties readable only after load + sync. */
class Loadable {
  protected loaded = new Map<string, unknown>();
  constructor(protected readonly ctx: FakeContext) {}
  protected readProps(): Record<string, () => unknown> {
    return {};
  }
  protected loadApi(): string {
    return '1.1';
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
    this.ctx.act(
      { load: this.constructor.name, names },
      () => {
        const snap: Record<string, unknown> = {};
        for (const n of names) snap[n] = getters[n]!();
        // The snapshot is the response; the commit makes it readable.
        const commit = () => {
          for (const n of names) this.loaded.set(n, snap[n]);
        };
        return Object.assign(commit, { toJSON: () => snap });
      },
      this.loadApi(),
    );
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

export interface FakeTable {
  name: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export class FakeSheetData {
  cells = new Map<string, Cell>();
  hiddenColumns = new Set<number>();
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
type SheetRef = () => { name: string; data: FakeSheetData };

export class FakeRange extends Loadable {
  constructor(
    ctx: FakeContext,
    readonly sheetRef: SheetRef,
    readonly row: number,
    readonly col: number,
    readonly rows: number,
    readonly cols: number,
    readonly unbounded = false,
    /** A used range learns its box only when the request runs. */
    private readonly box?: () => { row: number; col: number; rows: number; cols: number },
  ) {
    super(ctx);
  }

  private get target(): string {
    return `Range(${this.row},${this.col},${this.rows},${this.cols})`;
  }

  private each<T>(f: (r: number, c: number) => T): T[][] {
    const b = this.box?.() ?? this;
    return Array.from({ length: b.rows }, (_, i) =>
      Array.from({ length: b.cols }, (_, j) => f(b.row + i, b.col + j)),
    );
  }

  /** Queues a cell-level set, which unbounded ranges refuse (excel-add-ins-ranges-unbounded.md). */
  private setCells(name: string, v: unknown, apply: (d: FakeSheetData) => void, api = '1.1'): void {
    this.ctx.act(
      { set: `${this.target}.${name}`, v },
      () => {
        if (this.unbounded)
          throw new FakeExcelError('InvalidArgument', `Cannot set ${name} on an unbounded range`);
        apply(this.sheetRef().data);
      },
      api,
      `Range.${name}`,
    );
  }

  protected override readProps(): Record<string, () => unknown> {
    const d = () => this.sheetRef().data;
    const cellOnly = (f: () => unknown) => () => (this.unbounded ? null : f());
    return {
      values: cellOnly(() => this.each((r, c) => d().peek(r, c)?.value ?? '')),
      valueTypes: cellOnly(() =>
        this.each((r, c) => valueType(d().peek(r, c)?.value, d().peek(r, c)?.formula)),
      ),
      formulas: cellOnly(() => this.each((r, c) => d().peek(r, c)?.formula ?? d().peek(r, c)?.value ?? '')),
      text: cellOnly(() =>
        this.each((r, c) => {
          const cell = d().peek(r, c);
          if (!cell) return '';
          if (cell.display !== undefined) return cell.display;
          if (typeof cell.value === 'boolean') return cell.value ? 'TRUE' : 'FALSE';
          return typeof cell.value === 'number' && cell.format !== '@'
            ? generalText(cell.value)
            : String(cell.value);
        }),
      ),
      numberFormat: cellOnly(() => this.each((r, c) => d().peek(r, c)?.format ?? 'General')),
      address: () => {
        const b = this.box?.() ?? this;
        return `${this.sheetRef().name}!${a1(b.row, b.col)}${b.rows * b.cols > 1 ? `:${a1(b.row + b.rows - 1, b.col + b.cols - 1)}` : ''}`;
      },
      rowIndex: () => (this.box?.() ?? this).row,
      columnIndex: () => (this.box?.() ?? this).col,
      rowCount: () => (this.box?.() ?? this).rows,
      columnCount: () => (this.box?.() ?? this).cols,
    };
  }

  get values(): CellValue[][] {
    return this.get('values');
  }
  set values(v: unknown[][]) {
    this.setCells('values', v, (d) => {
      if (v.length !== this.rows || v.some((row) => row.length !== this.cols))
        throw new FakeExcelError(
          'InvalidArgument',
          `values of ${v.length}x${v[0]?.length ?? 0} for a ${this.rows}x${this.cols} range`,
        );
      v.forEach((line, i) => line.forEach((x, j) => d.write(this.row + i, this.col + j, x)));
    });
  }
  get valueTypes(): string[][] {
    return this.get('valueTypes');
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
  get columnIndex(): number {
    return this.get('columnIndex');
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
  /** A 1x1 array applies to every cell of the range (excel-add-ins-core-concepts.md). */
  set numberFormat(v: string[][]) {
    this.setCells('numberFormat', v, (d) => {
      const one = v.length === 1 && v[0]!.length === 1 ? v[0]![0]! : undefined;
      this.each((r, c) => (d.cell(r, c).format = one ?? v[r - this.row]![c - this.col]!));
    });
  }
  set columnHidden(h: boolean) {
    this.ctx.act(
      { set: `${this.target}.columnHidden`, h },
      () => {
        const d = this.sheetRef().data;
        for (let c = this.col; c < this.col + this.cols; c++) {
          if (h) d.hiddenColumns.add(c);
          else d.hiddenColumns.delete(c);
        }
      },
      '1.2',
    );
  }
  get format() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const range = this;
    const cells = (name: string, f: (cell: Cell) => void, v?: unknown) =>
      range.ctx.act({ set: `${range.target}.format.${name}`, v }, () =>
        range.each((r, c) => f(range.sheetRef().data.cell(r, c))),
      );
    return {
      fill: {
        set color(color: string) {
          cells('fill.color', (c) => (c.fill = color), color);
        },
        clear() {
          cells('fill.clear', (c) => delete c.fill);
        },
      },
      font: {
        set color(color: string) {
          cells('font.color', (c) => (c.fontColor = color), color);
        },
        set italic(v: boolean) {
          cells('font.italic', (c) => (c.italic = v), v);
        },
      },
      autofitColumns() {
        range.ctx.act({ call: `${range.target}.format.autofitColumns` }, () => undefined, '1.2');
      },
    };
  }
  get dataValidation() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const range = this;
    return {
      set rule(rule: unknown) {
        range.ctx.act(
          { set: `${range.target}.dataValidation.rule`, rule },
          () => range.each((r, c) => (range.sheetRef().data.cell(r, c).validation = rule)),
          '1.8',
        );
      },
    };
  }
  select(): void {
    this.ctx.act({ call: `${this.target}.select` }, () => {
      this.ctx.excel.selection = { sheet: this.sheetRef().name, row: this.row, col: this.col };
    });
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
  protected override loadApi() {
    return '1.9';
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
  private readonly boxes: ReturnType<typeof parseAddress>[];
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: FakeWorksheet,
    address: string,
  ) {
    // One object in the request, however many areas its address names.
    ctx.act({ call: 'Worksheet.getRanges', address }, () => undefined, '1.9', 'Worksheet.getRanges');
    this.boxes = address.split(',').map((a) => parseAddress(a.trim()));
  }
  private set(name: string, f: (cell: Cell) => void, v?: unknown): void {
    this.ctx.act({ set: `RangeAreas.format.${name}`, v }, () => {
      const d = this.sheet.ref().data;
      for (const b of this.boxes)
        for (let r = b.row; r < b.row + b.rows; r++)
          for (let c = b.col; c < b.col + b.cols; c++) f(d.cell(r, c));
    });
  }
  get format() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    return {
      fill: {
        set color(color: string) {
          self.set('fill.color', (c) => (c.fill = color), color);
        },
        clear() {
          self.set('fill.clear', (c) => delete c.fill);
        },
      },
      font: {
        set color(color: string) {
          self.set('font.color', (c) => (c.fontColor = color), color);
        },
        set italic(v: boolean) {
          self.set('font.italic', (c) => (c.italic = v), v);
        },
      },
    };
  }
}

/**
 * A note (ExcelApi 1.18) or a threaded comment (1.10), found by its cell. Both are one per cell
 * and move with their cell when rows are sorted.
 */
class FakeAnnotation extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly kind: 'note' | 'comment',
    private readonly find: () => { sheet: string; key: string } | undefined,
  ) {
    super(ctx);
  }
  private get api() {
    return this.kind === 'note' ? '1.18' : '1.10';
  }
  protected override loadApi() {
    return this.api;
  }
  private store(where: { sheet: string; key: string }) {
    return this.kind === 'note'
      ? this.ctx.excel.sheets.get(where.sheet)!.notes
      : this.ctx.excel.threads(where.sheet);
  }
  protected override readProps() {
    return {
      content: () => {
        const w = this.find();
        return w ? (this.store(w).get(w.key) ?? '') : '';
      },
      isNullObject: () => !this.find(),
    };
  }
  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
  get content(): string {
    return this.get('content');
  }
  set content(text: string) {
    this.ctx.act(
      { set: `${this.kind}.content`, text },
      () => {
        const w = this.find();
        if (!w) throw new FakeExcelError('ItemNotFound', `The ${this.kind} no longer exists`);
        this.store(w).set(w.key, text);
      },
      this.api,
    );
  }
  getLocation(): FakeRange {
    return new FakeRange(
      this.ctx,
      () => {
        const w = this.find();
        if (!w) throw new FakeExcelError('ItemNotFound', `The ${this.kind} no longer exists`);
        return { name: w.sheet, data: this.ctx.excel.sheets.get(w.sheet)! };
      },
      ...(() => {
        const w = this.find();
        const a = parseAddress(w?.key ?? 'A1');
        return [a.row, a.col, 1, 1] as const;
      })(),
    );
  }
  delete(): void {
    this.ctx.act(
      { call: `${this.kind}.delete` },
      () => {
        const w = this.find();
        if (w) this.store(w).delete(w.key);
      },
      this.api,
    );
  }
}

/** The items of a note or comment collection, each tracking its cell by identity. */
class FakeAnnotationCollection extends Loadable {
  private list: FakeAnnotation[] = [];
  constructor(
    ctx: FakeContext,
    private readonly kind: 'note' | 'comment',
    private readonly sheet: SheetRef,
  ) {
    super(ctx);
  }
  protected override loadApi() {
    return this.kind === 'note' ? '1.18' : '1.10';
  }
  private store() {
    const s = this.sheet();
    return this.kind === 'note' ? s.data.notes : this.ctx.excel.threads(s.name);
  }
  protected override readProps() {
    return {
      'items/content': () => [...this.store().entries()].map(([key, content]) => ({ key, content })),
    };
  }
  get items(): FakeAnnotation[] {
    const snap = this.get<{ key: string; content: string }[]>('items/content');
    if (this.list.length !== snap.length) {
      const name = this.sheet().name;
      this.list = snap.map(({ key, content }) => {
        const id = this.ctx.excel.identity(this.kind, name, key);
        const item = new FakeAnnotation(this.ctx, this.kind, () => this.ctx.excel.locate(id));
        (item as unknown as { loaded: Map<string, unknown> }).loaded.set('content', content);
        return item;
      });
    }
    return this.list;
  }
}

export class FakeWorksheet extends Loadable {
  constructor(
    ctx: FakeContext,
    readonly ref: SheetRef,
    private readonly label: string,
  ) {
    super(ctx);
  }
  protected override readProps() {
    return {
      name: () => this.ref().name,
      visibility: () => this.ref().data.visibility,
      isNullObject: () => false,
    };
  }
  get isNullObject(): boolean {
    return this.get('isNullObject');
  }
  get name(): string {
    return this.get('name');
  }
  /** Renaming a sheet (Worksheet.name, ExcelApi 1.1); names are unique, case-insensitively. */
  set name(next: string) {
    this.ctx.act({ set: `Worksheet(${this.label}).name`, next }, () =>
      this.ctx.excel.rename(this.ref().name, next),
    );
  }
  set visibility(v: string) {
    this.ctx.act({ set: `Worksheet(${this.label}).visibility`, v }, () => {
      const s = this.ref();
      if (v !== 'Visible' && s.data.visibility === 'Visible' && this.ctx.excel.visibleCount() === 1)
        throw new FakeExcelError(
          'InvalidOperation',
          'A workbook must contain at least one visible worksheet',
        );
      s.data.visibility = v;
    });
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    this.ctx.act({ call: 'Worksheet.getRangeByIndexes', row, col, rows, cols }, () => undefined, '1.7');
    if (rows < 1 || cols < 1) throw new FakeExcelError('InvalidArgument', 'empty range');
    return new FakeRange(this.ctx, this.ref, row, col, rows, cols);
  }
  getRange(address: string): FakeRange {
    const a = parseAddress(address);
    return new FakeRange(this.ctx, this.ref, a.row, a.col, a.rows, a.cols, a.unbounded);
  }
  getRanges(address: string): FakeRangeAreas {
    return new FakeRangeAreas(this.ctx, this, address);
  }
  /** The used range: the bounding box of used cells; A1 on an empty sheet (d.ts getUsedRange). */
  getUsedRange(valuesOnly = false): FakeRange {
    // The box is known at sync; the proxy reads it then.
    const box = () => this.ref().data.usedBox(valuesOnly) ?? { row: 0, col: 0, rows: 1, cols: 1 };
    return new FakeRange(this.ctx, this.ref, 0, 0, 1, 1, false, box);
  }
  get tables() {
    return {
      add: (range: FakeRange, hasHeaders: boolean) => {
        void hasHeaders;
        const table = { name: `Table${this.ctx.excel.tableSeq + 1}` } as FakeTable;
        this.ctx.act(
          { call: 'TableCollection.add', address: [range.row, range.col, range.rows, range.cols] },
          () => {
            const d = this.ref().data;
            Object.assign(table, {
              name: `Table${++this.ctx.excel.tableSeq}`,
              row: range.row,
              col: range.col,
              rows: range.rows,
              cols: range.cols,
            });
            d.tables.push(table);
          },
        );
        const ctx = this.ctx;
        return {
          set name(n: string) {
            ctx.act({ set: 'Table.name', n }, () => (table.name = n));
          },
        };
      },
    };
  }
  get freezePanes() {
    return {
      freezeRows: (n: number) =>
        this.ctx.act({ call: 'freezeRows', n }, () => (this.ref().data.frozenRows = n), '1.7'),
    };
  }
  get notes() {
    const ctx = this.ctx;
    const ref = this.ref;
    const collection = new FakeAnnotationCollection(ctx, 'note', ref);
    return Object.assign(collection, {
      add: (address: string, content: string) => {
        const key = parseAddress(address);
        ctx.act(
          { call: 'NoteCollection.add', address, content },
          () => {
            const notes = ref().data.notes;
            const k = a1(key.row, key.col);
            if (notes.has(k)) throw new FakeExcelError('InvalidArgument', `The cell ${k} already has a note`);
            notes.set(k, content);
          },
          '1.18',
          'NoteCollection.add',
        );
      },
      getItemOrNullObject: (address: string) => {
        const key = parseAddress(address);
        const k = a1(key.row, key.col);
        return new FakeAnnotation(ctx, 'note', () =>
          ref().data.notes.has(k) ? { sheet: ref().name, key: k } : undefined,
        ).load(['isNullObject', 'content']);
      },
    });
  }
  /** Threaded comments of this sheet (Worksheet.comments, ExcelApi 1.10). */
  get comments() {
    const ctx = this.ctx;
    const ref = this.ref;
    return Object.assign(new FakeAnnotationCollection(ctx, 'comment', ref), {
      add: (address: string, content: string) =>
        ctx.workbook.comments.add(`${ref().name}!${address}`, content),
    });
  }
  get onChanged() {
    return {
      add: (handler: (e: unknown) => Promise<void> | void) => {
        const ctx = this.ctx;
        const token = {};
        ctx.act(
          { call: 'onChanged.add' },
          () => ctx.excel.addHandler(this.ref().data, handler, token),
          '1.7',
        );
        return {
          context: ctx,
          /** Queued on the context that added it; only that context's sync sends it. */
          remove: () => ctx.act({ call: 'onChanged.remove' }, () => ctx.excel.removeHandler(token)),
        };
      },
    };
  }
  delete(): void {
    this.ctx.act({ call: `Worksheet(${this.label}).delete` }, () => {
      const s = this.ref();
      // d.ts on Worksheet.delete: a VeryHidden sheet fails with InvalidOperation.
      if (s.data.visibility === 'VeryHidden')
        throw new FakeExcelError(
          'InvalidOperation',
          `The sheet ${s.name} is VeryHidden and cannot be deleted`,
        );
      if (s.data.visibility === 'Visible' && this.ctx.excel.visibleCount() === 1)
        throw new FakeExcelError(
          'InvalidOperation',
          'A workbook must contain at least one visible worksheet',
        );
      this.ctx.excel.sheets.delete(s.name);
      if (this.ctx.excel.activeSheet === s.name)
        this.ctx.excel.activeSheet = [...this.ctx.excel.sheets].find(
          ([, d]) => d.visibility === 'Visible',
        )![0];
    });
  }
  activate(): void {
    this.ctx.act({ call: 'activate' }, () => (this.ctx.excel.activeSheet = this.ref().name));
  }
}

class FakeSetting extends Loadable {
  constructor(
    ctx: FakeContext,
    private readonly key: string,
  ) {
    super(ctx);
  }
  protected override loadApi() {
    return '1.4';
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
}

export class FakeWorkbook {
  constructor(private readonly ctx: FakeContext) {}
  get worksheets() {
    const { ctx } = this;
    const excel = ctx.excel;
    const byName = (name: string): SheetRef => {
      // Found by identity once resolved, so a rename in the same batch keeps the proxy valid.
      let data: FakeSheetData | undefined;
      return () => {
        data ??= excel.sheets.get(name);
        if (!data || ![...excel.sheets.values()].includes(data))
          throw new FakeExcelError('ItemNotFound', `No sheet ${name}`);
        return { name: excel.nameOf(data), data };
      };
    };
    return {
      add: (name: string) => {
        let data: FakeSheetData | undefined;
        ctx.act({ call: 'WorksheetCollection.add', name }, () => {
          if (excel.sheetNamed(name))
            throw new FakeExcelError('ItemAlreadyExists', `A sheet named ${name} exists`);
          data = new FakeSheetData();
          data.formulasInTextCells = excel.formulasInTextCells;
          excel.sheets.set(name, data);
        });
        return new FakeWorksheet(
          ctx,
          () => {
            if (!data || ![...excel.sheets.values()].includes(data))
              throw new FakeExcelError('ItemNotFound', `No sheet ${name}`);
            return { name: excel.nameOf(data), data };
          },
          name,
        );
      },
      getItem: (name: string) => {
        const ref = byName(name);
        ctx.act({ call: 'WorksheetCollection.getItem', name }, () => void ref());
        return new FakeWorksheet(ctx, ref, name);
      },
      getItemOrNullObject: (name: string) => {
        const ref = byName(name);
        const ws = new FakeWorksheet(ctx, ref, name);
        let found: boolean | undefined;
        ctx.act(
          { call: 'WorksheetCollection.getItemOrNullObject', name },
          () => {
            const f = excel.sheets.has(name);
            return Object.assign(() => (found = f), { toJSON: () => ({ isNullObject: !f }) });
          },
          '1.4',
        );
        Object.defineProperty(ws, 'isNullObject', {
          get: () => {
            if (found === undefined)
              throw new FakeExcelError(
                'PropertyNotLoaded',
                'isNullObject is known only after context.sync()',
              );
            return !found;
          },
        });
        return ws;
      },
      getActiveWorksheet: () => new FakeWorksheet(ctx, byName(excel.activeSheet), excel.activeSheet),
    };
  }
  /** Workbook.getSelectedRanges (ExcelApi 1.9): the selection, possibly several areas. */
  getSelectedRanges() {
    const { ctx } = this;
    const sel = ctx.excel.selection ?? { sheet: ctx.excel.activeSheet, row: 0, col: 0 };
    const areas = sel.areas ?? [{ row: sel.row, rows: 1 }];
    const excel = ctx.excel;
    return {
      worksheet: new FakeWorksheet(
        ctx,
        () => ({ name: sel.sheet, data: excel.sheets.get(sel.sheet)! }),
        sel.sheet,
      ),
      areas: new FakeSelectedAreas(ctx, areas),
    };
  }
  get settings() {
    const { ctx } = this;
    return {
      add: (key: string, value: unknown) =>
        ctx.act(
          { call: 'SettingCollection.add', key, value },
          () => void ctx.excel.settings.set(key, value),
          '1.4',
        ),
      getItemOrNullObject: (key: string) => new FakeSetting(ctx, key).load(['isNullObject', 'value']),
    };
  }
  /** Workbook.comments (ExcelApi 1.10); getItemOrNullObject is 1.14 (d.ts). */
  get comments() {
    const { ctx } = this;
    const excel = ctx.excel;
    return {
      add: (address: string, content: string) => {
        const sheet = address.includes('!')
          ? address.slice(0, address.lastIndexOf('!')).replace(/^'|'$/g, '')
          : excel.activeSheet;
        const a = parseAddress(address);
        const key = a1(a.row, a.col);
        let id = '';
        ctx.act(
          { call: 'CommentCollection.add', address, content },
          () => {
            const threads = excel.threads(sheet);
            // office-js #1416: a cell holds one thread; adding another fails.
            if (threads.has(key))
              throw new FakeExcelError('InvalidArgument', `The cell ${key} already has a comment`);
            threads.set(key, content);
            id = excel.identity('comment', sheet, key);
          },
          '1.10',
          'CommentCollection.add',
        );
        return new FakeAnnotation(ctx, 'comment', () => (id ? excel.locate(id) : undefined));
      },
      getItemOrNullObject: (id: string) => {
        ctx.act(
          { call: 'CommentCollection.getItemOrNullObject' },
          () => undefined,
          '1.14',
          'CommentCollection.getItemOrNullObject',
        );
        return new FakeAnnotation(ctx, 'comment', () => excel.locate(id));
      },
    };
  }
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
export class FakeExcel {
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
    first: FakeContext | { context: FakeContext } | ((ctx: FakeContext) => Promise<T>),
    second?: (ctx: FakeContext) => Promise<T>,
  ): Promise<T> => {
    const batch = typeof first === 'function' ? first : second!;
    const ctx =
      typeof first === 'function'
        ? new FakeContext(this)
        : first instanceof FakeContext
          ? first
          : first.context;
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
