import { PENDING_STATUSES, rowPrefix, type Locale, type Profile, type RosterRow } from '../domain';
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

/** Which rows get the mail: those the admin selected, or every user not yet registered. */
export type MailTarget = 'selection' | 'allPending';

/**
 * The rows of users who have not completed registration (仮登録 / 利用待ち), as pulled: a
 * status the server sets, so the baseline says it, not what a cell was typed into since.
 */
async function pendingRows(sheet: RosterSheet, profile: Profile): Promise<RosterRow[]> {
  const baseline = await sheet.loadBaseline();
  if (!baseline) throw new Error('Pull the roster first.');
  const pending = new Set(
    baseline.users.filter((u) => PENDING_STATUSES.includes(u.values.status ?? '')).map((u) => u.id),
  );
  return (await sheet.readRows(profile)).filter((r) => r.id && pending.has(r.id));
}

/** How many users of the roster sheet have not completed registration (for the confirmation). */
export async function countPending(sheet: RosterSheet, profile: Profile): Promise<number> {
  return (await pendingRows(sheet, profile)).length;
}

async function targetRows(sheet: RosterSheet, profile: Profile, target: MailTarget): Promise<RosterRow[]> {
  if (target === 'allPending') return pendingRows(sheet, profile);
  const ranges = await sheet.selectedRowRanges();
  const inSelection = (n: number) => ranges.some(([from, to]) => n >= from && n <= to);
  return (await sheet.readRows(profile)).filter((r) => r.id && inSelection(r.rowNumber));
}

/**
 * Sends the registration mail now (seed 004: 仮登録/利用待ちユーザーへのユーザー登録メール
 * 送信) to the users of the selected rows, or to every user of the sheet who has not registered.
 * Rows of other users are refused by the server one by one; sent rows show 利用待ち and their
 * new version, in the sheet and the baseline.
 */
export async function sendRegistrationMail(
  client: RosterClient,
  sheet: RosterSheet,
  profile: Profile,
  locale: Locale,
  target: MailTarget = 'selection',
): Promise<RegistrationMailSummary> {
  const baseline = await sheet.loadBaseline();
  if (!baseline) throw new Error('Pull the roster first.');
  const rows = await targetRows(sheet, profile, target);
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
