// Ranges and range areas of the fake. See FakeExcel.ts.
import { generalText, valueType, type CellValue } from './enter';
import { a1, FakeExcelError, parseAddress, type Cell, type FakeSheetData, type SheetRef } from './fakeBasics';
import { Loadable, type FakeContext } from './fakeContext';

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
export class FakeSelectedAreas extends Loadable {
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
    private readonly sheet: SheetRef,
    address: string,
  ) {
    // One object in the request, however many areas its address names.
    ctx.act({ call: 'Worksheet.getRanges', address }, () => undefined, '1.9', 'Worksheet.getRanges');
    this.boxes = address.split(',').map((a) => parseAddress(a.trim()));
  }
  private set(name: string, f: (cell: Cell) => void, v?: unknown): void {
    this.ctx.act({ set: `RangeAreas.format.${name}`, v }, () => {
      const d = this.sheet().data;
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
