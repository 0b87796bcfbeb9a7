import { ROSTER_USER_EXTENSION as EXT } from '../../domain';
import { SCHEMA_USER } from '../../scim/constants';
import { eqUser } from '../../../test/server/builders';
import { scim, startHarness, type Harness, type TestTenant } from '../../../test/server/harness';
import { issueRegistrationTokens } from '../registration/registrationTokens';
import { PAGE_TEXT } from './pageText';

// Issue 15 item 8: the registration page judges by the tenant's rule (eq: character classes;
// jairo: strength), what the page shows never contradicts what it accepts, a mismatched
// confirmation keeps what was typed and names the field, and the done page links the
// service's login page.
const STRONG = 'murasaki-Tsubame-42';
const LOGIN = 'https://idp.example.ac.jp/admin/login';

let h: Harness;
let eq: TestTenant;
let eqLogin: TestTenant;
let jairo: TestTenant;

beforeAll(async () => {
  h = await startHarness();
  eq = await h.tenant({ slug: 'eq-page', name: 'テスト株式会社', passwordClasses: 2 });
  eqLogin = await h.tenant({
    slug: 'eq-login',
    name: 'ログイン株式会社',
    loginUrl: 'https://eq.example.jp/login',
  });
  jairo = await h.tenant({ slug: 'jairo-page', name: 'テスト大学', profile: 'jairo', loginUrl: LOGIN });
  // A database and three tenants: slow to start on a loaded two-core machine.
}, 60_000);
afterAll(() => h.close());

/** A provisional user of the tenant and the path of a fresh registration URL for them. */
async function registrationPath(t: TestTenant, userName: string): Promise<string> {
  const body =
    t.tenant.profile.id === 'eq'
      ? eqUser(userName)
      : {
          schemas: [SCHEMA_USER, EXT],
          userName,
          displayName: '研究 花子',
          emails: [{ value: `${userName}@univ.example.ac.jp`, primary: true }],
          [EXT]: { role: '教員' },
        };
  const r = await scim(h, t, 'POST', '/Users', body);
  expect(r.statusCode).toBe(201);
  const id = (r.json() as { id: string }).id;
  const tokens = await h.db
    .transaction()
    .execute((tx) => issueRegistrationTokens(tx, t.tenant.id, [id], h.clock.now()));
  return `/t/${t.tenant.slug}/register/${tokens.get(id)!.token}`;
}

async function open(path: string, lang = 'ja') {
  const r = await h.app.inject({ method: 'GET', url: path, headers: { 'accept-language': lang } });
  const csrf = /name="csrf" value="([^"]+)"/.exec(r.body)?.[1] ?? '';
  const cookie = String(r.headers['set-cookie'] ?? '').split(';')[0]!;
  return { r, csrf, cookie };
}

async function submit(path: string, fields: Record<string, string>, lang = 'ja') {
  const { csrf, cookie } = await open(path, lang);
  return h.app.inject({
    method: 'POST',
    url: path,
    headers: { cookie, 'accept-language': lang, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ csrf, ...fields }).toString(),
  });
}

/** What the page's live check says about a password (the same judgement the form gets). */
async function check(path: string, password: string, lang = 'ja') {
  const { csrf, cookie } = await open(path, lang);
  const r = await h.app.inject({
    method: 'POST',
    url: `${path}/strength`,
    headers: { cookie, 'x-csrf-token': csrf, 'accept-language': lang },
    payload: { password },
  });
  expect(r.statusCode).toBe(200);
  return r.json() as { accepted: boolean; problem: string | null; score?: number; label?: string };
}

describe('eq: the tenant character-class rule decides, and nothing on the page says otherwise', () => {
  test('a password1-like password meets the two-class rule: the check accepts it, no strength meter says とても弱い, and the form takes it', async () => {
    const path = await registrationPath(eq, 'classes02');
    const page = (await open(path)).r.body;
    expect(page).toContain('英小文字・英大文字・数字・記号のうち2種類以上');
    expect(page).not.toContain('id="meter"');
    expect(page).not.toContain('強度');
    const verdict = await check(path, 'password1');
    expect(verdict).toEqual({ accepted: true, problem: null });
    const done = await submit(path, { password: 'password1', confirm: 'password1' });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('ユーザー登録が完了しました');
  });

  test('a password short of the rule is refused by the check and by the form, with the same words', async () => {
    const path = await registrationPath(eq, 'classes03');
    const verdict = await check(path, 'password');
    expect(verdict.accepted).toBe(false);
    expect(verdict.problem).toBe(
      "'パスワード'には英小文字・英大文字・数字・記号のうち2種類以上を含めてください（現在1種類）。",
    );
    const refused = await submit(path, { password: 'password', confirm: 'password' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain(
      '英小文字・英大文字・数字・記号のうち2種類以上を含めてください（現在1種類）。',
    );
    expect((await check(path, 'pass1')).problem).toContain('8～128文字');
  });
});

describe('jairo: the strength rule of seed 000', () => {
  test('the meter and the verdict agree: password1 is very weak and refused, a strong one is accepted', async () => {
    const path = await registrationPath(jairo, 'strength01');
    expect((await open(path)).r.body).toContain('id="meter"');
    const weak = await check(path, 'password1');
    expect(weak).toMatchObject({ accepted: false, score: 0, label: 'とても弱い' });
    expect(weak.problem).toContain('［平均(50%)］以下');
    expect(await check(path, STRONG)).toMatchObject({ accepted: true, problem: null, score: 4 });
  });
});

describe('a confirmation that does not match', () => {
  test('comes back with what was typed, the field named in its error and in the summary', async () => {
    const path = await registrationPath(jairo, 'mismatch01');
    const r = await submit(path, { password: STRONG, confirm: `${STRONG}x`, displayName: '研究 花子' });
    expect(r.statusCode).toBe(422);
    expect(r.body).toMatch(
      /<p class="field-error" id="confirm-error">［パスワード（確認）］が［パスワード］と一致しません。同じパスワードをもう一度入力してください。<\/p>/,
    );
    expect(r.body).toContain(`id="password" name="password"`);
    expect(r.body).toMatch(new RegExp(`id="password"[^>]*value="${STRONG}"`));
    expect(r.body).toMatch(new RegExp(`id="confirm"[^>]*value="${STRONG}x"`));
    // The summary at the top links to the field to fix.
    expect(r.body).toMatch(
      /<div class="errors" role="alert">[\s\S]*<a href="#confirm">パスワード（確認）<\/a>/,
    );
    const en = await submit(path, { password: STRONG, confirm: `${STRONG}x` }, 'en');
    expect(en.body).toContain(
      '&quot;Confirm password&quot; does not match &quot;Password&quot;. Type the same password again.',
    );
    expect(en.body).toMatch(/<a href="#confirm">Confirm password<\/a>/);
  });
});

describe('the done page', () => {
  test('links the service login page the tenant has set', async () => {
    const path = await registrationPath(jairo, 'done01');
    const r = await submit(path, { password: STRONG, confirm: STRONG, displayName: '研究 花子' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain(
      'ユーザーID「done01」と設定したパスワードで、JAIRO Cloudにログインしてご利用ください。',
    );
    expect(r.body).toContain(`<a class="login" href="${LOGIN}">JAIRO Cloudのログイン画面を開く</a>`);
    expect(r.body).toContain('done01@univ.example.ac.jp宛てに、登録内容を記載したメールを送りました。');
  });

  test('in English too', async () => {
    const path = await registrationPath(eqLogin, 'done02');
    const r = await submit(path, { password: 'Abcdefgh12', confirm: 'Abcdefgh12' }, 'en');
    expect(r.body).toContain('Sign in to EQ with the user ID &quot;done02&quot; and the password you set.');
    expect(r.body).toContain(
      '<a class="login" href="https://eq.example.jp/login">Open the EQ sign-in page</a>',
    );
  });

  test('without a login URL says plainly where to get it, with no link', async () => {
    const path = await registrationPath(eq, 'done03');
    const r = await submit(path, { password: 'Abcdefgh12', confirm: 'Abcdefgh12' });
    expect(r.body).toContain('EQのログイン画面のURLは、管理者にお問い合わせください。');
    expect(r.body).not.toContain('<a ');
  });
});

describe('the page words', () => {
  const samples = (v: unknown): string[] =>
    typeof v === 'string' ? [v] : typeof v === 'function' ? [String(v('花子', 'EQ', 'x@example.jp'))] : [];
  test('Japanese: the seeds’ words, no stray spaces, sentences end with 。', () => {
    const ja = Object.entries(PAGE_TEXT.ja).flatMap(([k, v]) => samples(v).map((t) => [k, t] as const));
    for (const [key, text] of ja) {
      expect([key, text]).not.toEqual([key, expect.stringMatching(/サインイン|テナント|プロファイル/)]);
      expect([key, text]).not.toEqual([
        key,
        expect.stringMatching(/[ぁ-んァ-ヶー一-龠々] [ぁ-んァ-ヶー一-龠々]| [。、]/),
      ]);
      // More than one sentence: each ends with 。 and the next follows with no space.
      if (/。./.test(text)) expect([key, text]).not.toEqual([key, expect.stringMatching(/。 /)]);
    }
  });
});
