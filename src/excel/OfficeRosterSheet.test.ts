import { profiles, validateRows, type Problem } from '../domain';
import { FakeExcel, FakeExcelError } from '../../test/excel/FakeExcel';
import { meta, pulledUsers } from '../../test/excel/pulled';
import { MAX_NOTES, NOTE_PREFIX, OfficeRosterSheet, SYNC_BUDGET, type ExcelRun } from './OfficeRosterSheet';

const eq = profiles.eq;

/** Users whose user IDs sort in their given order (a pull sorts the roster by user ID). */
const inOrder = <T extends { values: Record<string, string> }>(users: T[]): T[] =>
  users.map((u, i) => ({ ...u, values: { ...u.values, userName: `u${String(i).padStart(4, '0')}` } }));

/** A 1.18 host has notes; a 1.14 host falls back to threaded comments. */
function setup(supportsNotes = true) {
  const excel = new FakeExcel({ api: supportsNotes ? '1.18' : '1.14' });
  const sheet = new OfficeRosterSheet(excel.run as unknown as ExcelRun, excel);
  return { excel, sheet };
}

describe('writing the roster keeps every value as text', () => {
  const tricky = [
    '000123',
    '0012345678901',
    '123456789012345678',
    '98765432109876543210',
    '=1+1',
    '+81 90 1234 5678',
    '-5',
    '@SUM(A1)',
    '=HYPERLINK("http://x","y")',
    '1.23E+13',
    'TRUE',
    '2026-04-01',
  ];

  test.each(tricky)('%s comes back exactly, in a text cell, never a formula', async (text) => {
    const { excel, sheet } = setup();
    const [u] = pulledUsers(1);
    u!.values.displayName = text;
    u!.values.userName = text;
    await sheet.writeRoster(eq, [u!], meta());
    const cell = excel.cell('名簿', 'A2');
    expect(cell).toMatchObject({ value: text, format: '@' });
    expect(cell!.formula).toBeUndefined();
    const [row] = await sheet.readRows(eq);
    expect(row!.values.displayName).toBe(text);
    expect(row!.values.userName).toBe(text);
  });

  test('the fake is strict: the same values written without the text format are mangled', async () => {
    const excel = new FakeExcel();
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:D1').values = [
        ['000123', '123456789012345678', '=1+1', '+81 90 1234 5678'],
      ];
    });
    expect(excel.cell('Sheet1', 'A1')!.value).toBe(123);
    expect(excel.cell('Sheet1', 'B1')!.value).toBe(123456789012346000);
    expect(excel.cell('Sheet1', 'C1')!.formula).toBe('=1+1');
    expect(excel.cell('Sheet1', 'D1')!.formula).toBe('=+81 90 1234 5678');
  });

  test('reading a property without load and sync fails, as in Excel', async () => {
    const excel = new FakeExcel();
    await expect(
      excel.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1');
        return r.values;
      }),
    ).rejects.toMatchObject({ code: 'PropertyNotLoaded' });
  });

  test("the hidden columns carry each row's id and version; ids are matched back", async () => {
    const { excel, sheet } = setup();
    const users = inOrder(pulledUsers(3));
    await sheet.writeRoster(eq, users, meta());
    const data = excel.sheets.get('名簿')!;
    expect([...data.hiddenColumns].sort((a, b) => a - b)).toEqual([11, 12, 13]);
    expect(data.frozenRows).toBe(1);
    const rows = await sheet.readRows(eq);
    expect(rows.map((r) => [r.rowNumber, r.id])).toEqual(users.map((u, i) => [i + 2, u.id]));
    expect(rows[0]!.values).toEqual({ ...users[0]!.values, password: '' });
  });

  test('enum columns get drop-downs; server-managed and locked cells look locked', async () => {
    const { excel, sheet } = setup();
    const users = inOrder(pulledUsers(14));
    await sheet.writeRoster(eq, users, meta());
    expect(excel.cell('名簿', 'G2')!.validation).toEqual({
      list: { inCellDropDown: true, source: '0:一般ユーザー,1:編集者,2:管理者' },
    });
    expect(excel.cell('名簿', 'I2')!.validation).toEqual({
      list: { inCellDropDown: true, source: '1:利用中,2:利用停止中' },
    });
    // users[1] is directory-synced: its user name, email and role are locked; groups are not.
    expect(excel.cell('名簿', 'A3')).toMatchObject({ italic: true, fontColor: '#7F7F7F' });
    expect(excel.cell('名簿', 'C3')).toMatchObject({ italic: true });
    expect(excel.cell('名簿', 'E3')!.italic).toBeUndefined();
    // users[0] is provisional: the state shows in words under 登録状態, the status cell is blank and looks locked.
    expect(excel.cell('名簿', 'J2')).toMatchObject({ value: '仮登録', italic: true });
    expect(excel.cell('名簿', 'I2')).toMatchObject({ value: '', italic: true });
  });

  test('a server-only status reads back as its code', async () => {
    const { sheet } = setup();
    await sheet.writeRoster(eq, pulledUsers(1), meta());
    const [row] = await sheet.readRows(eq);
    expect(row!.values.status).toBe('provisional');
  });
});

describe('size limits', () => {
  test('10,000 users go out in at most 8 syncs, none over 4 MB', async () => {
    const { excel, sheet } = setup();
    await sheet.writeRoster(eq, pulledUsers(10_000), meta());
    expect(excel.syncs.length).toBeLessThanOrEqual(8);
    expect(Math.max(...excel.syncs.map((s) => s.requestBytes))).toBeLessThanOrEqual(SYNC_BUDGET);
    expect(Math.max(...excel.syncs.map((s) => s.responseBytes))).toBeLessThanOrEqual(SYNC_BUDGET);
  });

  test('a roster too big for one request is written in several, and reads back whole', async () => {
    const { excel, sheet } = setup();
    const users = pulledUsers(30_000);
    await sheet.writeRoster(eq, users, meta());
    expect(
      Math.max(...excel.syncs.map((s) => Math.max(s.requestBytes, s.responseBytes))),
    ).toBeLessThanOrEqual(SYNC_BUDGET);
    const rows = await sheet.readRows(eq);
    expect(rows).toHaveLength(30_000);
    expect(rows.map((r) => r.id!).sort()).toEqual(users.map((u) => u.id).sort());
  });

  test('the fake refuses a request over 5 MB, as Excel on the web does', async () => {
    const excel = new FakeExcel();
    const big = Array.from({ length: 60_000 }, () => ['x'.repeat(100)]);
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRangeByIndexes(0, 0, big.length, 1).values = big;
        await ctx.sync();
      }),
    ).rejects.toBeInstanceOf(FakeExcelError);
  });
});

describe('the baseline', () => {
  test('survives save and reopen, for 50,000 users, with nothing secret in it', async () => {
    const { excel, sheet } = setup();
    const users = pulledUsers(50_000);
    // 32,000 characters: the cell holds it; its baseline JSON spans two cells.
    users[3]!.values.remarks = '長い備考'.repeat(8000);
    await sheet.writeRoster(eq, users, meta());
    const reopened = excel.reopen();
    const again = new OfficeRosterSheet(reopened.run as unknown as ExcelRun, reopened);
    const baseline = await again.loadBaseline();
    expect(baseline!.meta.sheetName).toBe('名簿');
    expect(baseline!.users).toEqual(users);
    expect(reopened.sheets.get('RosterSheet_baseline')!.visibility).toBe('VeryHidden');
    expect(Math.max(...reopened.syncs.map((s) => s.responseBytes))).toBeLessThanOrEqual(SYNC_BUDGET);
    const rows = await again.readRows(eq);
    expect(rows).toHaveLength(50_000);
  });

  test('a read-only roster (as of a past time) does not replace the baseline', async () => {
    const { sheet } = setup();
    await sheet.writeRoster(eq, pulledUsers(2), meta());
    await sheet.writeRoster(
      eq,
      pulledUsers(5),
      meta({ sheetName: '名簿 2026-04-01', asOf: '2026-04-01T00:00:00Z' }),
      true,
    );
    expect((await sheet.loadBaseline())!.users).toHaveLength(2);
    expect(await sheet.readRows(eq)).toHaveLength(2);
  });
});

describe('marking problems in place', () => {
  async function withRoster(n: number, supportsNotes = true) {
    const s = setup(supportsNotes);
    await s.sheet.writeRoster(eq, pulledUsers(n), meta());
    return s;
  }
  const problem = (rowNumber: number, column: string, message = `${rowNumber}行目でエラー`): Problem => ({
    rowNumber,
    column,
    code: 'required',
    message,
  });

  test('bad cells are filled and get a note with every message of the cell', async () => {
    const { excel, sheet } = await withRoster(5);
    await sheet.markProblems([problem(3, 'email', 'a'), problem(3, 'email', 'b'), problem(4, 'role')]);
    expect(excel.cell('名簿', 'C3')!.fill).toBe('#FFC7CE');
    expect(excel.sheets.get('名簿')!.notes.get('C3')).toBe(`${NOTE_PREFIX}\na\nb`);
    expect(excel.sheets.get('名簿')!.notes.has('G4')).toBe(true);
  });

  test('marking again removes the old marks, but never a note the admin wrote', async () => {
    const { excel, sheet } = await withRoster(5);
    await sheet.markProblems([problem(3, 'email'), problem(4, 'role')]);
    excel.sheets.get('名簿')!.notes.set('G4', '人事部に確認中（自分のメモ）');
    excel.sheets.get('名簿')!.notes.set('A6', '別のメモ');
    await sheet.markProblems([problem(5, 'displayName')]);
    const notes = excel.sheets.get('名簿')!.notes;
    expect(notes.has('C3')).toBe(false);
    expect(notes.get('G4')).toBe('人事部に確認中（自分のメモ）');
    expect(notes.get('A6')).toBe('別のメモ');
    expect(excel.cell('名簿', 'C3')!.fill).toBeUndefined();
    expect(excel.cell('名簿', 'A5')!.fill).toBe('#FFC7CE');
  });

  test('without notes (before ExcelApi 1.18) threaded comments are used, and removed the same way', async () => {
    const { excel, sheet } = await withRoster(5, false);
    await sheet.markProblems([problem(3, 'email')]);
    expect([...excel.comments.get('名簿')!]).toEqual([['C3', `${NOTE_PREFIX}\n3行目でエラー`]]);
    excel.comments.get('名簿')!.set('B2', 'これは消さないで');
    await sheet.markProblems([]);
    expect([...excel.comments.get('名簿')!.keys()]).toEqual(['B2']);
  });

  test(`1,000 bad cells are marked in at most 3 syncs, with at most ${MAX_NOTES} notes`, async () => {
    const { excel, sheet } = await withRoster(1000);
    const problems = Array.from({ length: 1000 }, (_, i) => problem(i + 2, 'email'));
    await sheet.markProblems(problems);
    // Worst case: a new pane session, which must first read what was marked before.
    const fresh = new OfficeRosterSheet(excel.run as unknown as ExcelRun, excel);
    await fresh.readRows(eq);
    excel.syncs = [];
    const report = await fresh.markProblems(problems.map((p) => ({ ...p, column: 'displayName' })));
    expect(report).toEqual({ marked: 1000, noted: MAX_NOTES });
    expect(excel.syncs.length).toBeLessThanOrEqual(3);
    expect(excel.sheets.get('名簿')!.notes.size).toBe(MAX_NOTES);
  });

  test('problems found by validateRows land on the right cells after the admin moved nothing', async () => {
    const { excel, sheet } = await withRoster(3);
    await excel.type('名簿', 'C3', 'not-an-email');
    const rows = await sheet.readRows(eq);
    const problems = validateRows(eq, rows, { mode: 'update', locale: 'ja', passwordClasses: 2 });
    expect(problems.map((p) => `${p.rowNumber}:${p.column}`)).toEqual(['3:email']);
    await sheet.markProblems(problems);
    expect(excel.cell('名簿', 'C3')!.fill).toBe('#FFC7CE');
  });
});

describe('what the admin types', () => {
  test('a long number typed just below the table stays text (the spare rows are formatted as text)', async () => {
    const { excel, sheet } = setup();
    await sheet.writeRoster(eq, pulledUsers(1), meta());
    await excel.type('名簿', 'B3', '12345678901234');
    await excel.type('名簿', 'A3', '新人');
    const rows = await sheet.readRows(eq);
    expect(rows[1]).toMatchObject({ rowNumber: 3, values: { userName: '12345678901234' } });
    expect(sheet.excelProblems()).toEqual([]);
  });

  test('a long number typed into a General cell far below is read as exponent notation, so the rule explains it', async () => {
    const { excel, sheet } = setup();
    await sheet.writeRoster(eq, pulledUsers(1), meta());
    await excel.type('名簿', 'B2000', '12345678901234');
    await excel.type('名簿', 'A2000', '新人');
    const rows = await sheet.readRows(eq);
    expect(rows[1]).toMatchObject({ rowNumber: 2000, values: { userName: '1.23457E+13' } });
    const problems = validateRows(eq, rows, { mode: 'register-invite', locale: 'ja', passwordClasses: 2 });
    expect(problems.find((p) => p.rowNumber === 2000 && p.column === 'userName')!.code).toBe('exponent');
    expect(sheet.excelProblems().map((p) => `${p.rowNumber}:${p.column}`)).toEqual(['2000:userName']);
  });

  test('edits call back, and the subscription can be removed', async () => {
    const { excel, sheet } = setup();
    await sheet.writeRoster(eq, pulledUsers(2), meta());
    let calls = 0;
    const off = await sheet.onEdited(() => calls++);
    await excel.type('名簿', 'A2', '変更');
    expect(calls).toBe(1);
    await off();
    await excel.type('名簿', 'A2', 'もう一度');
    expect(calls).toBe(1);
  });

  test('a problem in the list selects its cell', async () => {
    const { excel, sheet } = setup();
    await sheet.writeRoster(eq, pulledUsers(4), meta());
    await sheet.selectCell(4, 'email');
    expect(excel.selection).toEqual({ sheet: '名簿', row: 3, col: 2 });
  });
});
