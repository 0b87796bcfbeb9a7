// Marking a check's or a submission's outcome on the roster: red fills and notes on problem cells,
// the light fill of changed cells, the result texts a check writes, and the registry of fills
// (a workbook setting) that says which fills are ours to clear next time.
import type { Problem, Profile, RosterRow } from '../domain';
import type { CellRef, CheckMarks, MarkReport } from './RosterSheet';
import { checkWrites } from './checkWrites';
import type { ExcelHost } from './excelIo';
import { loadAnnotations, markCells, NOTE_PREFIX, type Annotations } from './marks';
import { columnLetters, type SheetLayout } from './sheetLayout';
import { columnRuns, writeRuns } from './sheetWrites';

/** Notes (or comments) written per marking; the pane lists every problem. */
export const MAX_NOTES = 300;
export const MARKS_SETTING = 'RosterSheet.marks';

/** What marking reads, loaded ahead to ride with another sync (see loadMarkReads). */
export interface MarkReads {
  setting: Excel.Setting | undefined;
  annotations: () => Annotations;
}

/** The registry of fills: which cells of which sheet carry our fills. */
export interface Marks {
  sheet: string;
  fills: string[];
  /** Cells with the light fill of a change not sent yet. */
  changed?: string[];
}

/** The registry as this pane holds it: undefined until read, null when the workbook has none. */
export interface MarkRegistry {
  marks?: Marks | null;
}

/** The A1 address of a 0-based column and a 1-based row. */
export function a1(col: number, rowNumber: number): string {
  return `${columnLetters(col)}${rowNumber}`;
}

/**
 * Queues the load of the registry of fills, unless this pane holds it already. The one load
 * queued on a possibly null object (it rides with the write-back's first writes): the docs'
 * own sample does the same, `settings.getItemOrNullObject(…).load("value")` read after one
 * sync without an error (docs excel/excel-add-ins-workbooks.md, "Custom XML data"); its value
 * is read only once isNullObject is known (oldFills).
 */
function loadMarksSetting(ctx: Excel.RequestContext, registry: MarkRegistry): Excel.Setting | undefined {
  return registry.marks === undefined
    ? ctx.workbook.settings.getItemOrNullObject(MARKS_SETTING).load('value')
    : undefined;
}

/**
 * Queues what marking reads (the registry of fills, the sheet's notes), for a caller that syncs
 * before marking anyway: queueMarks then makes no sync of its own to read them.
 */
export function loadMarkReads(
  ctx: Excel.RequestContext,
  host: ExcelHost,
  sheetName: string,
  registry: MarkRegistry,
): MarkReads {
  const ws = ctx.workbook.worksheets.getItem(sheetName);
  return {
    setting: loadMarksSetting(ctx, registry),
    annotations: loadAnnotations(ctx, host, ws, sheetName),
  };
}

/** What marking needs of the roster as this pane last read it. */
export interface MarkingTarget {
  host: ExcelHost;
  sheetName: string;
  /** Sheet column of each profile column key (-1 when missing). */
  positions: ReadonlyMap<string, number>;
  registry: MarkRegistry;
  /** The last read, for the result texts a check writes. */
  read?: { header: string[]; grid: string[][]; rows: RosterRow[]; profile: Profile; layout: SheetLayout };
}

/**
 * Queues the marks of `problems` (fills and notes: markCells syncs to read what is there), the
 * light fill of changed cells and a check's result texts (`marks`), and the registry of fills;
 * `done` records them once the caller's sync has applied them.
 */
export async function queueMarks(
  ctx: Excel.RequestContext,
  target: MarkingTarget,
  problems: readonly Problem[],
  marks: CheckMarks | undefined,
  reads?: MarkReads,
): Promise<{ report: MarkReport; done: () => void }> {
  const { host, sheetName, positions, registry, read } = target;
  const address = (c: CellRef) => {
    const col = positions.get(c.column);
    return col === undefined || col < 0 ? undefined : a1(col, c.rowNumber);
  };
  const changedNow = marks
    ? marks.changed.map(address).filter((a): a is string => a !== undefined)
    : undefined;
  // Only a check (which names the problem result) rewrites cells: after a submission the rows
  // read before it are stale.
  const writes =
    marks?.problemResult !== undefined && read
      ? checkWrites(
          read.profile,
          read.layout,
          read.header,
          read.grid,
          read.rows,
          new Set(problems.flatMap((p) => (p.rowNumber === null ? [] : [p.rowNumber]))),
          marks.problemResult,
        )
      : [];
  const byCell = new Map<string, string[]>();
  for (const p of problems) {
    const col = positions.get(p.column);
    if (p.rowNumber === null || col === undefined || col < 0) continue;
    const at = a1(col, p.rowNumber);
    byCell.set(at, [...(byCell.get(at) ?? []), p.message]);
  }
  const cells = new Map([...byCell].map(([a, m]) => [a, `${NOTE_PREFIX}\n${m.join('\n')}`]));
  const ws = ctx.workbook.worksheets.getItem(sheetName);
  // The registry of old fills is read in markCells' first sync, or was read with the caller's.
  const setting = reads ? reads.setting : loadMarksSetting(ctx, registry);
  const oldFills = () => {
    if (setting) registry.marks = setting.isNullObject ? null : (JSON.parse(String(setting.value)) as Marks);
    return registry.marks?.sheet === sheetName ? registry.marks.fills : [];
  };
  if (writes.length > 0) await writeRuns(ctx, ws, columnRuns(writes, positions));
  const oldChanged = () => (registry.marks?.sheet === sheetName ? (registry.marks.changed ?? []) : []);
  // Called after markCells' first sync, when the registry of old fills has been read.
  const light = () => (changedNow ? { old: oldChanged(), now: changedNow } : undefined);
  const noted = await markCells(
    ctx,
    host,
    ws,
    sheetName,
    oldFills,
    cells,
    MAX_NOTES,
    light,
    reads?.annotations,
  );
  const next: Marks = {
    sheet: sheetName,
    fills: [...cells.keys()],
    changed: changedNow ?? oldChanged(),
  };
  ctx.workbook.settings.add(MARKS_SETTING, JSON.stringify(next));
  return { report: { marked: cells.size, noted }, done: () => (registry.marks = next) };
}
