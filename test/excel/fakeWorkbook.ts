// Worksheets, settings and the workbook of the fake. See FakeExcel.ts.
import { a1, FakeExcelError, FakeSheetData, parseAddress, type FakeTable, type SheetRef } from './fakeBasics';
import { Loadable, type FakeContext } from './fakeContext';
import { FakeAnnotation, FakeAnnotationCollection } from './fakeAnnotations';
import { FakeRange, FakeRangeAreas, FakeSelectedAreas } from './fakeRange';
import { FakeTableProxy } from './fakeTable';

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
    return new FakeRangeAreas(this.ctx, this.ref, address);
  }
  /** The used range: the bounding box of used cells; A1 on an empty sheet (d.ts getUsedRange). */
  getUsedRange(valuesOnly = false): FakeRange {
    // The box is known at sync; the proxy reads it then.
    const box = () => this.ref().data.usedBox(valuesOnly) ?? { row: 0, col: 0, rows: 1, cols: 1 };
    return new FakeRange(this.ctx, this.ref, 0, 0, 1, 1, false, box);
  }
  get tables() {
    return {
      getItemAt: (index: number) => new FakeTableProxy(this.ctx, this.ref, index),
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
        new FakeWorkbook(ctx).comments.add(`${ref().name}!${address}`, content),
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
