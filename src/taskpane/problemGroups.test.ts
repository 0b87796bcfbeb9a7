import type { Problem } from '../domain';
import { groupProblems } from './problemGroups';

const p = (rowNumber: number | null, column: string, code: Problem['code'], body: string): Problem => ({
  rowNumber,
  column,
  code,
  message: `${rowNumber === null ? '削除する行でエラー: ' : `${rowNumber}行目でエラー: `}${body}`,
});

describe('problems grouped by kind', () => {
  test('one group per column and kind, biggest first, with counts; the same words say what is wrong', () => {
    const problems = [
      ...Array.from({ length: 600 }, (_, i) =>
        p(i + 2, 'email', 'invalidFormat', "'メールアドレス'の形式が違います。"),
      ),
      p(5, 'userName', 'tooLong', "'ユーザーID'は4～32文字で入力してください（現在40文字）。"),
      p(9, 'userName', 'tooLong', "'ユーザーID'は4～32文字で入力してください（現在33文字）。"),
      p(null, 'userName', 'ownAccount', '自分のアカウントは削除できません。'),
    ];
    const groups = groupProblems(
      problems,
      'ja',
      (key) => ({ email: 'メールアドレス', userName: 'ユーザーID' })[key] ?? key,
    );
    expect(groups.map((g) => [g.label, g.problems.length])).toEqual([
      ["'メールアドレス'の形式が違います。", 600],
      ["'ユーザーID'の問題", 2],
      ['自分のアカウントは削除できません。', 1],
    ]);
    expect(groups.reduce((n, g) => n + g.problems.length, 0)).toBe(problems.length);
    expect(groups[1]!.problems.map((x) => x.rowNumber)).toEqual([5, 9]);
  });

  test('English groups speak English', () => {
    const groups = groupProblems(
      [
        { rowNumber: 2, column: 'role', code: 'invalidValue', message: 'Row 2: a' },
        { rowNumber: 3, column: 'role', code: 'invalidValue', message: 'Row 3: b' },
      ],
      'en',
      () => 'Role',
    );
    expect(groups.map((g) => g.label)).toEqual(["Problems with 'Role'"]);
  });
});
