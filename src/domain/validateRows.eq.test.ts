import { eqValues, options, row } from '../../test/builders';
import { profiles, validateRows, type Mode, type ProblemCode, type RosterRow } from '.';

const eq = profiles.eq;
const long = (n: number, ch = 'a') => ch.repeat(n);
const emailOf = (length: number) => `${long(length - '@example.jp'.length)}@example.jp`;

type Overrides = Record<string, string | undefined>;

/** Problems of one eq row (row 3) as `column:code` strings. */
function judge(mode: Mode, overrides: Overrides, extra: Partial<RosterRow> = {}, passwordClasses = 2) {
  const rows = [row(3, eqValues(overrides), extra)];
  return validateRows(eq, rows, options(mode, { passwordClasses })).map((p) => `${p.column}:${p.code}`);
}

// A password that passes with the default two classes; invitation rows must leave it empty.
const PW = 'secret123';
const EXISTING = { id: 'u1' } as const;

describe('eq: rows that break one rule get exactly that problem', () => {
  test.each<[string, Mode, Overrides, Partial<RosterRow>, string, ProblemCode]>([
    // ユーザー名
    [
      'user name missing on invitation',
      'register-invite',
      { displayName: '' },
      {},
      'displayName',
      'required',
    ],
    [
      'user name missing with a set password',
      'register-password',
      { displayName: '', password: PW },
      {},
      'displayName',
      'required',
    ],
    ['user name missing on update', 'update', { displayName: '' }, EXISTING, 'displayName', 'required'],
    [
      'user name of 51 characters',
      'register-invite',
      { displayName: long(51, '山') },
      {},
      'displayName',
      'tooLong',
    ],
    [
      'user name with a half-width space',
      'register-invite',
      { displayName: '山田 太郎' },
      {},
      'displayName',
      'invalidChars',
    ],
    [
      'user name with a full-width space',
      'register-invite',
      { displayName: '山田\u3000太郎' },
      {},
      'displayName',
      'invalidChars',
    ],
    [
      'user name with a tab',
      'register-invite',
      { displayName: '山田\t太郎' },
      {},
      'displayName',
      'invalidChars',
    ],
    [
      'user name with a zero-width space',
      'register-invite',
      { displayName: '山田\u200b太郎' },
      {},
      'displayName',
      'invalidChars',
    ],
    // ユーザーID
    ['user ID missing on update', 'update', { userName: '' }, EXISTING, 'userName', 'required'],
    [
      'user ID missing on password update',
      'update-password',
      { userName: '', password: PW },
      EXISTING,
      'userName',
      'required',
    ],
    ['user ID of 3 characters', 'register-invite', { userName: 'abc' }, {}, 'userName', 'tooShort'],
    ['user ID of 33 characters', 'register-invite', { userName: long(33) }, {}, 'userName', 'tooLong'],
    ['user ID with @', 'register-invite', { userName: 'taro@x' }, {}, 'userName', 'invalidChars'],
    ['user ID with a space', 'register-invite', { userName: 'taro yamada' }, {}, 'userName', 'invalidChars'],
    [
      'user ID in full-width letters',
      'register-invite',
      { userName: 'ｔａｒｏｙａｍａｄａ' },
      {},
      'userName',
      'invalidChars',
    ],
    ['user ID with #', 'register-invite', { userName: 'taro#1' }, {}, 'userName', 'invalidChars'],
    [
      'user ID in exponent notation',
      'register-invite',
      { userName: '1.23457E+13' },
      {},
      'userName',
      'exponent',
    ],
    // メールアドレス
    ['email missing on invitation', 'register-invite', { email: '' }, {}, 'email', 'required'],
    ['email column missing on update', 'update', { email: undefined }, EXISTING, 'email', 'required'],
    ['email of 256 characters', 'register-invite', { email: emailOf(256) }, {}, 'email', 'tooLong'],
    ['email without @', 'register-invite', { email: 'taro.example.jp' }, {}, 'email', 'invalidFormat'],
    [
      'email without a dot in the domain',
      'register-invite',
      { email: 'taro@localhost' },
      {},
      'email',
      'invalidFormat',
    ],
    ['email with two @', 'register-invite', { email: 'a@b@example.jp' }, {}, 'email', 'invalidFormat'],
    [
      'email with a trailing space',
      'register-invite',
      { email: 'taro@example.jp ' },
      {},
      'email',
      'invalidChars',
    ],
    [
      'email with a full-width @',
      'register-invite',
      { email: 'taro＠example.jp' },
      {},
      'email',
      'invalidChars',
    ],
    // パスワード
    [
      'password missing with a set password',
      'register-password',
      { password: '' },
      {},
      'password',
      'required',
    ],
    [
      'password missing on password update',
      'update-password',
      { password: '' },
      EXISTING,
      'password',
      'required',
    ],
    ['password typed on invitation', 'register-invite', { password: PW }, {}, 'password', 'notAllowed'],
    ['password of 7 characters', 'register-password', { password: 'abc1234' }, {}, 'password', 'tooShort'],
    [
      'password of 129 characters',
      'register-password',
      { password: long(128) + '1' },
      {},
      'password',
      'tooLong',
    ],
    [
      'password with a space',
      'register-password',
      { password: 'secret 123' },
      {},
      'password',
      'invalidChars',
    ],
    [
      'password with a full-width digit',
      'register-password',
      { password: 'secret123１' },
      {},
      'password',
      'invalidChars',
    ],
    [
      'password with an accented letter',
      'register-password',
      { password: 'sécret123' },
      {},
      'password',
      'invalidChars',
    ],
    [
      'password of one class where two are required',
      'register-password',
      { password: 'abcdefgh' },
      {},
      'password',
      'weakPassword',
    ],
    [
      'password of a self-registered user',
      'update-password',
      { password: PW },
      { ...EXISTING, flags: { selfRegistered: true } },
      'password',
      'notAllowed',
    ],
    // 所属グループID
    ['group column missing on update', 'update', { groups: undefined }, EXISTING, 'groups', 'required'],
    ['groups separated by a comma', 'register-invite', { groups: '10,20' }, {}, 'groups', 'invalidFormat'],
    [
      'groups separated by two spaces',
      'register-invite',
      { groups: '10  20' },
      {},
      'groups',
      'invalidFormat',
    ],
    ['groups with a leading space', 'register-invite', { groups: ' 10' }, {}, 'groups', 'invalidFormat'],
    [
      'groups separated by a full-width space',
      'register-invite',
      { groups: '10\u300020' },
      {},
      'groups',
      'invalidChars',
    ],
    ['groups in full-width digits', 'register-invite', { groups: '１０' }, {}, 'groups', 'invalidChars'],
    ['a group that is not a number', 'register-invite', { groups: 'staff' }, {}, 'groups', 'invalidFormat'],
    ['a group in exponent notation', 'register-invite', { groups: '1.23457E+13' }, {}, 'groups', 'exponent'],
    // 備考
    ['remarks column missing on update', 'update', { remarks: undefined }, EXISTING, 'remarks', 'required'],
    // 権限
    ['role missing', 'register-invite', { role: '' }, {}, 'role', 'required'],
    ['role missing on update', 'update', { role: '' }, EXISTING, 'role', 'required'],
    ['role 3', 'register-invite', { role: '3' }, {}, 'role', 'invalidValue'],
    ['role with a space', 'register-invite', { role: ' 1' }, {}, 'role', 'invalidValue'],
    ['role in a full-width digit', 'register-invite', { role: '２' }, {}, 'role', 'invalidValue'],
    ['role as a word', 'register-invite', { role: 'admin' }, {}, 'role', 'invalidValue'],
    // コメント可否
    [
      'comment permission missing for a user of role 0',
      'register-invite',
      { role: '0', canComment: '' },
      {},
      'canComment',
      'required',
    ],
    [
      'comment permission missing for role 0 on update',
      'update',
      { role: '0', canComment: '' },
      EXISTING,
      'canComment',
      'required',
    ],
    ['comment permission 2', 'register-invite', { canComment: '2' }, {}, 'canComment', 'invalidValue'],
    // ステータス
    ['status 3', 'register-invite', { status: '3' }, {}, 'status', 'invalidValue'],
    ['status missing on update', 'update', { status: '' }, EXISTING, 'status', 'required'],
    [
      'status provisional typed on a new user',
      'register-invite',
      { status: 'provisional' },
      {},
      'status',
      'notAllowed',
    ],
  ])('%s', (_name, mode, overrides, extra, column, code) => {
    const extraValues = mode === 'register-password' && !('password' in overrides) ? { password: PW } : {};
    const got = judge(mode, { ...extraValues, ...overrides }, extra);
    expect(got).toEqual([`${column}:${code}`]);
  });
});

describe('eq: rows within the rules have no problem', () => {
  test.each<[string, Mode, Overrides, Partial<RosterRow>]>([
    ['a full invitation row', 'register-invite', {}, {}],
    ['a blank user ID on registration (the server assigns one)', 'register-invite', { userName: '' }, {}],
    ['a user name of exactly 50 characters', 'register-invite', { displayName: long(50, '山') }, {}],
    ['a user name with an emoji counted once', 'register-invite', { displayName: long(49, '山') + '😀' }, {}],
    ['a user ID of 4 and of 32 characters', 'register-invite', { userName: 'a-_.' }, {}],
    ['a user ID of 32 characters', 'register-invite', { userName: long(32, 'Z') }, {}],
    ['a user ID of digits with leading zeros', 'register-invite', { userName: '000123456789012345' }, {}],
    ['an email of exactly 255 characters', 'register-invite', { email: emailOf(255) }, {}],
    ['no email when a password is set', 'register-password', { email: '', password: PW }, {}],
    ['a blank email on update (removes the address)', 'update', { email: '' }, EXISTING],
    [
      'a password of 8 and every allowed symbol',
      'register-password',
      { password: 'a!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~' },
      {},
    ],
    ['a password of 128 characters', 'register-password', { password: long(127) + '1' }, {}],
    ['a bad password on a plain update (ignored)', 'update', { password: 'x y' }, EXISTING],
    ['one group', 'register-invite', { groups: '7' }, {}],
    ['no group', 'register-invite', { groups: '' }, {}],
    ['a blank group list on update (removes from all)', 'update', { groups: '' }, EXISTING],
    [
      'remarks with line breaks and rare characters',
      'register-invite',
      { remarks: '①Ⅱ㌢\n改行😀'.repeat(500) },
      {},
    ],
    ['a blank remark on update', 'update', { remarks: '' }, EXISTING],
    ['role 1 without comment permission', 'register-invite', { role: '1', canComment: '' }, {}],
    ['role 2 with comment permission 0', 'register-invite', { role: '2', canComment: '0' }, {}],
    ['a blank status on registration', 'register-invite', { status: '' }, {}],
    ['status 2 (suspended)', 'register-invite', { status: '2' }, {}],
    ['an existing provisional user', 'update', { status: 'provisional' }, EXISTING],
    ['an existing waiting user', 'update', { status: 'waiting' }, EXISTING],
    [
      'a password update ignores every other column',
      'update-password',
      { displayName: 'a b', email: 'bad', role: '9', password: PW },
      EXISTING,
    ],
    [
      'an existing row beside invitations follows the update rules',
      'register-invite',
      { password: 'typed' },
      EXISTING,
    ],
  ])('%s', (_name, mode, overrides, extra) => {
    const pw = mode === 'register-password' && !('password' in overrides) ? { password: PW } : {};
    expect(judge(mode, { ...pw, ...overrides }, extra)).toEqual([]);
  });
});

describe('eq: password character classes follow the tenant setting', () => {
  test.each([
    ['abcdefgh', 1, true],
    ['abcdefgh', 2, false],
    ['abcdEFGH', 2, true],
    ['abcdEF12', 3, true],
    ['abcdEF12', 4, false],
    ['abcE12!x', 4, true],
    ['12345678', 1, true],
    ['!!!!!!!!', 1, true],
  ])('%s with %i required classes is accepted: %s', (password, classes, ok) => {
    expect(judge('register-password', { password }, {}, classes)).toEqual(
      ok ? [] : ['password:weakPassword'],
    );
  });
});

describe('eq: duplicates within the rows', () => {
  test('the same user ID in any case is an error on every row that has it, naming the others', () => {
    const rows = [
      row(2, eqValues({ userName: 'Taro', email: 'a@example.jp' })),
      row(3, eqValues({ userName: 'other', email: 'b@example.jp' })),
      row(4, eqValues({ userName: 'taro', email: 'c@example.jp' })),
      row(5, eqValues({ userName: 'TARO', email: 'd@example.jp' })),
    ];
    const problems = validateRows(eq, rows, options('register-invite'));
    expect(problems.map((p) => [p.rowNumber, p.column, p.code])).toEqual([
      [2, 'userName', 'duplicate'],
      [4, 'userName', 'duplicate'],
      [5, 'userName', 'duplicate'],
    ]);
    expect(problems[0]!.message).toBe("2行目でエラー: 'ユーザーID'の「Taro」は4, 5行目と重複しています。");
  });

  test('the same email twice is an error on both rows', () => {
    const rows = [
      row(2, eqValues({ userName: 'aaaa', email: 'Same@example.jp' })),
      row(3, eqValues({ userName: 'bbbb', email: 'same@example.jp' })),
    ];
    const problems = validateRows(eq, rows, options('register-invite', { locale: 'en' }));
    expect(problems.map((p) => [p.rowNumber, p.column, p.code])).toEqual([
      [2, 'email', 'duplicate'],
      [3, 'email', 'duplicate'],
    ]);
    expect(problems[1]!.message).toBe("Row 3: 'Email' 'same@example.jp' is also in row 2.");
  });

  test('the same user name twice is allowed', () => {
    const rows = [
      row(2, eqValues({ userName: 'aaaa', email: 'a@example.jp', displayName: '同名' })),
      row(3, eqValues({ userName: 'bbbb', email: 'b@example.jp', displayName: '同名' })),
    ];
    expect(validateRows(eq, rows, options('register-invite'))).toEqual([]);
  });

  test('blank user IDs on registration are not duplicates of each other', () => {
    const rows = [
      row(2, eqValues({ userName: '', email: 'a@example.jp' })),
      row(3, eqValues({ userName: '', email: 'b@example.jp' })),
    ];
    expect(validateRows(eq, rows, options('register-invite'))).toEqual([]);
  });

  test('a huge duplicate group names a few rows and counts the rest', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) =>
      row(i + 2, eqValues({ userName: `u${String(i).padStart(5, '0')}`, email: 'same@example.jp' })),
    );
    const problems = validateRows(eq, rows, options('register-invite'));
    expect(problems).toHaveLength(10_000);
    expect(problems[0]!.message).toBe(
      "2行目でエラー: 'メールアドレス'の「same@example.jp」は3, 4, 5, 6, 7行目ほか9994行と重複しています。",
    );
  });
});
