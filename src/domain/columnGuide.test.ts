import { choiceText } from './choices';
import { allowedValues, columnGuide, exampleRow } from './columnGuide';
import { profiles } from './profiles';
import { validateRows } from './validateRows';

const shown = (locale: 'ja' | 'en') => (col: Parameters<typeof choiceText>[0], v: string) =>
  choiceText(col, v, locale);

describe('the column guide (issue 15)', () => {
  test('every eq column, 登録状態 after ステータス, with the seeds’ notation of choices', () => {
    const grid = columnGuide(profiles.eq, 'ja', shown('ja'));
    expect(grid[0]).toEqual(['列', '入力できる値', 'ルール', '例']);
    expect(grid.slice(1).map((l) => l[0])).toEqual([
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
    ]);
    const line = (h: string) => grid.find((l) => l[0] === h)!;
    expect(line('権限')[1]).toBe('0(一般ユーザー)/1(編集者)/2(管理者)');
    expect(line('ステータス')[1]).toBe('1(利用中)/2(利用停止中)');
    expect(line('登録状態')[1]).toBe('仮登録/利用待ち');
    expect(line('ユーザー名')[2]).toContain('50文字以内');
    expect(line('ユーザー名')[2]).toContain('必須');
    expect(line('ユーザーID')[2]).toContain('4～32文字');
    expect(line('ユーザーID')[2]).toContain('登録後は変更できません');
    expect(line('コメント可否')[2]).toContain("'権限'が「0」の場合は必須");
    expect(line('権限')[3]).toBe('0:一般ユーザー');
  });

  test('in English, and for jairo (one read-only status, the refused role named)', () => {
    const grid = columnGuide(profiles.jairo, 'en', shown('en'));
    const line = (h: string) => grid.find((l) => l[0] === h)!;
    expect(grid[0]).toEqual(['Column', 'Allowed values', 'Rules', 'Example']);
    expect(line('Member number')[2]).toContain('Set by the server');
    expect(line('Role')[1]).toBe('図書館員/教員');
    expect(line('Role')[2]).toContain('Community Administrator');
    expect(line('Status')[1]).toBe('Active/Provisional/Waiting/Disabled');
    expect(
      allowedValues(
        profiles.eq.columns.find((c) => c.key === 'role')!,
        'en',
      ),
    ).toBe('0(User)/1(Editor)/2(Administrator)');
  });

  test.each(['eq', 'jairo'] as const)('the %s example row passes every rule of an invitation', (id) => {
    for (const locale of ['ja', 'en'] as const) {
      const values = exampleRow(profiles[id], locale);
      const problems = validateRows(profiles[id], [{ rowNumber: 2, values }], {
        mode: 'register-invite',
        locale,
        passwordClasses: 2,
      });
      expect(problems).toEqual([]);
    }
  });
});
