// The look and the typing aids of a freshly written roster sheet.
import type { Profile } from '../domain';
import { areas } from './marks';
import { columnLetters, lockedColumns, type PulledUser, type SheetLayout } from './sheetLayout';

/** The locked look (grey italic). */
const LOCKED_FONT = '#7F7F7F';
/**
 * Rows below the table formatted as text before anyone types there, so IDs typed into new rows
 * keep their zeros. A bounded block: cell properties cannot be set on whole columns (docs
 * excel-add-ins-ranges-unbounded.md); rows typed further down are checked with valueTypes.
 */
export const SPARE_ROWS = 1000;

/** A1 addresses of the cells locked per user (synced, self-registered, server-set status). */
function lockedCells(profile: Profile, layout: SheetLayout, users: readonly PulledUser[]): string[] {
  const locked: string[] = [];
  users.forEach((u, r) => {
    for (const key of lockedColumns(profile, u)) {
      const col = layout.columns.findIndex((c) => c.key === key);
      if (col >= 0 && !layout.columns[col]!.readOnly) locked.push(`${columnLetters(col)}${r + 2}`);
    }
  });
  return locked;
}

/**
 * Table, frozen header, hidden id columns, drop-downs, locked look, and the spare rows below the
 * table in the text format (a table that grows into them keeps that format: Excel gives a new
 * table row its column's formatting). Queued only; the caller syncs.
 */
export function formatRoster(
  ws: Excel.Worksheet,
  profile: Profile,
  layout: SheetLayout,
  users: readonly PulledUser[],
  rows: number,
  readOnly: boolean,
): void {
  const nCols = layout.columns.length;
  const table = ws.tables.add(ws.getRangeByIndexes(0, 0, rows, nCols), true);
  table.name = `Roster_${Date.now().toString(36)}`;
  ws.freezePanes.freezeRows(1);
  if (!readOnly) ws.getRangeByIndexes(rows, 0, SPARE_ROWS, nCols).numberFormat = [['@']];
  layout.columns.forEach((c, i) => {
    const column = ws.getRangeByIndexes(0, i, rows, 1);
    if (c.hidden) column.columnHidden = true;
    if (c.options && !readOnly) {
      // Drop-downs help typing; paste bypasses them, so validateRows stays the real check.
      ws.getRangeByIndexes(1, i, rows - 1 + SPARE_ROWS, 1).dataValidation.rule = {
        list: { inCellDropDown: true, source: c.options.join(',') },
      };
    }
    if (c.readOnly || readOnly) {
      column.format.font.color = LOCKED_FONT;
      column.format.font.italic = true;
    }
  });
  for (const address of areas(readOnly ? [] : lockedCells(profile, layout, users))) {
    const cells = ws.getRanges(address);
    cells.format.font.color = LOCKED_FONT;
    cells.format.font.italic = true;
  }
  ws.getRangeByIndexes(0, 0, rows, nCols).format.autofitColumns();
}
