import { eqValues, options, row } from '../../test/builders';
import { profiles, validateRows, type Mode, type RosterRow } from '.';

// Behaviour at the edges of validateRows' shortcuts (lengths judged from UTF-16 length, an email
// judged before its characters, plans per row mode): the answer is the same as a full check's.
const eq = profiles.eq;

function judge(mode: Mode, overrides: Record<string, string>, extra: Partial<RosterRow> = {}) {
  const problems = validateRows(eq, [row(3, eqValues(overrides), extra)], options(mode));
  return problems.map((p) => `${p.column}:${p.code}`);
}

describe('lengths are counted in characters, whatever the UTF-16 length', () => {
  test.each([
    ['26 emoji (52 UTF-16 units) are within a 50-character user name', '😀'.repeat(26), []],
    ['51 characters are too long', '山'.repeat(51), ['displayName:tooLong']],
    ['25 emoji and a kanji are within 50', '😀'.repeat(25) + '山', []],
  ])('%s', (_, displayName, expected) => {
    expect(judge('register-invite', { displayName })).toEqual(expected);
  });

  test('3 emoji (6 UTF-16 units) are shorter than a 4-character user ID', () => {
    const problems = validateRows(eq, [row(3, eqValues({ userName: '😀😀😀' }))], options('register-invite'));
    expect(problems.map((p) => p.message)).toEqual([
      "3行目でエラー: 'ユーザーID'は4～32文字で入力してください（現在3文字）。",
      "3行目でエラー: 'ユーザーID'に全角文字（「😀」）は使用できません。半角で入力してください。",
    ]);
  });

  test('4 emoji (8 UTF-16 units) are long enough, and only their characters are refused', () => {
    expect(judge('register-invite', { userName: '😀😀😀😀' })).toEqual(['userName:invalidChars']);
  });
});

describe('a refused email address says why', () => {
  test.each([
    ['a space', 'taro @example.jp', "'メールアドレス'に空白文字（半角スペース）は使用できません。"],
    [
      'a full-width letter',
      'ｔaro@example.jp',
      "'メールアドレス'に全角文字（「ｔ」）は使用できません。半角で入力してください。",
    ],
    [
      'both: the space is named',
      'ｔaro\u3000@example.jp',
      "'メールアドレス'に空白文字（全角スペース）は使用できません。",
    ],
    [
      'no dot in the domain',
      'taro@example',
      "'メールアドレス'はメールアドレスの形式で入力してください（例: xxxx@xx.xx.xx）。",
    ],
  ])('%s', (_, email, body) => {
    const problems = validateRows(eq, [row(3, eqValues({ email }))], options('register-invite'));
    expect(problems.map((p) => p.message)).toEqual([`3行目でエラー: ${body}`]);
  });
});

describe('rows judged by different modes in one call', () => {
  test('a new row and an existing one with the same user ID are both duplicates', () => {
    const rows = [
      row(2, eqValues({ userName: 'Taro', email: 'a@example.jp' }), { id: 'u1' }),
      row(3, eqValues({ userName: 'taro', email: 'b@example.jp' })),
    ];
    expect(validateRows(eq, rows, options('register-invite')).map((p) => [p.rowNumber, p.code])).toEqual([
      [2, 'duplicate'],
      [3, 'duplicate'],
    ]);
  });

  test('each row follows its own mode: the password is forbidden only in the new row', () => {
    const rows = [
      row(2, eqValues({ userName: 'aaaa', email: 'a@example.jp', password: 'secret123' }), { id: 'u1' }),
      row(3, eqValues({ userName: 'bbbb', email: 'b@example.jp', password: 'secret123' })),
      row(4, eqValues({ userName: 'cccc', email: 'c@example.jp', password: 'secret123' }), { id: 'u2' }),
    ];
    expect(validateRows(eq, rows, options('register-invite')).map((p) => [p.rowNumber, p.code])).toEqual([
      [3, 'notAllowed'],
    ]);
  });
});
