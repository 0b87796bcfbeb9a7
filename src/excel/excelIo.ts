// Sized round trips to Excel: every request and response stays under Excel on the web's 5 MB.
import { utf8Length } from './sheetLayout';

/** Excel.run, or the fake's run in tests; `run(context, batch)` reuses a context (events). */
export interface ExcelRun {
  <T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T>;
  <T>(context: Excel.RequestContext, batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T>;
}

/** What the adapter asks of its host beside Excel.run: Office.context.requirements. */
export interface ExcelHost {
  isSetSupported(name: string, version?: string): boolean;
}

/**
 * Each sync carries at most this much: Excel on the web refuses a request or a response over
 * 5 MB (docs concepts/resource-limits-and-performance-optimization.md, "Excel add-ins"); a
 * request's size is its calls, objects and the values set (docs excel/performance.md, "Payload
 * size"), so it is measured on the JSON of what is sent and read.
 */
export const SYNC_BUDGET = 4 * 1024 * 1024;
/** What a read aims at: the next piece is sized from the bytes per row of the last one. */
const READ_TARGET = 3 * 1024 * 1024;
/** Rows in the first piece of a read when nothing is known of its rows' size. */
const FIRST_PIECE = 200;

/**
 * Rows in the first piece of a read of `total` rows: at `bytesPerRow` (measured on the same sheet
 * by an earlier read or write of this pane), all of them when they fit the budget, else what fits
 * the read target; without an estimate, a small piece to measure. An estimate that proves low
 * costs a refused piece, read again in halves (see readInPieces), never a wrong read.
 */
export function firstPieceRows(total: number, bytesPerRow: number | undefined): number {
  if (!bytesPerRow || bytesPerRow <= 0) return FIRST_PIECE;
  if (total * bytesPerRow <= SYNC_BUDGET) return total;
  return Math.max(1, Math.floor(READ_TARGET / bytesPerRow));
}

function tooLarge(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === 'ResponsePayloadSizeLimitExceeded' || code === 'RequestPayloadSizeLimitExceeded';
}

/** JSON bytes of what a load brought back. */
export function loadedBytes(...arrays: unknown[][][]): number {
  let n = 0;
  for (const a of arrays) n += utf8Length(JSON.stringify(a));
  return n;
}

/**
 * Reads `total` rows in pieces: the first of `firstPiece` rows (200 unless told), each next one
 * sized by the measured bytes per row of the last, and a piece Excel refuses as too large (ResponsePayloadSizeLimitExceeded) is
 * read again in halves. `load` queues the load of rows [first, first + count) and returns a
 * function that takes the result after the sync and says how many bytes it was.
 */
export async function readInPieces(
  ctx: Excel.RequestContext,
  total: number,
  load: (first: number, count: number) => () => number,
  options: { planned?: readonly (readonly [number, number])[]; firstPiece?: number } = {},
): Promise<void> {
  const { planned } = options;
  if (planned) {
    for (const [first, count] of planned) {
      const take = load(first, count);
      await ctx.sync();
      take();
    }
    return;
  }
  let step = Math.min(total, options.firstPiece ?? FIRST_PIECE);
  let first = 0;
  while (first < total) {
    const count = Math.min(step, total - first);
    const take = load(first, count);
    try {
      await ctx.sync();
    } catch (e) {
      if (!tooLarge(e) || count === 1) throw e;
      step = Math.max(1, Math.floor(count / 2));
      continue;
    }
    const bytes = take();
    first += count;
    step = Math.max(1, Math.floor((READ_TARGET * count) / Math.max(bytes, 1)));
  }
}
