import { rowPrefix, type Locale, type Profile } from '../domain';
import type { RosterClient } from '../client/RosterClient';
import type { CellWrite, RosterSheet } from '../excel/RosterSheet';
import { VERSION_HEADER, displayValue } from '../excel/sheetLayout';
import { etagOf } from '../scim/userResource';

/** What "send the registration mail" did for the selected rows. */
export interface RegistrationMailSummary {
  /** Rows of users in the selection. */
  selected: number;
  sent: number;
  /** Users who cannot get it (registered, no email), with the reason naming the row. */
  refused: { rowNumber: number; message: string }[];
}

/**
 * Sends the registration mail now to the users of the selected rows (seed 004: 仮登録/利用待ち
 * ユーザーへのユーザー登録メール送信). Rows of other users are refused by the server one by
 * one; sent rows show 利用待ち and their new version, in the sheet and the baseline.
 */
export async function sendRegistrationMail(
  client: RosterClient,
  sheet: RosterSheet,
  profile: Profile,
  locale: Locale,
): Promise<RegistrationMailSummary> {
  const baseline = await sheet.loadBaseline();
  if (!baseline) throw new Error('Pull the roster first.');
  const ranges = await sheet.selectedRowRanges();
  const inSelection = (n: number) => ranges.some(([from, to]) => n >= from && n <= to);
  const rows = (await sheet.readRows(profile)).filter((r) => r.id && inSelection(r.rowNumber));
  if (rows.length === 0) return { sent: 0, refused: [], selected: 0 };
  const results = await client.sendInvitations(rows.map((r) => r.id!));
  const rowOf = new Map(rows.map((r) => [r.id!, r.rowNumber]));
  const statusColumn = profile.columns.find((c) => c.key === 'status');
  const cells: CellWrite[] = [];
  const sent = new Map<string, string>();
  const refused: { rowNumber: number; message: string }[] = [];
  for (const r of results) {
    const rowNumber = rowOf.get(r.id)!;
    if (!r.ok) {
      refused.push({ rowNumber, message: `${rowPrefix(rowNumber, locale)}${r.detail}` });
      continue;
    }
    const version = etagOf(r.version);
    sent.set(r.id, version);
    cells.push({ rowNumber, column: VERSION_HEADER, value: version });
    if (statusColumn) {
      cells.push({ rowNumber, column: 'status', value: displayValue(statusColumn, r.status, locale) });
    }
  }
  if (cells.length > 0) {
    await sheet.writeCells(cells);
    await sheet.saveBaseline({
      ...baseline,
      users: baseline.users.map((u) =>
        sent.has(u.id) ? { ...u, version: sent.get(u.id)!, values: { ...u.values, status: 'waiting' } } : u,
      ),
    });
  }
  return { sent: sent.size, refused, selected: rows.length };
}
