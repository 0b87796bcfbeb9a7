import { choiceLabel, choiceList, choiceText, choiceValue } from './choices';
import { profiles } from './profiles';

const col = (profile: 'eq' | 'jairo', key: string) => profiles[profile].columns.find((c) => c.key === key)!;
const role = col('eq', 'role');
const status = col('eq', 'status');

describe('choice columns: words for codes, both ways (seed notation 2:管理者)', () => {
  test('a code shows as code:label; a server-only state as its word; other columns as they are', () => {
    expect(choiceText(role, '2', 'ja')).toBe('2:管理者');
    expect(choiceText(role, '0', 'en')).toBe('0:User');
    expect(choiceText(col('eq', 'canComment'), '1', 'ja')).toBe('1:コメント可');
    expect(choiceText(status, '2', 'ja')).toBe('2:利用停止中');
    expect(choiceText(status, 'provisional', 'ja')).toBe('仮登録');
    expect(choiceText(role, '', 'ja')).toBe('');
    expect(choiceText(role, '9', 'ja')).toBe('9');
    expect(choiceText(col('eq', 'email'), 'a@b.jp', 'ja')).toBe('a@b.jp');
  });

  test.each([
    ['2', '2'],
    ['管理者', '2'],
    ['2:管理者', '2'],
    [' 2：管理者 ', '2'],
    ['2（管理者）', '2'],
    ['2(管理者)', '2'],
    ['Administrator', '2'],
    ['2:Administrator', '2'],
    ['２', '2'],
    ['', ''],
    ['9', '9'],
    ['2:編集者', '2:編集者'],
    ['上司', '上司'],
  ])('the cell %j is stored as %j', (text, value) => {
    expect(choiceValue(role, text)).toBe(value);
  });

  test('server-only states read back as their codes; text of other columns is untouched', () => {
    expect(choiceValue(status, '仮登録')).toBe('provisional');
    expect(choiceValue(status, 'Waiting')).toBe('waiting');
    expect(choiceValue(status, '利用中')).toBe('1');
    expect(choiceValue(col('eq', 'displayName'), ' 管理者 ')).toBe(' 管理者 ');
  });

  test('the drop-down lists what may be typed; the review speaks in labels', () => {
    expect(choiceList(role, 'ja')).toEqual(['0:一般ユーザー', '1:編集者', '2:管理者']);
    expect(choiceList(status, 'ja')).toEqual(['1:利用中', '2:利用停止中']);
    expect(choiceLabel(role, '1', 'ja')).toBe('編集者');
    expect(choiceLabel(role, '9', 'ja')).toBe('9');
    expect(choiceLabel(col('eq', 'remarks'), 'x', 'ja')).toBe('x');
  });

  test('every choice of both profiles round-trips through its text, in both languages', () => {
    for (const p of Object.values(profiles))
      for (const c of p.columns)
        for (const o of c.options ?? [])
          for (const locale of ['ja', 'en'] as const)
            expect(choiceValue(c, choiceText(c, o.value, locale))).toBe(o.value);
  });
});
