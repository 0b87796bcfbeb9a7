// The fake is our Excel: each test states one documented behaviour it must share with Excel.
import { FakeExcel, FakeExcelError, type FakeContext } from './FakeExcel';

const sheet1 = (ctx: FakeContext) => ctx.workbook.worksheets.getItem('Sheet1');

async function entered(text: string, format = 'General') {
  const excel = new FakeExcel();
  await excel.run(async (ctx) => {
    const r = sheet1(ctx).getRange('A1');
    if (format !== 'General') r.numberFormat = [[format]];
    r.values = [[text]];
  });
  const r = await excel.run(async (ctx) => sheet1(ctx).getRange('A1').load(['values', 'valueTypes', 'text']));
  return {
    value: r.values[0]![0],
    type: r.valueTypes[0]![0],
    text: r.text[0]![0],
    cell: excel.cell('Sheet1', 'A1')!,
  };
}

describe('entering text into a General cell coerces it as Excel does', () => {
  test.each([
    ['000123', 123, 'Double'],
    ['123456789012345678', 123456789012346000, 'Double'],
    ['1/2', 46024, 'Double'],
    ['2026-01-02', 46024, 'Double'],
    ['令和8年1月2日', 46024, 'Double'],
    ['TRUE', true, 'Boolean'],
    ['false', false, 'Boolean'],
    ['50%', 0.5, 'Double'],
    ['$100', 100, 'Double'],
    ['1,234', 1234, 'Double'],
    ['(123)', -123, 'Double'],
    ['１２３', 123, 'Double'],
    ['1e5', 100000, 'Double'],
    ['=1+1', 2, 'Double'],
    ['＝1+1', 2, 'Double'],
    ['-5', -5, 'Double'],
    ['=HYPERLINK("x")', '#NAME?', 'Error'],
    ["'00123", '00123', 'String'],
    ['a\r\nb', 'a\nb', 'String'],
  ])('%j becomes %j (%s)', async (text, value, type) => {
    const got = await entered(text);
    expect([got.value, got.type]).toEqual([value, type]);
  });

  test('a formula is evaluated, and `formulas` then equals the text written', async () => {
    const excel = new FakeExcel();
    await excel.run(async (ctx) => void (sheet1(ctx).getRange('A1').values = [['=1+1']]));
    const r = await excel.run(async (ctx) => sheet1(ctx).getRange('A1').load(['values', 'formulas']));
    expect(r.values).toEqual([[2]]);
    expect(r.formulas).toEqual([['=1+1']]);
  });

  test('in a Text (@) cell the same strings stay text, but the apostrophe prefix is still swallowed', async () => {
    for (const t of ['000123', '=1+1', '1/2', 'TRUE', '50%']) expect((await entered(t, '@')).value).toBe(t);
    expect((await entered("'abc", '@')).value).toBe('abc');
    expect((await entered("''abc", '@')).value).toBe("'abc");
  });

  test('a cell holds at most 32,767 characters', async () => {
    expect((await entered('x'.repeat(32_767), '@')).value).toHaveLength(32_767);
    await expect(entered('x'.repeat(32_768), '@')).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});

describe('batches, sheets and limits', () => {
  test('calls run only at sync; reading an unloaded property throws', async () => {
    const excel = new FakeExcel();
    await expect(excel.run(async (ctx) => sheet1(ctx).getRange('A1').values)).rejects.toMatchObject({
      code: 'PropertyNotLoaded',
    });
    await excel.run(async (ctx) => {
      sheet1(ctx).getRange('A1').values = [['x']];
      expect(excel.cell('Sheet1', 'A1')).toBeUndefined();
      await ctx.sync();
      expect(excel.cell('Sheet1', 'A1')!.value).toBe('x');
    });
  });

  test('a VeryHidden sheet cannot be deleted (Worksheet.delete); a Hidden one can', async () => {
    const excel = new FakeExcel();
    await excel.run(async (ctx) => void (ctx.workbook.worksheets.add('B').visibility = 'VeryHidden'));
    await expect(
      excel.run(async (ctx) => ctx.workbook.worksheets.getItem('B').delete()),
    ).rejects.toMatchObject({
      code: 'InvalidOperation',
    });
    await excel.run(async (ctx) => {
      const b = ctx.workbook.worksheets.getItem('B');
      b.visibility = 'Hidden';
      b.delete();
    });
    expect(excel.sheets.has('B')).toBe(false);
  });

  test('the last visible sheet cannot be deleted or hidden', async () => {
    const excel = new FakeExcel();
    await expect(excel.run(async (ctx) => sheet1(ctx).delete())).rejects.toMatchObject({
      code: 'InvalidOperation',
    });
    await expect(excel.run(async (ctx) => void (sheet1(ctx).visibility = 'Hidden'))).rejects.toMatchObject({
      code: 'InvalidOperation',
    });
  });

  test('the first failing action stops the batch: later actions are not applied', async () => {
    const excel = new FakeExcel();
    await expect(
      excel.run(async (ctx) => {
        sheet1(ctx).getRange('A1').values = [['before']];
        ctx.workbook.worksheets.getItem('nope').getRange('A1').values = [['x']];
        sheet1(ctx).getRange('A2').values = [['after']];
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
    expect(excel.cell('Sheet1', 'A1')!.value).toBe('before');
    expect(excel.cell('Sheet1', 'A2')).toBeUndefined();
  });

  test('unbounded ranges refuse cell-level properties', async () => {
    const excel = new FakeExcel();
    await expect(
      excel.run(async (ctx) => void (sheet1(ctx).getRange('A:A').numberFormat = [['@']])),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  test('getUsedRange is the box of the used cells, not from A1', async () => {
    const excel = new FakeExcel();
    await excel.run(
      async (ctx) =>
        void (sheet1(ctx).getRange('C3:D4').values = [
          ['a', ''],
          ['', 'b'],
        ]),
    );
    const r = await excel.run(async (ctx) => sheet1(ctx).getUsedRange(true).load('address'));
    expect(r.address).toBe('Sheet1!C3:D4');
  });

  test('request and response are measured as serialized JSON and refused over 5 MB', async () => {
    const excel = new FakeExcel();
    const big = Array.from({ length: 60_000 }, () => ['x'.repeat(100)]);
    await expect(
      excel.run(async (ctx) => void (sheet1(ctx).getRangeByIndexes(0, 0, big.length, 1).values = big)),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(excel.cell('Sheet1', 'A1')).toBeUndefined();
    const half = big.slice(0, 30_000);
    await excel.run(async (ctx) => void (sheet1(ctx).getRangeByIndexes(0, 0, half.length, 1).values = half));
    await excel.run(
      async (ctx) => void (sheet1(ctx).getRangeByIndexes(30_000, 0, half.length, 1).values = half),
    );
    await expect(
      excel.run(async (ctx) => sheet1(ctx).getRangeByIndexes(0, 0, big.length, 1).load('values')),
    ).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    expect(excel.syncs[1]!.requestBytes).toBeGreaterThan(JSON.stringify(half).length);
  });
});

describe('requirement sets', () => {
  test.each([
    ['1.9', false, false],
    ['1.14', false, true],
    ['1.18', true, true],
  ])(
    'a %s host: notes %s, comments %s; anything above the set fails with ApiNotFound',
    async (api, notes, comments) => {
      const excel = new FakeExcel({ api });
      expect(excel.isSetSupported('ExcelApi', '1.18')).toBe(notes);
      const addNote = excel.run(async (ctx) => sheet1(ctx).notes.add('A1', 'n'));
      if (notes) await addNote;
      else await expect(addNote).rejects.toMatchObject({ code: 'ApiNotFound' });
      const addComment = excel.run(async (ctx) => void ctx.workbook.comments.add('Sheet1!B1', 'c'));
      if (comments) await addComment;
      else await expect(addComment).rejects.toMatchObject({ code: 'ApiNotFound' });
    },
  );
});

describe('notes, comments, tables, sorting', () => {
  test('a cell holds one note and one comment thread: adding a second fails', async () => {
    const excel = new FakeExcel();
    await excel.run(async (ctx) => {
      sheet1(ctx).notes.add('A1', 'one');
      ctx.workbook.comments.add('Sheet1!A1', 'one');
    });
    await expect(excel.run(async (ctx) => sheet1(ctx).notes.add('A1', 'two'))).rejects.toBeInstanceOf(
      FakeExcelError,
    );
    await expect(
      excel.run(async (ctx) => void ctx.workbook.comments.add('Sheet1!A1', 'two')),
    ).rejects.toBeInstanceOf(FakeExcelError);
  });

  test('typing below a table grows it; the new row takes the column format after the value was entered', async () => {
    const excel = new FakeExcel();
    await excel.run(async (ctx) => {
      const ws = sheet1(ctx);
      ws.getRange('A1:B2').numberFormat = [['@']];
      ws.getRange('A1:B2').values = [
        ['h1', 'h2'],
        ['x', 'y'],
      ];
      ws.tables.add(ws.getRange('A1:B2'), true);
    });
    await excel.type('Sheet1', 'A3', '00123');
    expect(excel.cell('Sheet1', 'A3')).toMatchObject({ value: 123, format: '@' });
    expect(excel.sheets.get('Sheet1')!.tables[0]!.rows).toBe(3);
    await excel.type('Sheet1', 'B3', '00123');
    expect(excel.cell('Sheet1', 'B3')!.value).toBe('00123');
  });

  test('sorting moves whole rows with their notes and comments', async () => {
    const excel = new FakeExcel();
    await excel.run(async (ctx) => {
      const ws = sheet1(ctx);
      ws.getRange('A1:A3').values = [['h'], ['b'], ['a']];
      ws.tables.add(ws.getRange('A1:A3'), true);
      ws.notes.add('A2', 'note of b');
      ctx.workbook.comments.add('Sheet1!A3', 'comment of a');
    });
    await excel.sortTable('Sheet1', 0);
    expect(excel.cell('Sheet1', 'A2')!.value).toBe('a');
    expect(excel.sheets.get('Sheet1')!.notes.get('A3')).toBe('note of b');
    expect(excel.comments.get('Sheet1')!.get('A2')).toBe('comment of a');
  });
});

describe('events', () => {
  test('a handler is removed only with the context that added it', async () => {
    const excel = new FakeExcel();
    let calls = 0;
    const reg = await excel.run(async (ctx) => sheet1(ctx).onChanged.add(async () => void calls++));
    await excel.type('Sheet1', 'A1', 'x');
    await excel.run(async () => reg.remove()); // a new Excel.run: the removal is never sent
    await excel.type('Sheet1', 'A1', 'y');
    expect(calls).toBe(2);
    await excel.run(reg.context, async (ctx) => {
      reg.remove();
      await ctx.sync();
    });
    await excel.type('Sheet1', 'A1', 'z');
    expect(calls).toBe(2);
  });
});

describe('table AutoFilter (ExcelApi 1.9)', () => {
  async function table(excel: FakeExcel) {
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1:B4').values = [
        ['name', 'result'],
        ['a', 'bad'],
        ['b', ''],
        ['c', 'bad'],
      ];
      ws.tables.add(ws.getRange('A1:B4'), true);
    });
  }

  test('a values filter hides the other rows; clearCriteria shows them again', async () => {
    const excel = new FakeExcel();
    await table(excel);
    await excel.run(async (ctx) => {
      const t = ctx.workbook.worksheets.getItem('Sheet1').tables.getItemAt(0);
      t.autoFilter.apply(t.getRange(), 1, { filterOn: 'Values', values: ['bad'] });
    });
    expect([...excel.sheets.get('Sheet1')!.hiddenRows]).toEqual([2]);
    const filtered = await excel.run(async (ctx) => {
      const f = ctx.workbook.worksheets
        .getItem('Sheet1')
        .tables.getItemAt(0)
        .autoFilter.load('isDataFiltered');
      await ctx.sync();
      return f.isDataFiltered;
    });
    expect(filtered).toBe(true);
    await excel.run(async (ctx) =>
      ctx.workbook.worksheets.getItem('Sheet1').tables.getItemAt(0).autoFilter.clearCriteria(),
    );
    expect(excel.sheets.get('Sheet1')!.hiddenRows.size).toBe(0);
  });

  test('a column outside the range is InvalidArgument; a 1.8 host lacks AutoFilter', async () => {
    const excel = new FakeExcel();
    await table(excel);
    await expect(
      excel.run(async (ctx) => {
        const t = ctx.workbook.worksheets.getItem('Sheet1').tables.getItemAt(0);
        t.autoFilter.apply(t.getRange(), 2, { filterOn: 'Values', values: ['bad'] });
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    const old = new FakeExcel({ api: '1.8' });
    await table(old);
    await expect(
      old.run(async (ctx) =>
        ctx.workbook.worksheets.getItem('Sheet1').tables.getItemAt(0).autoFilter.clearCriteria(),
      ),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });
  });

  test('no table at that position is ItemNotFound', async () => {
    const excel = new FakeExcel();
    await expect(
      excel.run(async (ctx) => void ctx.workbook.worksheets.getItem('Sheet1').tables.getItemAt(0)),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
  });
});
