// Notes and threaded comments of the fake. See FakeExcel.ts.
import { FakeExcelError, parseAddress, type SheetRef } from './fakeBasics';
import { Loadable, type FakeContext } from './fakeContext';
import { FakeRange } from './fakeRange';

/**
 * A note (ExcelApi 1.18) or a threaded comment (1.10), found by its cell. Both are one per cell
 * and move with their cell when rows are sorted.
 */
export class FakeAnnotation extends Loadable {
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
export class FakeAnnotationCollection extends Loadable {
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
