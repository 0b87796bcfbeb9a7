// Issue 14, "done when" 2: strings Excel likes to change, pulled into every text column of both
// profiles and typed into new rows, on the strict fake.
import { profiles, type Profile } from '../domain';
import { FakeExcel, colLetters } from '../../test/excel/FakeExcel';
import { meta, sheetOn } from '../../test/excel/pulled';
import { layoutFor, type PulledUser } from './sheetLayout';
import { SPARE_ROWS } from './rosterFormat';

const LONG = 'x'.repeat(32_767);
const CORPUS: readonly string[] = [
  // formulas in every form, and what Excel reads as one
  '=1+1',
  '=SUM(A1:A3)',
  '=HYPERLINK("http://example.com","y")',
  '=A1',
  '= 1',
  '=-1',
  '+1',
  '+81 90 1234 5678',
  '-5',
  '-',
  '--1',
  '-A1',
  '@SUM(A1)',
  '@',
  '＝1+1',
  '＝SUM(A1)',
  '＋81',
  '－5',
  // leading apostrophes
  "'=1+1",
  "'",
  "''",
  "'00123",
  "'abc",
  // line breaks
  'a\r\nb',
  '\r\n',
  'line1\nline2',
  // the cell limit
  LONG,
  '長'.repeat(32_767),
  // dates
  '1/2',
  '2026-01-02',
  '2026/1/2',
  '令和8年1月2日',
  '1月2日',
  // booleans
  'TRUE',
  'false',
  'True',
  // percentages, currency, separators, negatives in parentheses
  '50%',
  '５０％',
  '1.5%',
  '$100',
  '¥1,000',
  '￥100',
  '1,234',
  '1,234,567',
  '(123)',
  '（１２３）',
  // leading zeros, exponents, decimals
  '000123',
  '0012345678901',
  '00',
  '0.10',
  '1.0',
  '1e5',
  '1E+10',
  '1.23E+13',
  '.5',
  '１２３',
  '０１２３',
  // 12–20 digit numbers
  '123456789012',
  '1234567890123456',
  '123456789012345678',
  '12345678901234567890',
  '98765432109876543210',
  // odd text
  ' 123 ',
  '#N/A',
  '#NAME?',
  '\t1',
  '1/0',
];

/** Columns an admin types free text into (no drop-down, not the read-only ones). */
function textColumns(profile: Profile): string[] {
  return profile.columns.filter((c) => !c.options && !c.serverManaged && c.editable).map((c) => c.key);
}

function corpusUsers(profile: Profile): PulledUser[] {
  return CORPUS.map((text, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    version: 'W/"1"',
    values: Object.fromEntries(profile.columns.map((c) => [c.key, c.options ? c.options[0]!.value : text])),
    flags: {},
  }));
}

test('the corpus has at least 60 strings', () => {
  expect(CORPUS.length).toBeGreaterThanOrEqual(60);
});

describe.each([
  ['eq', profiles.eq],
  ['jairo', profiles.jairo],
])('%s', (_, profile) => {
  const columns = textColumns(profile);

  test('every string pulled into every text column reads back exactly, none evaluated as a formula', async () => {
    const excel = new FakeExcel();
    const sheet = sheetOn(excel);
    const users = corpusUsers(profile);
    await sheet.writeRoster(profile, users, meta({ profileId: profile.id }));
    for (const cell of excel.sheets.get('名簿')!.cells.values()) expect(cell.formula).toBeUndefined();
    const rows = await sheet.readRows(profile);
    expect(rows).toHaveLength(CORPUS.length);
    // A pull sorts the sheet by user ID: compare by id.
    const byId = new Map(rows.map((r) => [r.id, r]));
    const got = users.map((u) => columns.map((k) => byId.get(u.id)!.values[k]));
    expect(got).toEqual(CORPUS.map((text) => columns.map(() => text)));
    expect(sheet.excelProblems()).toEqual([]);
  });

  test.each([
    ['in the formatted rows just below the table', 0],
    ['far below, in General cells', SPARE_ROWS + 10],
  ])('typed into new rows %s, every string is kept as text or flagged before submit', async (_where, gap) => {
    const excel = new FakeExcel();
    const sheet = sheetOn(excel);
    await sheet.writeRoster(profile, [], meta({ profileId: profile.id }));
    const layout = layoutFor(profile, 'ja');
    const first = 2 + gap;
    for (const [i, text] of CORPUS.entries())
      for (const key of columns)
        await excel.type(
          '名簿',
          `${colLetters(layout.columns.findIndex((c) => c.key === key))}${first + i}`,
          text,
        );
    const rows = await sheet.readRows(profile);
    const flagged = new Set(sheet.excelProblems().map((p) => `${p.rowNumber}:${p.column}`));
    const lost: string[] = [];
    for (const [i, text] of CORPUS.entries()) {
      const row = rows.find((r) => r.rowNumber === first + i);
      // What the admin meant: Excel's own text prefix (') is not part of the value, and a typed
      // line break is LF.
      const meant = text.replace(/^'/, '').replace(/\r\n/g, '\n');
      for (const key of columns)
        if ((row?.values[key] ?? '') !== meant && !flagged.has(`${first + i}:${key}`))
          lost.push(
            `${JSON.stringify(text).slice(0, 30)} in ${key}: ${String(JSON.stringify(row?.values[key])).slice(0, 30)}`,
          );
    }
    expect(lost).toEqual([]);
    if (gap === 0) expect(flagged.size).toBe(0);
    else expect(flagged.size).toBeGreaterThan(40);
  });
});
