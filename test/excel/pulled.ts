import { OfficeRosterSheet, type ExcelRun } from '../../src/excel/OfficeRosterSheet';
import type { FakeExcel } from './FakeExcel';
import { eqValues } from '../builders';
import type { PulledUser } from '../../src/excel/sheetLayout';
import type { RosterMeta } from '../../src/excel/RosterSheet';

/** `n` pulled eq users with realistic values. */
export function pulledUsers(n: number): PulledUser[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    version: `W/"${(i % 7) + 1}"`,
    values: eqValues({
      displayName: `利用者${i}`,
      userName: i % 5 === 0 ? `00${String(1234567890123 + i)}` : `user${String(i).padStart(6, '0')}`,
      email: `user${i}@example.ac.jp`,
      groups: `${101 + (i % 5)} ${201 + (i % 3)}`,
      remarks: i % 4 === 0 ? `2026年度 異動予定（${i}）` : '',
      role: String(i % 3),
      status: i % 11 === 0 ? 'provisional' : '1',
    }),
    flags: { directorySynced: i % 13 === 1, selfRegistered: i % 17 === 2 },
  }));
}

export const meta = (over: Partial<RosterMeta> = {}): RosterMeta => ({
  tenant: 'demo-eq',
  profileId: 'eq',
  locale: 'ja',
  sheetName: '名簿',
  pulledAt: '2026-11-22T09:00:00.000Z',
  ...over,
});

/**
 * The add-in's sheet on a fake host: Excel.run and the host's requirement sets
 * (Office.context.requirements.isSetSupported) both come from the fake.
 */
export function sheetOn(excel: FakeExcel): OfficeRosterSheet {
  return new OfficeRosterSheet(
    excel.run as unknown as ExcelRun,
    {
      isSetSupported: (name: string, version?: string) => excel.isSetSupported(name, version),
      // The option of the adapter before issue 14, so these tests also run against it.
      supportsNotes: excel.isSetSupported('ExcelApi', '1.18'),
    } as unknown as ConstructorParameters<typeof OfficeRosterSheet>[1],
  );
}
