// Issue 14, items 1–7: what the adapter must do to be right in real Excel, on the strict fake.
import { profiles, type Problem } from '../domain';
import { FakeExcel } from '../../test/excel/FakeExcel';
import { meta, pulledUsers, sheetOn } from '../../test/excel/pulled';
import { NOTE_PREFIX, SYNC_BUDGET } from './OfficeRosterSheet';
import { SheetWriteError } from './RosterSheet';

const eq = profiles.eq;
const problem = (rowNumber: number, column: string, message = `${rowNumber}行目でエラー`): Problem => ({
  rowNumber,
  column,
  code: 'required',
  message,
});
const ourNotes = (excel: FakeExcel) =>
  [...excel.sheets.get('名簿')!.notes].filter(([, v]) => v.startsWith(NOTE_PREFIX)).map(([k]) => k);

describe('1. the baseline can be saved any number of times', () => {
  test('pull, pull again, save after a submission, save after mail: the last one is loaded', async () => {
    const excel = new FakeExcel();
    const sheet = sheetOn(excel);
    await sheet.writeRoster(eq, pulledUsers(3), meta());
    await sheet.writeRoster(eq, pulledUsers(4), meta());
    await sheet.saveBaseline({ meta: meta(), users: pulledUsers(5) });
    await sheet.saveBaseline({ meta: meta(), users: pulledUsers(6) });
    expect((await sheetOn(excel.reopen()).loadBaseline())!.users).toHaveLength(6);
    expect([...excel.sheets.keys()].sort()).toEqual(['RosterSheet_baseline', 'Sheet1', '名簿']);
    expect(excel.sheets.get('RosterSheet_baseline')!.visibility).toBe('VeryHidden');
  });
});

describe('2. a pull that fails leaves the sheet as it was', () => {
  test('a value over 32,767 characters: the old sheet, its edits and the baseline stay; no sheet is left over', async () => {
    const excel = new FakeExcel();
    const sheet = sheetOn(excel);
    await sheet.writeRoster(eq, pulledUsers(3), meta());
    await excel.type('名簿', 'F2', '管理者のメモ');
    const users = pulledUsers(5);
    users[4]!.values.remarks = 'x'.repeat(40_000);
    await expect(sheet.writeRoster(eq, users, meta())).rejects.toBeInstanceOf(SheetWriteError);
    expect(excel.cell('名簿', 'F2')!.value).toBe('管理者のメモ');
    expect(excel.sheets.get('名簿')!.maxRow()).toBe(3);
    expect((await sheet.loadBaseline())!.users).toHaveLength(3);
    expect([...excel.sheets.keys()].sort()).toEqual(['RosterSheet_baseline', 'Sheet1', '名簿']);
  });

  test('the new sheet takes the old one’s place and name, and is the active sheet', async () => {
    const excel = new FakeExcel();
    const sheet = sheetOn(excel);
    await sheet.writeRoster(eq, pulledUsers(2), meta());
    await sheet.writeRoster(eq, pulledUsers(3), meta());
    expect(excel.activeSheet).toBe('名簿');
    expect(excel.sheets.get('名簿')!.maxRow()).toBe(3);
  });
});

describe('3. what Excel makes of values typed below the table', () => {
  test('IDs typed into the rows below the table stay text, with their leading zeros', async () => {
    const excel = new FakeExcel();
    const sheet = sheetOn(excel);
    await sheet.writeRoster(eq, pulledUsers(2), meta());
    await excel.type('名簿', 'B4', '0000000000012345');
    await excel.type('名簿', 'A4', '新人');
    await excel.type('名簿', 'B40', '00123');
    await excel.type('名簿', 'A40', '新人二');
    const rows = await sheet.readRows(eq);
    expect(rows.find((r) => r.rowNumber === 4)!.values.userName).toBe('0000000000012345');
    expect(rows.find((r) => r.rowNumber === 40)!.values.userName).toBe('00123');
    expect(sheet.excelProblems()).toEqual([]);
  });

  test('a number, date or TRUE in a text column far below the table is flagged, before anything is sent', async () => {
    const excel = new FakeExcel();
    const sheet = sheetOn(excel);
    await sheet.writeRoster(eq, pulledUsers(2), meta());
    await excel.type('名簿', 'B5000', '00123');
    await excel.type('名簿', 'A5000', '新人');
    await excel.type('名簿', 'F5000', '1/2');
    await sheet.readRows(eq);
    const found = sheet.excelProblems();
    expect(found.map((p) => `${p.rowNumber}:${p.column}`)).toEqual(['5000:userName', '5000:remarks']);
    expect(found[0]!.message).toContain('先頭の0が失われた可能性があります');
  });

  test('in English the note says so in English', async () => {
    const excel = new FakeExcel();
    const sheet = sheetOn(excel);
    await sheet.writeRoster(eq, pulledUsers(1), meta({ locale: 'en' }));
    await excel.type('名簿', 'B5000', '00123');
    await sheet.readRows(eq);
    expect(sheet.excelProblems()[0]!.message).toMatch(/leading zeros may have been lost/);
  });
});

describe('4. the safety check sees cells that became formulas', () => {
  test('on a host that evaluates =… even in Text cells, the pull fails and names the cell', async () => {
    const excel = new FakeExcel({ formulasInTextCells: true });
    const sheet = sheetOn(excel);
    await sheet.writeRoster(eq, pulledUsers(2), meta());
    const users = pulledUsers(2);
    users[1]!.values.displayName = '=1+1';
    const err = await sheet.writeRoster(eq, users, meta()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SheetWriteError);
    expect((err as SheetWriteError).cells).toEqual([
      { rowNumber: 3, column: 'displayName', wrote: '=1+1', got: '2' },
    ]);
    expect(excel.cell('名簿', 'A3')!.value).toBe('利用者1');
  });
});

describe('5. marking never throws and only touches its own notes', () => {
  test('a cell with the admin’s own note gets the fill, and the admin’s note stays', async () => {
    const excel = new FakeExcel();
    const sheet = sheetOn(excel);
    await sheet.writeRoster(eq, pulledUsers(5), meta());
    excel.sheets.get('名簿')!.notes.set('C3', '人事部に確認中');
    await sheet.markProblems([problem(3, 'email'), problem(4, 'email')]);
    expect(excel.cell('名簿', 'C3')!.fill).toBe('#FFC7CE');
    expect(excel.sheets.get('名簿')!.notes.get('C3')).toBe('人事部に確認中');
    expect(ourNotes(excel)).toEqual(['C4']);
  });

  test('after a sort moved our note, marking again updates or removes it wherever it went', async () => {
    const excel = new FakeExcel();
    const sheet = sheetOn(excel);
    await sheet.writeRoster(eq, pulledUsers(5), meta());
    await sheet.markProblems([problem(2, 'email', 'old')]);
    await excel.sortTable('名簿', 0, true); // row 2 (利用者0) moves to the bottom
    expect(ourNotes(excel)).toEqual(['C6']);
    await sheet.markProblems([problem(6, 'email', 'new'), problem(3, 'email', 'other')]);
    const notes = excel.sheets.get('名簿')!.notes;
    expect(notes.get('C6')).toBe(`${NOTE_PREFIX}\nnew`);
    expect(ourNotes(excel).sort()).toEqual(['C3', 'C6']);
    await sheet.markProblems([]);
    expect(ourNotes(excel)).toEqual([]);
  });

  test.each([
    ['1.9', 0],
    ['1.14', 1],
  ])('on a %s host marking works without notes (%i comment)', async (api, comments) => {
    const excel = new FakeExcel({ api });
    const sheet = sheetOn(excel);
    await sheet.writeRoster(eq, pulledUsers(5), meta());
    excel.threads('名簿').set('C4', 'これは消さないで');
    const report = await sheet.markProblems([problem(3, 'email'), problem(4, 'email')]);
    expect(report.marked).toBe(2);
    expect(excel.cell('名簿', 'C3')!.fill).toBe('#FFC7CE');
    expect(excel.threads('名簿').get('C4')).toBe('これは消さないで');
    expect([...excel.threads('名簿').keys()].filter((k) => k !== 'C4')).toHaveLength(comments);
    await sheet.markProblems([]);
    expect([...excel.threads('名簿').keys()]).toEqual(['C4']);
  });
});

describe('6. change handlers are removed', () => {
  test('after unsubscribing, edits no longer call back and no handler is left', async () => {
    const excel = new FakeExcel();
    const sheet = sheetOn(excel);
    await sheet.writeRoster(eq, pulledUsers(2), meta());
    let calls = 0;
    const off = await sheet.onEdited(() => calls++);
    await excel.type('名簿', 'A2', '変更');
    await off();
    await excel.type('名簿', 'A2', 'もう一度');
    expect(calls).toBe(1);
    expect(excel.handlerCount('名簿')).toBe(0);
  });
});

describe('7. reads stay within Excel on the web’s 5 MB per response', () => {
  test('2,000 users with 1,000-character remarks: read, baseline and a fresh session, no response over 4 MB', async () => {
    const excel = new FakeExcel();
    const users = pulledUsers(2000);
    for (const u of users) u.values.remarks = '備'.repeat(1000);
    await sheetOn(excel).writeRoster(eq, users, meta());
    const fresh = sheetOn(excel);
    excel.syncs = [];
    expect(await fresh.loadBaseline()).toMatchObject({ users: { length: 2000 } });
    expect(await fresh.readRows(eq)).toHaveLength(2000);
    expect(Math.max(...excel.syncs.map((s) => s.responseBytes))).toBeLessThanOrEqual(SYNC_BUDGET);
  });

  test('a block of very long cells typed by the admin is read in smaller pieces', async () => {
    const excel = new FakeExcel();
    const sheet = sheetOn(excel);
    await sheet.writeRoster(eq, pulledUsers(400), meta());
    // 200 rows of 30,000 three-byte characters: 18 MB in a few hundred rows.
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('名簿');
      for (let r = 0; r < 200; r += 20) {
        ws.getRangeByIndexes(r + 150, 5, 20, 1).values = Array.from({ length: 20 }, () => [
          '長'.repeat(30_000),
        ]);
        await ctx.sync();
      }
    });
    excel.syncs = [];
    const rows = await sheet.readRows(eq);
    expect(rows[200]!.values.remarks).toHaveLength(30_000);
    // Some piece was refused as too large and read again smaller.
    expect(excel.syncs.some((s) => s.responseBytes > 5 * 1024 * 1024)).toBe(true);
  });
});
