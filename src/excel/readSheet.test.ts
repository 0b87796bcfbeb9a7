import { profiles } from '../domain';
import { FakeExcel } from '../../test/excel/FakeExcel';
import { meta, pulledUsers, sheetOn } from '../../test/excel/pulled';
import { SYNC_BUDGET } from './OfficeRosterSheet';
import { SheetShapeError } from './sheetLayout';

// readSheet: the roster and its baseline in one Excel.run, sharing syncs (issue 18: in Excel on
// the web every context.sync() is a round trip to Microsoft's servers).
const eq = profiles.eq;

/** 10,000 rows pasted below a pulled roster, as the submit bench does. */
async function paste(excel: FakeExcel, n: number, from = 2): Promise<void> {
  const rows = Array.from({ length: n }, (_, i) => [
    `新規${i}`,
    `new${String(i).padStart(5, '0')}`,
    `new${i}@example.jp`,
    '',
    '101',
    '',
    '0',
    '1',
    '',
  ]);
  await excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem('名簿').getRangeByIndexes(from, 0, n, 9);
    r.numberFormat = [['@']];
    r.values = rows;
  });
}

const biggest = (excel: FakeExcel) =>
  Math.max(...excel.syncs.map((s) => Math.max(s.requestBytes, s.responseBytes)));

describe('reading the roster and its baseline together', () => {
  test('after a pull, 10,000 pasted rows and the baseline come back in 2 syncs, none over 4 MB', async () => {
    const excel = new FakeExcel();
    const sheet = sheetOn(excel);
    const users = pulledUsers(5);
    await sheet.writeRoster(eq, users, meta());
    await paste(excel, 10_000, 6);
    excel.syncs = [];
    const { baseline, rows } = await sheet.readSheet(eq);
    expect(excel.syncs).toHaveLength(2);
    expect(biggest(excel)).toBeLessThanOrEqual(SYNC_BUDGET);
    expect(baseline!.users).toEqual(users);
    expect(rows).toHaveLength(10_005);
    expect(rows[10_004]!.values.userName).toBe('new09999');
  });

  test('gives the same rows and baseline as loadBaseline and readRows', async () => {
    const excel = new FakeExcel();
    const sheet = sheetOn(excel);
    await sheet.writeRoster(eq, pulledUsers(300), meta());
    await paste(excel, 50, 302);
    const together = await sheet.readSheet(eq);
    const fresh = sheetOn(excel);
    const baseline = await fresh.loadBaseline();
    expect(together).toEqual({ baseline, rows: await fresh.readRows(eq) });
  });

  test('a baseline another pane saved since is read again, not taken from memory', async () => {
    const excel = new FakeExcel();
    const mine = sheetOn(excel);
    await mine.writeRoster(eq, pulledUsers(3), meta());
    // A second pane (or a co-author's) submits: the baseline sheet now says something else.
    const other = sheetOn(excel);
    const theirs = { meta: meta(), users: pulledUsers(4).slice(1) };
    await other.saveBaseline(theirs);
    expect((await mine.readSheet(eq)).baseline).toEqual(theirs);
  });

  test('the same baseline saved again by another pane is read again too (each save is new)', async () => {
    const excel = new FakeExcel();
    const mine = sheetOn(excel);
    const users = pulledUsers(3);
    await mine.writeRoster(eq, users, meta());
    const other = sheetOn(excel);
    await other.saveBaseline({ meta: meta(), users });
    excel.syncs = [];
    expect((await mine.readSheet(eq)).baseline).toEqual({ meta: meta(), users });
    // Head and first piece, then the baseline's rows: the heads differ, so they were read.
    expect(excel.syncs).toHaveLength(3);
  });

  test('a reopened workbook finds its roster through the baseline', async () => {
    const excel = new FakeExcel();
    const users = pulledUsers(20);
    await sheetOn(excel).writeRoster(eq, users, meta());
    const { baseline, rows } = await sheetOn(excel.reopen()).readSheet(eq);
    expect(baseline!.users).toEqual(users);
    expect(rows.map((r) => r.id).sort()).toEqual(users.map((u) => u.id).sort());
  });

  test('without a baseline sheet there is no baseline, and the rows are still read', async () => {
    const excel = new FakeExcel();
    const sheet = sheetOn(excel);
    await sheet.writeRoster(eq, pulledUsers(2), meta(), true);
    await sheet.writeRoster(eq, pulledUsers(2), meta());
    // The baseline sheet is gone (another add-in or a macro; the admin cannot unhide it).
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('RosterSheet_baseline');
      ws.visibility = 'Hidden';
      ws.delete();
    });
    const { baseline, rows } = await sheet.readSheet(eq);
    expect(baseline).toBeUndefined();
    expect(rows).toHaveLength(2);
  });

  test('1,000-character remarks: the first piece is sized from what was written, no response over 4 MB', async () => {
    const excel = new FakeExcel();
    const sheet = sheetOn(excel);
    const users = pulledUsers(5000);
    for (const u of users) u.values.remarks = '備'.repeat(1000);
    await sheet.writeRoster(eq, users, meta());
    excel.syncs = [];
    const { rows } = await sheet.readSheet(eq);
    expect(rows).toHaveLength(5000);
    expect(Math.max(...excel.syncs.map((s) => s.responseBytes))).toBeLessThanOrEqual(SYNC_BUDGET);
    // 15 MB of rows: five or six pieces of about 3 MB, and no refused one.
    expect(excel.syncs.length).toBeLessThanOrEqual(7);
  });

  test('an estimate from short rows meets 1,000-character remarks: refused pieces are read again in halves, with the head', async () => {
    // Review of ADR 0007: the first piece is sized from the last read's bytes per row; here that
    // read had short rows and the sheet now holds 10 MB. Excel on the web refuses a response over
    // 5 MB (docs concepts/resource-limits-and-performance-optimization.md, "Excel add-ins"); the
    // refused piece and the baseline head queued with it must be asked again.
    const excel = new FakeExcel();
    const sheet = sheetOn(excel);
    await sheet.writeRoster(eq, pulledUsers(10_000), meta());
    await sheet.readSheet(eq);
    // Another pane saves the baseline since, so its rows must be read below the head.
    const theirs = { meta: meta(), users: pulledUsers(10_000).slice(1) };
    await sheetOn(excel).saveBaseline(theirs);
    for (let s = 0; s < 10_000; s += 2_000)
      await excel.run(async (ctx) => {
        // Remarks (column F) of 2,000 rows at a time.
        const r = ctx.workbook.worksheets.getItem('名簿').getRangeByIndexes(1 + s, 5, 2_000, 1);
        r.values = Array.from({ length: 2_000 }, () => ['x'.repeat(1_000)]);
      });
    excel.syncs = [];
    const { baseline, rows } = await sheet.readSheet(eq);
    expect(baseline).toEqual(theirs);
    expect(rows).toHaveLength(10_000);
    expect(rows.every((r) => r.values.remarks === 'x'.repeat(1_000))).toBe(true);
    const refused = excel.syncs.filter((s) => s.responseBytes > 5 * 1024 * 1024);
    // Two refusals (13 MB, 6.5 MB), then pieces under the budget: a cost, never a wrong read.
    expect(refused.length).toBeLessThanOrEqual(2);
    expect(excel.syncs.length - refused.length).toBeLessThanOrEqual(8);
  }, 60_000);

  test('an emptied roster sheet (used range A1: docs Worksheet.getUsedRange) says its columns are missing', async () => {
    // Worksheet.getUsedRange on a blank sheet returns A1 and does not throw (d.ts); it is
    // Range.getUsedRange that throws ItemNotFound when nothing is used.
    const excel = new FakeExcel();
    const sheet = sheetOn(excel);
    await sheet.writeRoster(eq, pulledUsers(3), meta());
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('名簿').getRangeByIndexes(0, 0, 4, 12).values = Array.from(
        { length: 4 },
        () => Array<string>(12).fill(''),
      );
    });
    // Not ItemNotFound from the used range: the admin is told which columns to put back.
    await expect(sheet.readSheet(eq)).rejects.toBeInstanceOf(SheetShapeError);
  });

  test('a head without a stamp (an older add-in wrote it) is never trusted: the rows are read', async () => {
    const excel = new FakeExcel();
    const sheet = sheetOn(excel);
    await sheet.writeRoster(eq, pulledUsers(3), meta());
    const baselineCell = (address: string) => excel.cell('RosterSheet_baseline', address)!.value as string;
    const write = (address: string, value: string) =>
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('RosterSheet_baseline').getRange(address).values = [[value]];
      });
    const { stamp, ...unstamped } = JSON.parse(baselineCell('A1')) as { stamp?: string };
    expect(stamp).toBeDefined();
    await write('A1', JSON.stringify(unstamped));
    await sheet.loadBaseline();
    // An older pane saves again: the same head, a new version below it.
    await write('B2', 'W/"99"');
    const { baseline } = await sheet.readSheet(eq);
    expect(baseline!.users[0]!.version).toBe('W/"99"');
  });
});
