import { profiles } from '../domain';
import { RosterClient } from '../client/RosterClient';
import { OfficeRosterSheet, type ExcelRun } from '../excel/OfficeRosterSheet';
import { FakeExcel } from '../../test/excel/FakeExcel';
import { bulkCreate, eqUser } from '../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../test/server/harness';
import { RosterController, asOfSheetName } from './RosterController';

let h: Harness;
let t: TestTenant;
let base = '';
beforeAll(async () => {
  h = await startHarness();
  t = await h.tenant({ slug: 'pane' });
  await scim(h, t, 'POST', '/Bulk', bulkCreate('pane', 20));
  await scim(
    h,
    t,
    'POST',
    '/Users',
    eqUser('pane.long', { displayName: '=HYPERLINK("http://x","y")' }, { groupIds: [t.groups[0]] }),
  );
  base = await h.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => h.close());

function controller(excel = new FakeExcel()) {
  const client = new RosterClient({
    connection: { serverUrl: base, tenant: 'pane' },
    token: t.token,
    locale: 'ja',
  });
  const sheet = new OfficeRosterSheet(excel.run as unknown as ExcelRun, excel);
  return { excel, c: new RosterController(client, sheet, 'ja', t.adminUserName) };
}

describe('the pane: pull, edit, validate', () => {
  test('pulls the roster into 名簿, with formula-like names kept as text', async () => {
    const { excel, c } = controller();
    await c.init();
    expect(await c.pull()).toBe(22);
    const data = excel.sheets.get('名簿')!;
    expect(data.peek(0, 0)!.value).toBe('ユーザー名');
    const cells = [...data.cells.values()];
    expect(cells.some((x) => x.value === '=HYPERLINK("http://x","y")' && !x.formula)).toBe(true);
    expect(await c.validate()).toEqual([]);
  });

  test('a bad email and a too-long user ID are marked; fixing one removes its mark', async () => {
    const { excel, c } = controller();
    await c.init();
    await c.pull();
    await excel.type('名簿', 'C5', 'not-an-email');
    await excel.type('名簿', 'B9', 'x'.repeat(40));
    const problems = await c.validate();
    expect(problems.map((p) => `${p.rowNumber}:${p.column}:${p.code}`)).toEqual([
      '5:email:invalidFormat',
      '9:userName:tooLong',
      '9:userName:readOnly',
    ]);
    expect(excel.cell('名簿', 'C5')!.fill).toBe('#FFC7CE');
    await excel.type('名簿', 'C5', 'fixed@example.jp');
    const after = await c.validate();
    expect(after.map((p) => `${p.rowNumber}:${p.column}`)).toEqual(['9:userName', '9:userName']);
    // Fixed but not sent yet: the red goes, the light fill of an unsent change stays (issue 15).
    expect(excel.cell('名簿', 'C5')!.fill).toBe('#DDEBF7');
    expect(excel.sheets.get('名簿')!.notes.has('C5')).toBe(false);
  });

  test("changing one's own role is marked", async () => {
    const { excel, c } = controller();
    await c.init();
    await c.pull();
    const data = excel.sheets.get('名簿')!;
    let adminRow = 0;
    for (const [k, cell] of data.cells)
      if (cell.value === t.adminUserName) adminRow = Number(k.split(',')[0]) + 1;
    await excel.type('名簿', `G${adminRow}`, '0');
    const problems = await c.validate();
    expect(problems.map((p) => p.code)).toContain('ownAccount');
  });

  test('unsent changes are counted by row: what a new pull or search would discard', async () => {
    const { excel, c } = controller();
    await c.init();
    expect(await c.unsentChanges()).toBe(0); // nothing pulled yet
    await c.pull();
    expect(await c.unsentChanges()).toBe(0);
    await excel.type('名簿', 'F3', '異動');
    await excel.type('名簿', 'A3', '名前を変更'); // the same row: still one change
    await excel.type('名簿', 'F4', '異動');
    await excel.deleteRow('名簿', 6);
    const last = excel.sheets.get('名簿')!.maxRow() + 2;
    await excel.type('名簿', `A${last}`, '新規一郎');
    expect(await c.unsentChanges()).toBe(4);
    // The edits are all still there: counting changes nothing.
    expect(excel.cell('名簿', 'F3')!.value).toBe('異動');
    expect(excel.cell('名簿', `A${last}`)!.value).toBe('新規一郎');
    await c.pull();
    expect(await c.unsentChanges()).toBe(0);
  });

  test('a search pulls only the users found', async () => {
    const { c } = controller();
    await c.init();
    expect(await c.pull(undefined, { field: 'email', text: 'pane0001' })).toBe(10);
  });

  test('the roster as of a past time goes to its own read-only sheet', async () => {
    const { excel, c } = controller();
    await c.init();
    await c.pull();
    const at = new Date('2026-04-01T09:00:00.000Z');
    const { count, sheetName } = await c.pullAsOf(at);
    expect(count).toBe(22);
    expect(sheetName).toBe(asOfSheetName(at, 'ja'));
    expect(excel.sheets.has(sheetName)).toBe(true);
    expect((await c.validate()).length).toBe(0);
    expect(profiles.eq.id).toBe('eq');
  });

  test('sheet names for past rosters are valid Excel names', () => {
    const name = asOfSheetName(new Date(2026, 3, 1, 9, 5), 'en');
    expect(name).toBe('Roster 2026-04-01 09.05');
    expect(name.length).toBeLessThanOrEqual(31);
    expect(name).not.toMatch(/[:\\/?*[\]]/);
    expect(asOfSheetName(new Date(2026, 3, 1, 9, 5), 'ja').length).toBeLessThanOrEqual(31);
  });
});
