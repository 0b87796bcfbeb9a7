import { profiles } from '../domain';
import { FakeExcel } from '../../test/excel/FakeExcel';
import { meta, pulledUsers, sheetOn } from '../../test/excel/pulled';
import { BAD_FILL, CHANGED_FILL } from './marks';

const eq = profiles.eq;
const MARK = '未送信（問題あり）';

async function pulled(n = 6) {
  const excel = new FakeExcel();
  const sheet = sheetOn(excel);
  const users = pulledUsers(n);
  await sheet.writeRoster(eq, users, meta());
  return { excel, sheet, users };
}
const text = (excel: FakeExcel, a: string) => String(excel.cell('名簿', a)?.value ?? '');

describe('the roster on the sheet (issue 15)', () => {
  test('sorted by user ID on pull, numbers by value', async () => {
    const excel = new FakeExcel();
    const sheet = sheetOn(excel);
    const users = pulledUsers(3);
    users[0]!.values.userName = 'user10';
    users[1]!.values.userName = 'user9';
    users[2]!.values.userName = 'admin';
    await sheet.writeRoster(eq, users, meta());
    expect(['B2', 'B3', 'B4'].map((a) => text(excel, a))).toEqual(['admin', 'user9', 'user10']);
  });

  test('a provisional user shows 仮登録 under 登録状態, a blank status, and reads back unchanged', async () => {
    const { excel, sheet } = await pulled(1); // user 0 is provisional
    expect([text(excel, 'I1'), text(excel, 'J1'), text(excel, 'K1')]).toEqual([
      'ステータス',
      '登録状態',
      '結果',
    ]);
    expect([text(excel, 'I2'), text(excel, 'J2')]).toEqual(['', '仮登録']);
    expect(excel.cell('名簿', 'J2')).toMatchObject({ italic: true });
    const [row] = await sheet.readRows(eq);
    expect(row!.values.status).toBe('provisional');
  });

  test('a status written after a submission lands in the right one of the two cells', async () => {
    const { excel, sheet } = await pulled(2);
    await sheet.writeCells([
      { rowNumber: 2, column: 'status', value: '2:利用停止中' },
      { rowNumber: 3, column: 'status', value: '利用待ち' },
    ]);
    expect([text(excel, 'I2'), text(excel, 'J2'), text(excel, 'I3'), text(excel, 'J3')]).toEqual([
      '2:利用停止中',
      '',
      '',
      '利用待ち',
    ]);
  });
});

describe('a check marks changes, problems and results', () => {
  test('changed cells get a light fill under the red; it clears when the change is gone', async () => {
    const { excel, sheet } = await pulled();
    await sheet.readRows(eq);
    const problem = { rowNumber: 3, column: 'email', code: 'invalidFormat' as const, message: 'x' };
    await sheet.markProblems([problem], {
      changed: [
        { rowNumber: 3, column: 'email' },
        { rowNumber: 4, column: 'remarks' },
      ],
    });
    expect(excel.cell('名簿', 'C3')!.fill).toBe(BAD_FILL);
    expect(excel.cell('名簿', 'F4')!.fill).toBe(CHANGED_FILL);
    await sheet.markProblems([], { changed: [] });
    expect(excel.cell('名簿', 'C3')!.fill).toBeUndefined();
    expect(excel.cell('名簿', 'F4')!.fill).toBeUndefined();
  });

  test('a marking without check marks (after a submission) leaves the change fills to the caller', async () => {
    const { excel, sheet } = await pulled();
    await sheet.readRows(eq);
    await sheet.markProblems([], { changed: [{ rowNumber: 4, column: 'remarks' }] });
    await sheet.markProblems([]);
    expect(excel.cell('名簿', 'F4')!.fill).toBe(CHANGED_FILL);
  });

  test('rows with problems say so in the result column, and stop saying so once fixed', async () => {
    const { excel, sheet } = await pulled();
    await sheet.writeCells([{ rowNumber: 5, column: 'result', value: '送信済み' }]);
    await sheet.readRows(eq);
    const p = (rowNumber: number) => ({
      rowNumber,
      column: 'email',
      code: 'required' as const,
      message: 'x',
    });
    await sheet.markProblems([p(3), p(5)], { changed: [], problemResult: MARK });
    expect([text(excel, 'K3'), text(excel, 'K4'), text(excel, 'K5')]).toEqual([MARK, '', MARK]);
    await sheet.readRows(eq);
    await sheet.markProblems([p(5)], { changed: [], problemResult: MARK });
    expect([text(excel, 'K3'), text(excel, 'K5')]).toEqual(['', MARK]);
  });

  test('choice cells holding a code or a label are shown as 2:管理者, which is no change', async () => {
    const { excel, sheet } = await pulled();
    await excel.type('名簿', 'G2', '2');
    await excel.type('名簿', 'H3', 'コメント不可');
    await excel.type('名簿', 'G4', 'boss');
    const before = await sheet.readRows(eq);
    await sheet.markProblems([], { changed: [], problemResult: MARK });
    expect([text(excel, 'G2'), text(excel, 'H3'), text(excel, 'G4')]).toEqual([
      '2:管理者',
      '0:コメント不可',
      'boss',
    ]);
    const after = await sheet.readRows(eq);
    expect(after.map((r) => r.values)).toEqual(before.map((r) => r.values));
  });

  test('cellText gives what the admin typed, not the stored code', async () => {
    const { excel, sheet } = await pulled();
    await excel.type('名簿', 'G2', '管理者');
    await sheet.readRows(eq);
    expect(sheet.cellText(2, 'role')).toBe('管理者');
    expect(sheet.cellText(2, 'nothing')).toBeUndefined();
  });
});

describe('show only rows with problems', () => {
  test('the table’s AutoFilter shows the rows whose result is a problem, and shows all again', async () => {
    const { excel, sheet } = await pulled();
    await sheet.readRows(eq);
    const p = (rowNumber: number) => ({
      rowNumber,
      column: 'email',
      code: 'required' as const,
      message: 'x',
    });
    await sheet.markProblems([p(3)], { changed: [], problemResult: MARK });
    const isProblem = (t: string) => t === MARK || t.startsWith('失敗');
    expect(await sheet.filterResults(isProblem)).toBe(1);
    const hidden = excel.sheets.get('名簿')!.hiddenRows;
    expect([...hidden].sort()).toEqual([1, 3, 4, 5, 6]);
    // A new problem found by the next check shows without toggling again.
    await sheet.readRows(eq);
    await sheet.markProblems([p(3), p(6)], { changed: [], problemResult: MARK });
    expect([...hidden].sort()).toEqual([1, 3, 4, 6]);
    expect(await sheet.filterResults(null)).toBe(6);
    expect(hidden.size).toBe(0);
  });

  test('nothing to show: no filter, 0', async () => {
    const { excel, sheet } = await pulled();
    expect(await sheet.filterResults((t) => t === MARK)).toBe(0);
    expect(excel.sheets.get('名簿')!.hiddenRows.size).toBe(0);
  });
});

describe('a new roster', () => {
  test('an empty, formatted table holding one example row; the baseline is empty', async () => {
    const excel = new FakeExcel();
    const sheet = sheetOn(excel);
    await sheet.writeNewRoster(eq, meta(), { displayName: '山田太郎', role: '0', status: '' });
    expect(text(excel, 'A2')).toBe('山田太郎');
    expect(text(excel, 'G2')).toBe('0:一般ユーザー');
    expect(excel.cell('名簿', 'G2')!.validation).toBeDefined();
    expect(excel.cell('名簿', 'A2')!.format).toBe('@');
    expect(excel.sheets.get('名簿')!.tables).toHaveLength(1);
    expect((await sheet.loadBaseline())!.users).toEqual([]);
    const rows = await sheet.readRows(eq);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).toBeUndefined();
  });
});
