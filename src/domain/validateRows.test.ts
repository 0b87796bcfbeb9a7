import fc from 'fast-check';
import { eqValues, options, row } from '../../test/builders';
import { MODES, profiles, validateRows, type Profile } from '.';

describe('messages follow the seed', () => {
  test("Japanese: 3行目でエラー: 'メールアドレス'は必須です。", () => {
    const [p] = validateRows(profiles.eq, [row(3, eqValues({ email: '' }))], options('register-invite'));
    expect(p).toEqual({
      rowNumber: 3,
      column: 'email',
      code: 'required',
      message: "3行目でエラー: 'メールアドレス'は必須です。",
    });
  });

  test("English: Row 3: 'Email' is required.", () => {
    const [p] = validateRows(
      profiles.eq,
      [row(3, eqValues({ email: '' }))],
      options('register-invite', { locale: 'en' }),
    );
    expect(p!.message).toBe("Row 3: 'Email' is required.");
  });

  test('comment permission names the role that makes it required', () => {
    const [p] = validateRows(
      profiles.eq,
      [row(7, eqValues({ role: '0', canComment: '' }))],
      options('register-invite'),
    );
    expect(p!.message).toBe("7行目でエラー: '権限'が「0」の場合、'コメント可否'は必須です。");
  });

  test('exponent notation explains how to fix the cell', () => {
    const [p] = validateRows(
      profiles.eq,
      [row(2, eqValues({ userName: '1.23457E+13' }))],
      options('register-invite'),
    );
    expect(p!.message).toContain('指数表記');
    expect(p!.message).toContain('文字列');
  });

  test('an invalid enum value lists the allowed values with their meaning', () => {
    const [p] = validateRows(profiles.eq, [row(2, eqValues({ role: '5' }))], options('register-invite'));
    expect(p!.message).toBe(
      "2行目でエラー: '権限'には0（一般ユーザー）、1（編集者）、2（管理者）のいずれかを入力してください（「5」は指定できません）。",
    );
  });

  test('in English, the allowed values are listed with English punctuation', () => {
    const [p] = validateRows(
      profiles.eq,
      [row(2, eqValues({ role: '5' }))],
      options('register-invite', { locale: 'en' }),
    );
    expect(p!.message).toContain('0 (User), 1 (Editor), 2 (Administrator)');
    expect(p!.message).not.toMatch(/[（）、]/);
  });
});

describe('what validateRows reads', () => {
  test('an empty line in the sheet is skipped', () => {
    const blank = Object.fromEntries(profiles.eq.columns.map((c) => [c.key, '']));
    expect(validateRows(profiles.eq, [row(2, blank), row(3, {})], options('register-invite'))).toEqual([]);
  });

  test('a row with an id but nothing typed is judged, not skipped', () => {
    const blank = Object.fromEntries(profiles.eq.columns.map((c) => [c.key, '']));
    const problems = validateRows(profiles.eq, [row(2, blank, { id: 'u1' })], options('update'));
    expect(problems.map((p) => p.column)).toEqual(['displayName', 'userName', 'role', 'status']);
  });

  test('columns the profile does not know are ignored', () => {
    expect(
      validateRows(profiles.eq, [row(2, eqValues({ note: '=SUM(A1)' }))], options('register-invite')),
    ).toEqual([]);
  });

  test('problems come in sheet order: by row, then by column', () => {
    const rows = [
      row(9, eqValues({ role: 'x', displayName: '', userName: 'nine', email: 'nine@example.jp' })),
      row(4, eqValues({ email: 'bad', userName: 'four' })),
    ];
    const problems = validateRows(profiles.eq, rows, options('register-invite'));
    expect(problems.map((p) => `${p.rowNumber}:${p.column}`)).toEqual(['4:email', '9:displayName', '9:role']);
  });

  test('a 20,000-row sheet is not an error in itself', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) =>
      row(i + 2, eqValues({ userName: `user${i}`, email: `u${i}@example.jp` })),
    );
    expect(validateRows(profiles.eq, rows, options('register-invite'))).toEqual([]);
  });
});

describe('properties', () => {
  const anyProfile = fc.constantFrom<Profile>(profiles.eq, profiles.jairo);
  const cell = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.constantFrom(
      '',
      ' ',
      '\u3000',
      '0',
      '1',
      '2',
      '図書館員',
      'provisional',
      '1.23E+13',
      'a@b.jp',
      '=1+1',
    ),
  );

  test('validation never throws and always names a real row and column of the profile', () => {
    fc.assert(
      fc.property(
        anyProfile,
        fc.constantFrom(...MODES),
        fc.constantFrom('ja' as const, 'en' as const),
        fc.integer({ min: -3, max: 9 }),
        fc.array(
          fc.record({
            rowNumber: fc.integer({ min: 2, max: 1_048_576 }),
            id: fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
            values: fc.dictionary(
              fc.constantFrom(
                'displayName',
                'userName',
                'email',
                'password',
                'groups',
                'remarks',
                'role',
                'canComment',
                'status',
                'memberNumber',
                'other',
              ),
              cell,
            ),
          }),
          { maxLength: 30 },
        ),
        (profile, mode, locale, passwordClasses, rows) => {
          const problems = validateRows(profile, rows, { mode, locale, passwordClasses });
          const rowNumbers = new Set(rows.map((r) => r.rowNumber));
          const columns = new Set(profile.columns.map((c) => c.key));
          for (const p of problems) {
            expect(rowNumbers.has(p.rowNumber!)).toBe(true);
            expect(columns.has(p.column)).toBe(true);
            expect(p.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test('validation does not depend on row order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            userName: fc.constantFrom('aaaa', 'AAAA', 'bbbb', ''),
            email: fc.constantFrom('a@x.jp', 'A@x.jp', 'bad', ''),
          }),
          { maxLength: 12 },
        ),
        fc.integer(),
        (cells, seed) => {
          const rows = cells.map((c, i) => row(i + 2, eqValues(c)));
          const shuffled = [...rows].sort(
            (a, b) => ((a.rowNumber * 7919 + seed) % 13) - ((b.rowNumber * 7919 + seed) % 13),
          );
          expect(validateRows(profiles.eq, shuffled, options('register-invite'))).toEqual(
            validateRows(profiles.eq, rows, options('register-invite')),
          );
        },
      ),
    );
  });
});
