import { profiles } from '../domain';
import { pulledUsers } from '../../test/excel/pulled';
import {
  SheetShapeError,
  chunkByBytes,
  columnLetters,
  fromGrid,
  layoutFor,
  rowBytes,
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
    const order = [3, 0, 10, 12, 1, 2, 9, 4, 11, 5, 8, 6, 7];
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
