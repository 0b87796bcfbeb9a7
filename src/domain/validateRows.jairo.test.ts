import { jairoValues, options, row } from '../../test/builders';
import { profiles, validateRows, type Mode, type ProblemCode, type RosterRow } from '.';

const jairo = profiles.jairo;
type Overrides = Record<string, string | undefined>;

function judge(mode: Mode, overrides: Overrides, extra: Partial<RosterRow> = {}) {
  return validateRows(jairo, [row(4, jairoValues(overrides), extra)], options(mode)).map(
    (p) => `${p.column}:${p.code}`,
  );
}

const EXISTING = { id: 'u1' } as const;

describe('jairo: rows that break one rule get exactly that problem', () => {
  test.each<[string, Mode, Overrides, Partial<RosterRow>, string, ProblemCode]>([
    [
      'a member number typed on a new user',
      'register-invite',
      { memberNumber: '000123' },
      {},
      'memberNumber',
      'notAllowed',
    ],
    [
      'a member number in exponent notation',
      'update',
      { memberNumber: '1.23457E+13' },
      EXISTING,
      'memberNumber',
      'exponent',
    ],
    ['user ID missing', 'register-invite', { userName: '' }, {}, 'userName', 'required'],
    ['user ID missing on update', 'update', { userName: '' }, EXISTING, 'userName', 'required'],
    ['user ID with a space', 'register-invite', { userName: 'hana ko' }, {}, 'userName', 'invalidChars'],
    ['user ID in exponent notation', 'register-invite', { userName: '2.01E+19' }, {}, 'userName', 'exponent'],
    ['display name missing', 'register-invite', { displayName: '' }, {}, 'displayName', 'required'],
    ['display name missing on update', 'update', { displayName: '' }, EXISTING, 'displayName', 'required'],
    ['email missing', 'register-invite', { email: '' }, {}, 'email', 'required'],
    ['email missing on update', 'update', { email: '' }, EXISTING, 'email', 'required'],
    ['email without a domain', 'register-invite', { email: 'hanako@' }, {}, 'email', 'invalidFormat'],
    [
      'email of 256 characters',
      'register-invite',
      { email: `${'a'.repeat(245)}@example.jp` },
      {},
      'email',
      'tooLong',
    ],
    ['role missing', 'register-invite', { role: '' }, {}, 'role', 'required'],
    [
      'role Community Administrator',
      'register-invite',
      { role: 'Community Administrator' },
      {},
      'role',
      'notAllowed',
    ],
    ['role of another system', 'register-invite', { role: '管理者' }, {}, 'role', 'invalidValue'],
  ])('%s', (_name, mode, overrides, extra, column, code) => {
    expect(judge(mode, overrides, extra)).toEqual([`${column}:${code}`]);
  });
});

describe('jairo: rows within the rules have no problem', () => {
  test.each<[string, Mode, Overrides, Partial<RosterRow>]>([
    ['a new faculty member', 'register-invite', {}, {}],
    ['a new librarian', 'register-invite', { role: '図書館員' }, {}],
    ['a display name with a space', 'register-invite', { displayName: 'Hanako Sato' }, {}],
    [
      'an existing user with a member number with leading zeros',
      'update',
      { memberNumber: '0000012345678901' },
      EXISTING,
    ],
  ])('%s', (_name, mode, overrides, extra) => {
    expect(judge(mode, overrides, extra)).toEqual([]);
  });

  test('the same user ID in another case is an error', () => {
    const rows = [
      row(2, jairoValues({ userName: 'Hanako', email: 'x@example.ac.jp' })),
      row(3, jairoValues({ userName: 'hanako', email: 'y@example.ac.jp' })),
    ];
    expect(validateRows(jairo, rows, options('register-invite')).map((p) => `${p.column}:${p.code}`)).toEqual(
      ['userName:duplicate', 'userName:duplicate'],
    );
  });

  test('the same email twice is an error', () => {
    const rows = [
      row(2, jairoValues({ userName: 'a1', email: 'x@example.ac.jp' })),
      row(3, jairoValues({ userName: 'a2', email: 'X@example.ac.jp' })),
    ];
    expect(validateRows(jairo, rows, options('register-invite')).map((p) => p.code)).toEqual([
      'duplicate',
      'duplicate',
    ]);
  });

  test('Community Administrator is refused with the seed reason', () => {
    const [p] = validateRows(
      jairo,
      [row(5, jairoValues({ role: 'Community Administrator' }))],
      options('register-invite'),
    );
    expect(p!.message).toBe(
      "5行目でエラー: '権限'に「Community Administrator」は指定できません。Community Administrator権限は現在JAIRO Cloudでは利用できません。",
    );
  });

  test('setting passwords is not a jairo mode: every row says so on its user ID', () => {
    const problems = validateRows(
      jairo,
      [row(2, jairoValues()), row(3, jairoValues())],
      options('register-password'),
    );
    expect(problems.map((p) => [p.rowNumber, p.column, p.code])).toEqual([
      [2, 'userName', 'notAllowed'],
      [3, 'userName', 'notAllowed'],
    ]);
  });
});
