// Reading the roster sheet's cells in sized pieces, with room in the first piece's sync for the
// caller's own loads (the baseline's head: see OfficeRosterSheet.readSheet).
import { cellText } from './cells';
import { firstPieceRows, loadedBytes, readInPieces } from './excelIo';

export interface RosterGrid {
  /** Cell texts by 0-based sheet row, the header first. */
  grid: string[][];
  /** Excel's valueTypes of the same cells, to find what Excel turned into numbers or dates. */
  types: string[][];
  /** JSON bytes per row of what was read (values and value types), to size the next read. */
  bytesPerRow: number;
}

/**
 * Reads every used row of the sheet: one sync for the used range (the caller's loads queued
 * before it ride along), then pieces, the first of them sized by `bytesPerRow` when known.
 * `withFirstPiece` queues the caller's loads that need the first sync's answers; it runs again
 * if that piece is refused as too large and read again smaller, as a refused request carries
 * nothing out.
 */
export async function readRosterGrid(
  ctx: Excel.RequestContext,
  ws: Excel.Worksheet,
  bytesPerRow: number | undefined,
  withFirstPiece: () => void = () => undefined,
): Promise<RosterGrid> {
  const used = ws.getUsedRange(true).load(['rowIndex', 'rowCount', 'columnIndex', 'columnCount']);
  await ctx.sync();
  const nRows = used.rowIndex + used.rowCount;
  const nCols = used.columnIndex + used.columnCount;
  const grid: string[][] = [];
  const types: string[][] = [];
  let bytes = 0;
  await readInPieces(
    ctx,
    nRows,
    (first, count) => {
      if (first === 0) withFirstPiece();
      const r = ws.getRangeByIndexes(first, 0, count, nCols).load(['values', 'valueTypes']);
      return () => {
        r.values.forEach((line, i) => {
          grid[first + i] = line.map(cellText);
          types[first + i] = r.valueTypes[i]!.map(String);
        });
        const piece = loadedBytes(r.values, r.valueTypes);
        bytes += piece;
        return piece;
      };
    },
    { firstPiece: firstPieceRows(nRows, bytesPerRow) },
  );
  return { grid, types, bytesPerRow: bytes / Math.max(1, nRows) };
}
