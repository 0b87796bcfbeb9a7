// Which cells hold work not sent yet (issue 15): a light fill on each, recomputed on every check.
import type { Changeset } from './diffRoster';
import type { Profile } from './profile';
import type { RosterRow } from './types';

/**
 * The cells of a changeset: every typed cell of a new row, every changed field of an existing
 * one, and a password typed into an existing row (only an explicit password update sends it, so
 * it is unsent work either way). `rows` filters to the sheet rows still unsent, when given.
 */
export function changedCells(
  profile: Profile,
  changeset: Pick<Changeset, 'additions' | 'updates'>,
  rows: readonly RosterRow[],
  unsent?: (rowNumber: number) => boolean,
): { rowNumber: number; column: string }[] {
  const keep = unsent ?? (() => true);
  const out: { rowNumber: number; column: string }[] = [];
  for (const a of changeset.additions) {
    if (!keep(a.rowNumber)) continue;
    for (const c of profile.columns)
      if ((a.values[c.key] ?? '') !== '') out.push({ rowNumber: a.rowNumber, column: c.key });
  }
  const updated = new Set<number>();
  for (const u of changeset.updates) {
    if (!keep(u.rowNumber)) continue;
    updated.add(u.rowNumber);
    for (const ch of u.changes) out.push({ rowNumber: u.rowNumber, column: ch.column });
  }
  const writeOnly = profile.columns.filter((c) => c.writeOnly).map((c) => c.key);
  for (const r of rows) {
    if (!r.id || !keep(r.rowNumber)) continue;
    for (const key of writeOnly)
      if ((r.values[key] ?? '') !== '' && !out.some((c) => c.rowNumber === r.rowNumber && c.column === key))
        out.push({ rowNumber: r.rowNumber, column: key });
  }
  return out;
}
