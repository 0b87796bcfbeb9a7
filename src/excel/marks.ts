// Marking bad cells: a fill on each, and a note (ExcelApi 1.18) or threaded comment (1.10) on the
// first ones. Only what the add-in wrote is ever changed or removed.
import type { ExcelHost } from './excelIo';

/** Every note or comment the add-in writes starts with this, so it never touches another's. */
export const NOTE_PREFIX = '【Roster Sheet】';
/** Excel's "Bad" cell style fill. */
export const BAD_FILL = '#FFC7CE';
/** Changed, unsent cells: a light blue, apart from the red of problems (issue 15). */
export const CHANGED_FILL = '#DDEBF7';
/** Cells per RangeAreas address string (kept well below Excel's address length limits). */
const AREA_CELLS = 400;

/** Groups addresses into comma-separated RangeAreas strings of at most AREA_CELLS cells. */
export function areas(addresses: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < addresses.length; i += AREA_CELLS)
    out.push(addresses.slice(i, i + AREA_CELLS).join(','));
  return out;
}

/** A note or a comment as marking sees it, built inside the branch that checked its requirement set. */
interface Annotation {
  content: string;
  where: Excel.Range;
  setContent(text: string): void;
  remove(): void;
}

const cellOf = (address: string) => address.slice(address.lastIndexOf('!') + 1).replace(/\$/g, '');

/** The notes (or comments) on a sheet, and how to add one, as marking sees them. */
export interface Annotations {
  existing: Annotation[];
  addNote?: (address: string, text: string) => void;
}

/**
 * Queues the load of the sheet's notes (ExcelApi 1.18) or threaded comments (1.10); the returned
 * function gives them after the next sync. A 1.9 host has neither: it gets the fills only, and the
 * pane lists every problem.
 */
export function loadAnnotations(
  ctx: Excel.RequestContext,
  host: ExcelHost,
  ws: Excel.Worksheet,
  sheetName: string,
): () => Annotations {
  if (host.isSetSupported('ExcelApi', '1.18')) {
    const notes = ws.notes.load('items/content');
    return () => ({
      existing: notes.items.map((n) => ({
        content: n.content,
        where: n.getLocation().load('address'),
        setContent: (text) => (n.content = text),
        remove: () => n.delete(),
      })),
      addNote: (address, text) => ws.notes.add(address, text),
    });
  }
  if (host.isSetSupported('ExcelApi', '1.10')) {
    const comments = ws.comments.load('items/content');
    const sheetRef = `'${sheetName.replace(/'/g, "''")}'`;
    return () => ({
      existing: comments.items.map((c) => ({
        content: c.content,
        where: c.getLocation().load('address'),
        setContent: (text) => (c.content = text),
        remove: () => c.delete(),
      })),
      addNote: (address, text) => ctx.workbook.comments.add(`${sheetRef}!${address}`, text),
    });
  }
  return () => ({ existing: [] });
}

/**
 * Fills `cells` (A1 address -> text), clears the fills `oldFills()` lists, and notes the first
 * `noteLimit` cells; `changed` gives the light fills of changed cells to clear and to set (under the
 * red). A note (or comment) is one per cell (office-js #1416; docs
 * excel-add-ins-notes.md): each cell's annotation is looked up first; ours (NOTE_PREFIX) is
 * updated or, when no longer needed, deleted, wherever a sort moved it; anyone else's is left as
 * it is and the cell keeps only the fill. Returns how many cells got a note or comment.
 * Three syncs: what is there (with what the caller queued), where it is, the changes; the first
 * is left out when the caller passes `loaded`, annotations it loaded (loadAnnotations) and synced.
 */
export async function markCells(
  ctx: Excel.RequestContext,
  host: ExcelHost,
  ws: Excel.Worksheet,
  sheetName: string,
  oldFills: () => readonly string[],
  cells: ReadonlyMap<string, string>,
  noteLimit: number,
  changed?: () => { old: readonly string[]; now: readonly string[] } | undefined,
  loaded?: () => Annotations,
): Promise<number> {
  let found = loaded;
  if (!found) {
    found = loadAnnotations(ctx, host, ws, sheetName);
    await ctx.sync();
  }
  const { existing, addNote } = found();
  if (existing.length > 0) await ctx.sync();
  const at = new Map(existing.map((a) => [cellOf(a.where.address), a]));

  // Old fills go first, then the changed cells' light fill, then red on top: a changed cell
  // with a problem shows the problem.
  const light = changed?.();
  for (const address of areas([...oldFills(), ...(light?.old ?? [])]))
    ws.getRanges(address).format.fill.clear();
  for (const address of areas(light?.now.filter((a) => !cells.has(a)) ?? []))
    ws.getRanges(address).format.fill.color = CHANGED_FILL;
  for (const address of areas([...cells.keys()])) ws.getRanges(address).format.fill.color = BAD_FILL;

  let noted = 0;
  const wanted = new Set<string>();
  if (addNote) {
    for (const [address, text] of [...cells].slice(0, noteLimit)) {
      const there = at.get(address);
      if (there && !there.content.startsWith(NOTE_PREFIX)) continue; // someone else's: keep it
      wanted.add(address);
      noted++;
      if (!there) addNote(address, text);
      else if (there.content !== text) there.setContent(text);
    }
  }
  for (const [address, a] of at) if (a.content.startsWith(NOTE_PREFIX) && !wanted.has(address)) a.remove();
  return noted;
}
