// What a check writes beside its fills (issue 15): the result of rows with problems, and choice
// cells in the seed's notation. Pure: from the grid as read and the rows made of it.
import type { Profile, RosterRow } from '../domain';
import type { CellWrite } from './RosterSheet';
import { RESULT_KEY, displayValue, type SheetLayout } from './sheetLayout';

/**
 * Cells to write after a check: `problemResult` in the result cell of each row with problems (a
 * value the AutoFilter can show), cleared where a row no longer has any; and each choice cell that
 * holds only a code or a label (`2`, `管理者`, `2（管理者）`) as `2:管理者`, which stores the same
 * value, so it is never a change. Other result texts (送信済み, 失敗…) are left as they are.
 */
export function checkWrites(
  profile: Profile,
  layout: SheetLayout,
  header: readonly string[],
  grid: readonly (readonly string[] | undefined)[],
  rows: readonly RosterRow[],
  problemRows: ReadonlySet<number>,
  problemResult: string | undefined,
): CellWrite[] {
  const writes: CellWrite[] = [];
  const resultAt = header.indexOf(layout.columns.find((c) => c.key === RESULT_KEY)!.header);
  const choices = layout.columns
    .filter((c) => c.options && !c.hidden)
    .map((c) => ({
      key: c.key,
      at: header.indexOf(c.header),
      col: profile.columns.find((p) => p.key === c.key),
    }))
    .filter(({ at, col }) => at >= 0 && col);
  for (const row of rows) {
    const line = grid[row.rowNumber - 1] ?? [];
    if (problemResult !== undefined && resultAt >= 0) {
      const result = line[resultAt] ?? '';
      if (problemRows.has(row.rowNumber) && result !== problemResult)
        writes.push({ rowNumber: row.rowNumber, column: RESULT_KEY, value: problemResult });
      else if (!problemRows.has(row.rowNumber) && result === problemResult)
        writes.push({ rowNumber: row.rowNumber, column: RESULT_KEY, value: '' });
    }
    for (const { key, at, col } of choices) {
      const raw = line[at] ?? '';
      const value = row.values[key] ?? '';
      if (raw === '' || !col!.options!.some((o) => o.value === value && !o.serverOnly)) continue;
      const shown = displayValue(col, value, layout.locale);
      if (shown !== raw) writes.push({ rowNumber: row.rowNumber, column: key, value: shown });
    }
  }
  return writes;
}
