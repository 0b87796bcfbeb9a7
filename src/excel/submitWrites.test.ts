import { FakeExcel } from '../../test/excel/FakeExcel';
import { meta, pulledUsers } from '../../test/excel/pulled';
import { profiles, type Problem } from '../domain';
import { OfficeRosterSheet, SYNC_BUDGET, type ExcelRun } from './OfficeRosterSheet';
import type { CellWrite, SubmissionWrites } from './RosterSheet';
import { RESULT_KEY } from './sheetLayout';

const N = 6_000;

function setup() {
  const excel = new FakeExcel();
  return { excel, sheet: new OfficeRosterSheet(excel.run as unknown as ExcelRun, excel) };
}

/** What a submission of every row writes back: a result and a remark per row, the receipt. */
function writesFor(users: ReturnType<typeof pulledUsers>, round: number, problems: Problem[] = []) {
  const cells: CellWrite[] = users.flatMap((u, i) => [
    { rowNumber: i + 2, column: RESULT_KEY, value: `送信済み ${round}` },
    { rowNumber: i + 2, column: 'remarks', value: `${u.values.remarks} 更新${round}` },
  ]);
  const w: SubmissionWrites = {
    cells,
    baseline: { meta: meta(), users: users.map((u) => ({ ...u, version: `W/"${round + 1}"` })) },
    log: {
      sheetName: '送信記録',
      header: ['日時', '行', '結果'],
      rows: users.map((u, i) => [`2026-11-30 ${round}`, String(i + 2), `${u.values.userName} 送信済み`]),
    },
    problems,
  };
  return w;
}

describe('writing back a submission', () => {
  test(`${N.toLocaleString('en')} rows: cells, baseline, receipt and marks share syncs, each under the budget`, async () => {
    const { excel, sheet } = setup();
    const users = pulledUsers(N);
    await sheet.writeRoster(profiles.eq, users, meta());
    await sheet.readRows(profiles.eq);
    const problem: Problem = { rowNumber: 5, column: 'email', code: 'invalidFormat', message: 'bad' };
    excel.syncs = [];
    await sheet.finishSubmission(writesFor(users, 1, [problem]));
    const sent = excel.syncs.reduce((n, s) => n + s.requestBytes, 0);
    // Reads: which sheets exist, where the log ends, the notes; the writes fill the rest.
    expect(excel.syncs.length).toBeLessThanOrEqual(Math.ceil(sent / SYNC_BUDGET) + 3);
    for (const s of excel.syncs) expect(s.requestBytes).toBeLessThan(SYNC_BUDGET);

    expect(excel.cell('名簿', `K${N + 1}`)?.value).toBe('送信済み 1');
    expect(excel.cell('送信記録', 'A1')?.value).toBe('日時');
    expect(excel.cell('送信記録', `C${N + 1}`)?.value).toBe(`${users[N - 1]!.values.userName} 送信済み`);
    expect(excel.cell('名簿', 'C5')?.fill).toBe('#FFC7CE');
    const baseline = await new OfficeRosterSheet(excel.run as unknown as ExcelRun, excel).loadBaseline();
    expect(baseline?.users).toHaveLength(N);
    expect(baseline?.users[N - 1]?.version).toBe('W/"2"');

    // A second submission appends its receipt below the first and replaces the marks.
    await sheet.finishSubmission(writesFor(users, 2));
    expect(excel.cell('送信記録', `A${N + 2}`)?.value).toBe('2026-11-30 2');
    expect(excel.cell('送信記録', `A${2 * N + 1}`)?.value).toBe('2026-11-30 2');
    expect(excel.cell('名簿', 'C5')?.fill).toBeUndefined();
    expect(
      (await new OfficeRosterSheet(excel.run as unknown as ExcelRun, excel).loadBaseline())?.users[0]
        ?.version,
    ).toBe('W/"3"');
  }, 120_000);

  test('its reads ride with its writes: 10,000 rows in as many syncs as their bytes need', async () => {
    const { excel, sheet } = setup();
    const users = pulledUsers(10_000);
    await sheet.writeRoster(profiles.eq, users, meta());
    await sheet.readRows(profiles.eq);
    excel.syncs = [];
    await sheet.finishSubmission(writesFor(users, 1));
    const sent = excel.syncs.reduce((n, s) => n + s.requestBytes, 0);
    // Which sheets exist and the notes go with the roster's cells, where the log ends with the
    // baseline: no sync only reads.
    expect(excel.syncs.length).toBeLessThanOrEqual(Math.ceil(sent / (SYNC_BUDGET - 512 * 1024)) + 1);
    expect(excel.syncs.filter((s) => s.requestBytes < 1024)).toEqual([]);
    expect(excel.cell('名簿', `K${10_001}`)?.value).toBe('送信済み 1');
  }, 120_000);
});
