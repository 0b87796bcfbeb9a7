import { StringIndex } from './stringIndex';

/**
 * The values of one unique column across the rows of a validation, and the groups of rows that
 * share one. A value costs one insertion into a StringIndex and one number: on a 100,000-row sheet, where nearly
 * every value is unique, nothing more is kept per value. The rows of the rare repeated values are
 * gathered afterwards, and only when there are any.
 */
export class UniqueValues {
  private readonly values: StringIndex;
  private readonly repeated = new Set<string>();
  /** The indexes of the rows counted, in the order counted; room for one per row. */
  private readonly indexes: Int32Array;
  private count = 0;

  constructor(
    private readonly caseInsensitive: boolean,
    rowCount: number,
  ) {
    this.values = new StringIndex(rowCount);
    this.indexes = new Int32Array(rowCount);
  }

  private normalize(value: string): string {
    return this.caseInsensitive ? value.toLowerCase() : value;
  }

  /** Counts the non-blank value of the row at `index`; each row is counted at most once. */
  add(value: string, index: number): void {
    const norm = this.normalize(value);
    const distinct = this.values.size;
    if (this.values.add(norm) < distinct) this.repeated.add(norm);
    this.indexes[this.count++] = index;
  }

  /**
   * The row indexes of each value counted more than once, in the order counted; `valueAt` gives
   * the value a row was counted with.
   */
  groups(valueAt: (index: number) => string): number[][] {
    if (this.repeated.size === 0) return [];
    const byValue = new Map<string, number[]>();
    for (const index of this.indexes.subarray(0, this.count)) {
      const norm = this.normalize(valueAt(index));
      if (!this.repeated.has(norm)) continue;
      const group = byValue.get(norm);
      if (group) group.push(index);
      else byValue.set(norm, [index]);
    }
    return [...byValue.values()];
  }
}
