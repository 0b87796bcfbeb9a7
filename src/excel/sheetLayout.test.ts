import { profiles } from '../domain';
import { pulledUsers } from '../../test/excel/pulled';
import {
  SheetShapeError,
  chunkByBytes,
  columnLetters,
  fromGrid,
  layoutFor,
  rowBytes,
  splitCells,
  storedValue,
  toGrid,
  utf8Length,
} from './sheetLayout';

const eq = profiles.eq;

describe('sheet layout', () => {
  test('headers follow the language; id and version come last, hidden', () => {
    expect(layoutFor(eq, 'ja').columns.map((c) => c.header)).toEqual([
      'ユーザー名',
      'ユーザーID',
      'メールアドレス',
      'パスワード',
      '所属グループID',
      '備考',
      '権限',
      'コメント可否',
      'ステータス',
      '登録状態',
      '結果',
      '#id',
      '#version',
      '#key',
    ]);
    expect(
      layoutFor(profiles.jairo, 'en')
        .columns.filter((c) => !c.hidden)
        .map((c) => c.header),
    ).toEqual(['Member number', 'User ID', 'Display name', 'Email', 'Role', 'Status', 'Result']);
    expect(layoutFor(profiles.jairo, 'ja').columns[0]).toMatchObject({ key: 'memberNumber', readOnly: true });
  });

  test('a grid read back gives the same rows, whatever order the admin moved the columns to', () => {
    const layout = layoutFor(eq, 'ja');
    const users = pulledUsers(4);
    const grid = toGrid(eq, layout, users);
    const order = [3, 0, 10, 12, 1, 2, 9, 4, 11, 5, 8, 6, 7, 13];
    const moved = grid.map((line) => order.map((i) => line[i]!));
    const rows = fromGrid(eq, layout, moved, 1);
    expect(rows.map((r) => r.id)).toEqual(users.map((u) => u.id));
    expect(rows[2]!.values).toEqual({ ...users[2]!.values, password: '' });
  });

  test('empty lines are skipped; a line with only an id is kept (cleared cells are changes)', () => {
    const layout = layoutFor(eq, 'en');
    const grid = [
      layout.columns.map((c) => c.header),
      layout.columns.map(() => ''),
      layout.columns.map((c) => (c.key === '#id' ? 'x' : '')),
    ];
    expect(fromGrid(eq, layout, grid, 1).map((r) => [r.rowNumber, r.id])).toEqual([[3, 'x']]);
  });

  test('a sheet missing a column says which', () => {
    const layout = layoutFor(eq, 'ja');
    const grid = [layout.columns.filter((c) => c.key !== 'email').map((c) => c.header)];
    expect(() => fromGrid(eq, layout, grid)).toThrow(SheetShapeError);
    expect(() => fromGrid(eq, layout, grid)).toThrow('メールアドレス');
  });

  test.each([
    ['仮登録', 'provisional'],
    ['Waiting', 'waiting'],
    ['1', '1'],
    ['利用中', '1'],
    ['2:利用停止中', '2'],
  ])('status cell %s is stored as %s', (text, value) => {
    expect(
      storedValue(
        eq.columns.find((c) => c.key === 'status'),
        text,
      ),
    ).toBe(value);
  });

  test('payload sizes are counted in UTF-8 and chunks stay under the budget', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('名簿')).toBe(6);
    expect(utf8Length('😀')).toBe(4);
    const rows = Array.from({ length: 1000 }, (_, i) => [`利用者${i}`, 'x'.repeat(100)]);
    const chunks = chunkByBytes(rows, 20_000);
    expect(chunks.flat()).toEqual(rows);
    for (const c of chunks) expect(c.reduce((n, r) => n + rowBytes(r), 0)).toBeLessThanOrEqual(20_000);
    expect(JSON.stringify(rows[0]).length).toBeLessThanOrEqual(rowBytes(rows[0]!));
  });

  test.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('column %i is %s', (i, letters) => {
    expect(columnLetters(i)).toBe(letters);
  });
});

describe('eq’s server-set states in their own column (issue 15)', () => {
  const layout = layoutFor(eq, 'ja');
  const header = layout.columns.map((c) => c.header);
  const at = (h: string) => header.indexOf(h);
  const users = pulledUsers(12); // user 0 and 11 are provisional
  users[3]!.values.status = 'waiting';
  users[4]!.values.status = '2';
  const grid = toGrid(eq, layout, users);

  test('登録状態 follows ステータス, read-only; ステータス offers only 1:利用中 / 2:利用停止中', () => {
    expect(header.slice(8, 11)).toEqual(['ステータス', '登録状態', '結果']);
    expect(layout.columns[9]).toMatchObject({ key: 'registration', readOnly: true, hidden: false });
    expect(layout.columns[8]!.options).toEqual(['1:利用中', '2:利用停止中']);
    expect(layoutFor(eq, 'en').columns[9]!.header).toBe('Registration');
  });

  test('a provisional or waiting user: blank status, the state in 登録状態; others the other way', () => {
    const cells = (r: number) => [grid[r + 1]![at('ステータス')], grid[r + 1]![at('登録状態')]];
    expect(cells(0)).toEqual(['', '仮登録']);
    expect(cells(3)).toEqual(['', '利用待ち']);
    expect(cells(1)).toEqual(['1:利用中', '']);
    expect(cells(4)).toEqual(['2:利用停止中', '']);
  });

  test('read back, the server still gets the code and nothing looks changed', () => {
    const rows = fromGrid(eq, layout, grid, 1);
    expect(rows.map((r) => r.values.status)).toEqual(users.map((u) => u.values.status));
    expect(rows[0]!.values).not.toHaveProperty('registration');
  });

  test('typing 2:利用停止中 over a provisional user suspends; typing into 登録状態 alone changes nothing', () => {
    const edited = grid.map((l) => [...l]);
    edited[1]![at('ステータス')] = '2';
    edited[2]![at('登録状態')] = '仮登録'; // an active user: the status cell still says 1:利用中
    const rows = fromGrid(eq, layout, edited, 1);
    expect(rows[0]!.values.status).toBe('2');
    expect(rows[1]!.values.status).toBe('1');
  });

  test('cells written to ステータス are split the same way', () => {
    expect(splitCells(eq, layout, [{ rowNumber: 2, column: 'status', value: '仮登録' }])).toEqual([
      { rowNumber: 2, column: 'status', value: '' },
      { rowNumber: 2, column: 'registration', value: '仮登録' },
    ]);
    expect(splitCells(eq, layout, [{ rowNumber: 2, column: 'status', value: '1:利用中' }])).toEqual([
      { rowNumber: 2, column: 'status', value: '1:利用中' },
      { rowNumber: 2, column: 'registration', value: '' },
    ]);
    const other = { rowNumber: 2, column: 'role', value: '2:管理者' };
    expect(splitCells(eq, layout, [other])).toEqual([other]);
  });

  test('jairo keeps its one read-only status column', () => {
    const j = layoutFor(profiles.jairo, 'ja');
    expect(j.columns.map((c) => c.key)).not.toContain('registration');
    const [g] = [
      toGrid(profiles.jairo, j, [{ id: 'a', version: '1', values: { status: 'waiting' }, flags: {} }]),
    ];
    expect(g![1]![j.columns.findIndex((c) => c.key === 'status')]).toBe('利用待ち');
  });
});
