// The baseline on a very hidden sheet: a meta row, then [id, version, JSON…] per user.
import type { Baseline, RosterMeta } from './RosterSheet';
import { toCell } from './cells';
import { readInPieces, SYNC_BUDGET } from './excelIo';
import { chunkBy, rowBytes, type PulledUser } from './sheetLayout';

export const BASELINE_SHEET = 'RosterSheet_baseline';
/** Where a new baseline is written before it replaces the old one. */
export const NEW_BASELINE_SHEET = 'RosterSheet_baseline_new';
/** JSON per cell, below the 32,767-character cell limit (with room for an apostrophe prefix). */
const CELL_CHARS = 32_000;

interface BaselineHead {
  format: 1;
  count: number;
  meta: RosterMeta;
  /** [first row, row count] of each read, measured when it was written, so each fits a response. */
  pieces?: [number, number][];
  /**
   * New at every write, so a pane that holds the head it last wrote or read can tell from A1
   * alone whether the rows below are still those (see OfficeRosterSheet.readSheet).
   */
  stamp?: string;
}

/** The baseline as a grid of strings, and the planned read pieces; its head (A1) is new each time. */
export function baselineGrid(b: Baseline, stamp: string = crypto.randomUUID()): string[][] {
  const rows: string[][] = [];
  for (const u of b.users) {
    const json = JSON.stringify({ values: u.values, flags: u.flags });
    const parts: string[] = [];
    for (let i = 0; i < json.length;) {
      let end = Math.min(json.length, i + CELL_CHARS);
      // Not between the halves of a surrogate pair: a lone half cannot be written as UTF-8.
      const last = json.charCodeAt(end - 1);
      if (end < json.length && last >= 0xd800 && last <= 0xdbff) end--;
      parts.push(json.slice(i, end));
      i = end;
    }
    rows.push([u.id, u.version, ...parts]);
  }
  const width = Math.max(1, ...rows.map((r) => r.length));
  const padded = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
  const pieces: [number, number][] = [];
  let first = 1;
  for (const chunk of chunkBy(padded, rowBytes, SYNC_BUDGET * 0.75)) {
    pieces.push([first, chunk.length]);
    first += chunk.length;
  }
  const head: BaselineHead = { format: 1, count: b.users.length, meta: b.meta, pieces, stamp };
  return [[JSON.stringify(head), ...Array<string>(width - 1).fill('')], ...padded];
}

/** Writes the grid to a new hidden sheet `name`, a sync per budget's worth of rows. */
export async function writeBaselineSheet(
  ctx: Excel.RequestContext,
  grid: readonly string[][],
  name: string,
): Promise<Excel.Worksheet> {
  const ws = ctx.workbook.worksheets.add(name);
  ws.visibility = 'Hidden';
  const width = grid[0]!.length;
  ws.getRangeByIndexes(0, 0, grid.length, width).numberFormat = [['@']];
  let start = 0;
  for (const chunk of chunkBy(grid, rowBytes, SYNC_BUDGET - 512 * 1024)) {
    ws.getRangeByIndexes(start, 0, chunk.length, width).values = chunk.map((r) => r.map(toCell));
    start += chunk.length;
    await ctx.sync();
  }
  return ws;
}

/** Replaces the old baseline sheet by the new one; a VeryHidden sheet cannot be deleted, so it is hidden first. */
export function swapBaseline(
  ctx: Excel.RequestContext,
  old: Excel.Worksheet | undefined,
  next: Excel.Worksheet,
): void {
  void ctx;
  if (old) {
    // Worksheet.delete (d.ts): "if the worksheet's visibility is set to VeryHidden, the delete
    // operation will fail with an InvalidOperation exception".
    old.visibility = 'Hidden';
    old.delete();
  }
  next.name = BASELINE_SHEET;
  // Very hidden: not in the Unhide list; still readable by anyone with the file, so no secrets.
  next.visibility = 'VeryHidden';
}

/** The head cell's text and the width of a baseline sheet, once the sync they are queued for has run. */
export interface BaselineHeadCell {
  text: string;
  width: number;
}

/**
 * Whether a head cell names its write alone (a stamp): heads written before stamps existed may
 * repeat from one write to the next, so they say nothing about the rows below. `headText` is one
 * this pane wrote or read whole, so it is JSON.
 */
export function isStamped(headText: string): boolean {
  return typeof (JSON.parse(headText) as Partial<BaselineHead>).stamp === 'string';
}

/** Queues the load of a baseline sheet's head cell (A1) and width; the result is readable after the next sync. */
export function loadBaselineHead(ws: Excel.Worksheet): () => BaselineHeadCell {
  const used = ws.getUsedRange(true).load(['columnCount', 'columnIndex']);
  const head = ws.getRange('A1').load('values');
  return () => ({ text: String(head.values[0]![0]), width: used.columnIndex + used.columnCount });
}

/** Reads the users below a baseline sheet's head, in the pieces planned when it was written. */
export async function readBaselineUsers(
  ctx: Excel.RequestContext,
  ws: Excel.Worksheet,
  head: BaselineHeadCell,
): Promise<Baseline> {
  const info = JSON.parse(head.text) as BaselineHead;
  const users: PulledUser[] = [];
  await readInPieces(
    ctx,
    info.count,
    (first, count) => {
      // Without a plan (a baseline written before pieces existed), first is 0-based from row 2.
      const r = ws.getRangeByIndexes(info.pieces ? first : first + 1, 0, count, head.width).load('values');
      return () => {
        let bytes = 0;
        for (const line of r.values) {
          const json = line.slice(2).map(String).join('');
          bytes += json.length * 3;
          const parsed = JSON.parse(json) as Pick<PulledUser, 'values' | 'flags'>;
          users.push({ id: String(line[0]), version: String(line[1]), ...parsed });
        }
        return bytes;
      };
    },
    { planned: info.pieces },
  );
  return { meta: info.meta, users };
}

/** Reads the baseline sheet, in the pieces planned when it was written; with the head cell it had. */
export async function readBaselineSheet(
  ctx: Excel.RequestContext,
  ws: Excel.Worksheet,
): Promise<{ baseline: Baseline; head: string }> {
  const headOf = loadBaselineHead(ws);
  await ctx.sync();
  const head = headOf();
  return { baseline: await readBaselineUsers(ctx, ws, head), head: head.text };
}
