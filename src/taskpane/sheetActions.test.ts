import { FakeExcel } from '../../test/excel/FakeExcel';
import { bulkCreate } from '../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../test/server/harness';
import { paneOnServer, rowOfUser } from '../../test/paneOnServer';
import type { OfficeRosterSheet } from '../excel/OfficeRosterSheet';
import { CHANGED_FILL } from '../excel/marks';
import { SheetTools } from './sheetActions';

let h: Harness;
let t: TestTenant;
let empty: TestTenant;
let base = '';
beforeAll(async () => {
  h = await startHarness();
  t = await h.tenant({ slug: 'tools', userLimit: 5000 });
  empty = await h.tenant({ slug: 'tools-empty', userLimit: 5000 });
  await scim(h, t, 'POST', '/Bulk', bulkCreate('tl', 6));
  base = await h.app.listen({ port: 0, host: '127.0.0.1' });
}, 60_000);
afterAll(() => h.close());

async function setup(tenant = t) {
  const excel = new FakeExcel();
  const c = paneOnServer(excel, base, tenant);
  await c.init();
  // The controller's own sheet object: the tools share it, as the pane does.
  const own = (c as unknown as { sheet: OfficeRosterSheet }).sheet;
  return { excel, c, tools: new SheetTools(c, own, 'ja') };
}
const cell = (excel: FakeExcel, a: string, sheet = '名簿') => excel.cell(sheet, a);
const text = (excel: FakeExcel, a: string, sheet = '名簿') => String(cell(excel, a, sheet)?.value ?? '');

describe('sheet tools (issue 15)', () => {
  test('a check fills changed cells, marks rows with problems, and shows choices as 2:管理者', async () => {
    const { excel, c } = await setup();
    await c.pull();
    const a = rowOfUser(excel, 'tl00001');
    const b = rowOfUser(excel, 'tl00002');
    await excel.type('名簿', `F${a}`, '異動予定');
    await excel.type('名簿', `C${b}`, 'not-an-email');
    await excel.type('名簿', `G${a}`, '管理者');
    await c.validate();
    expect(cell(excel, `F${a}`)!.fill).toBe(CHANGED_FILL);
    expect(cell(excel, `C${b}`)!.fill).toBe('#FFC7CE');
    expect(text(excel, `G${a}`)).toBe('2:管理者');
    expect(cell(excel, `G${a}`)!.fill).toBe(CHANGED_FILL);
    expect(text(excel, `K${b}`)).toBe('未送信（問題あり）');
    expect(text(excel, `K${a}`)).toBe('');
    // Edited back to the pulled value: no change, no fill.
    await excel.type('名簿', `F${a}`, '');
    await c.validate();
    expect(cell(excel, `F${a}`)!.fill).toBeUndefined();
  });

  test('the fill clears once the row is sent; rows not sent show codes in seed notation', async () => {
    const { excel, c } = await setup();
    await c.pull();
    const a = rowOfUser(excel, 'tl00003');
    const b = rowOfUser(excel, 'tl00004');
    await excel.type('名簿', `F${a}`, '送る');
    await excel.type('名簿', `H${b}`, '0');
    await excel.type('名簿', `C${b}`, 'bad@');
    await c.validate();
    await c.submit();
    expect(text(excel, `K${a}`)).toBe('送信済み');
    expect(cell(excel, `F${a}`)!.fill).toBeUndefined();
    expect(text(excel, `K${b}`)).toBe('未送信（問題あり）');
    expect(text(excel, `H${b}`)).toBe('0:コメント不可');
  });

  test('show only rows with problems, and every row again', async () => {
    const { excel, c, tools } = await setup();
    await c.pull();
    const b = rowOfUser(excel, 'tl00005');
    await excel.type('名簿', `C${b}`, 'broken');
    expect(await tools.showOnlyProblems(true)).toBe(1);
    const hidden = excel.sheets.get('名簿')!.hiddenRows;
    expect(hidden.has(b - 1)).toBe(false);
    expect(hidden.size).toBeGreaterThanOrEqual(5);
    expect(await tools.showOnlyProblems(false)).toBeGreaterThanOrEqual(6);
    expect(hidden.size).toBe(0);
  });

  test('the column guide sheet', async () => {
    const { excel, tools } = await setup();
    expect(await tools.columnGuide()).toBe('列の説明');
    expect(text(excel, 'A1', '列の説明')).toBe('列');
    expect(text(excel, 'B8', '列の説明')).toBe('0(一般ユーザー)/1(編集者)/2(管理者)');
    expect(cell(excel, 'B8', '列の説明')!.format).toBe('@');
  });

  test('a new roster only for a tenant with no users, with the example row', async () => {
    const full = await setup();
    expect(await full.tools.newRoster()).toEqual({ kind: 'hasUsers', users: expect.any(Number) });
    const { excel, c, tools } = await setup(empty);
    expect(await tools.newRoster()).toEqual({ kind: 'written', sheetName: '名簿' });
    expect(text(excel, 'A2')).toBe('山田太郎');
    expect(text(excel, 'G2')).toBe('0:一般ユーザー');
    expect(await c.validate()).toEqual([]);
    // The example row is the admin's work now: a new pull asks first.
    expect(await c.unsentChanges()).toBe(1);
  });

  test('exported error rows keep what the admin typed, as text', async () => {
    const { excel, c } = await setup();
    await c.pull();
    const b = rowOfUser(excel, 'tl00002');
    await excel.type('名簿', `G${b}`, '管理者');
    await excel.type('名簿', `C${b}`, 'still-bad');
    const { sheetName, rows } = await c.exportErrors();
    expect(rows).toBe(1);
    const header = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => text(excel, `${'ABCDEFGHIJ'[i]}1`, sheetName));
    const at = (h: string) => 'ABCDEFGHIJ'[header.indexOf(h)]!;
    expect(text(excel, `${at('権限')}2`, sheetName)).toBe('管理者');
    expect(text(excel, `${at('メールアドレス')}2`, sheetName)).toBe('still-bad');
    expect(cell(excel, `${at('権限')}2`, sheetName)!.format).toBe('@');
  });
});
