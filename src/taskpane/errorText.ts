import { ClientError } from '../client/ClientError';
import { SheetWriteError } from '../excel/RosterSheet';
import type { Strings } from './i18n';

/** Any failure of a pane action, as a sentence for the admin. */
export function errorText(e: unknown, t: Strings): string {
  if (e instanceof SheetWriteError) {
    const first = e.cells[0]!;
    return t.roster.mangled(first.rowNumber, first.column);
  }
  if (e instanceof ClientError && e.kind === 'network') return t.errors.network;
  return e instanceof Error ? e.message : String(e);
}
