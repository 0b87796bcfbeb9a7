import { RosterClient } from '../src/client/RosterClient';
import { OfficeRosterSheet, type ExcelRun } from '../src/excel/OfficeRosterSheet';
import { RosterController } from '../src/taskpane/RosterController';
import type { FakeExcel } from './excel/FakeExcel';
import type { TestTenant } from './server/harness';

/** A Japanese pane on the fake workbook, signed in to a tenant of the real server at `base`. */
export function paneOnServer(
  excel: FakeExcel,
  base: string,
  t: TestTenant,
  fetchFn?: typeof fetch,
): RosterController {
  const client = new RosterClient({
    connection: { serverUrl: base, tenant: t.tenant.slug },
    token: t.token,
    locale: 'ja',
    ...(fetchFn ? { fetchFn } : {}),
  });
  return new RosterController(
    client,
    new OfficeRosterSheet(excel.run as unknown as ExcelRun, excel),
    'ja',
    t.adminUserName,
  );
}

/** The sheet row (1-based) of the roster sheet holding this user ID (column B). */
export function rowOfUser(excel: FakeExcel, userName: string): number {
  for (const [k, cell] of excel.sheets.get('名簿')!.cells)
    if (cell.value === userName && k.endsWith(',1')) return Number(k.split(',')[0]) + 1;
  throw new Error(`no row for ${userName}`);
}
