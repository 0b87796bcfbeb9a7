// What the roster sheet's cells say once read: Excel's own changes found and explained.
import type { Problem, RosterRow } from '../domain';
import type { Baseline } from './RosterSheet';
import { coercedMessage, isText } from './cells';
import { RESULT_KEY, type SheetLayout } from './sheetLayout';

/**
 * A cell of a text column that holds anything but text (`valueTypes` other than String/Empty):
 * Excel turned what was typed into a number, date, TRUE/FALSE or formula, and what it shows may
 * not be what was meant (`00123` shows `123`). One problem per such cell of the rows read, so it
 * is marked and not sent (EXCEL.md "Learned in review": detect with valueTypes, not text).
 */
export function excelProblems(
  layout: SheetLayout,
  header: readonly string[],
  rows: readonly RosterRow[],
  types: readonly (readonly string[] | undefined)[],
): Problem[] {
  const columns = layout.columns
    .filter((c) => !c.hidden && c.key !== RESULT_KEY)
    .map((c) => ({ c, at: header.indexOf(c.header) }))
    .filter(({ at }) => at >= 0);
  const problems: Problem[] = [];
  for (const row of rows) {
    const line = types[row.rowNumber - 1];
    if (!line) continue;
    for (const { c, at } of columns) {
      const type = line[at] ?? 'Empty';
      const shown = row.values[c.key] ?? '';
      // A code typed into a drop-down column (`1`) is the same as text: nothing was lost.
      if (isText(type) || (type === 'Double' && c.codes?.includes(shown))) continue;
      problems.push({
        rowNumber: row.rowNumber,
        column: c.key,
        code: 'invalidFormat',
        message: coercedMessage(layout.locale, c.header, type, shown),
        ...(row.id ? { id: row.id } : {}),
      });
    }
  }
  return problems;
}

/**
 * Excel keeps a line break as LF, so a pulled value with CR LF comes back with LF only: where a
 * pulled row's cell equals its baseline value but for that, the baseline value is the cell's.
 */
export function restoreLineBreaks(rows: readonly RosterRow[], baseline: Baseline): RosterRow[] {
  const byId = new Map(baseline.users.map((u) => [u.id, u]));
  return rows.map((r) => {
    const b = r.id ? byId.get(r.id) : undefined;
    if (!b) return r;
    const values: Record<string, string> = { ...r.values };
    for (const [k, v] of Object.entries(values)) {
      const was = b.values[k];
      if (was !== undefined && was !== v && was.replace(/\r\n/g, '\n') === v) values[k] = was;
    }
    return { ...r, values };
  });
}
