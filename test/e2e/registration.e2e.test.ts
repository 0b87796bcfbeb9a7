import { mkdir } from 'node:fs/promises';
import type { ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { ROSTER_USER_EXTENSION as EXT } from '../../src/domain';
import { SCHEMA_USER } from '../../src/scim/constants';
import { MailOutbox } from '../../src/server/mail/MailOutbox';
import { smtpTransport } from '../../src/server/mail/transports';
import { startHarness, type Harness, type TestTenant } from '../server/harness';
import { startSmtpPeer, type SmtpPeer } from '../server/smtpPeer';
import { launch } from './browser';

const SHOTS = 'test-results/screenshots';
// Several browser contexts per test, on a two-core machine shared with other test runs.
jest.setTimeout(90_000);
const DAY = 24 * 3600 * 1000;

/**
 * The registration page in Chromium, opened from the URL of an invitation that a real SMTP
 * peer received from the server's outbox worker.
 */
describe('registration page in a browser', () => {
  let h: Harness;
  let peer: SmtpPeer;
  let outbox: MailOutbox;
  let browser: Browser;
  let base: string;
  let jairo: TestTenant;
  let eq: TestTenant;
  const LOGIN = 'https://idp.example.ac.jp/admin/login';

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    peer = await startSmtpPeer();
    let wake = () => {};
    // Sessions outlive the 8-day clock move.
    h = await startHarness({ onMailQueued: () => wake(), sessionMinutes: 60 * 24 * 60 });
    outbox = new MailOutbox({
      db: h.db,
      transport: smtpTransport(peer.url, { timeoutMs: 5000 }),
      from: 'Roster <no-reply@roster.example>',
      clock: h.clock.now,
    });
    wake = () => outbox.wake();
    jairo = await h.tenant({
      slug: 'univ',
      name: 'テスト大学 学術機関リポジトリ',
      profile: 'jairo',
      loginUrl: LOGIN,
    });
    eq = await h.tenant({ slug: 'corp', name: 'デモ株式会社', profile: 'eq', passwordClasses: 2 });
    base = await h.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
    // A database, an SMTP peer and Chromium: slow to start on a loaded two-core machine.
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await outbox.stop();
    await h.close();
    await peer.stop();
  });

  /** Registers a user with "send mail now" over HTTP and returns the invitation that arrives. */
  async function invite(
    userName: string,
    t: TestTenant = jairo,
  ): Promise<{ id: string; url: string; mail: ParsedMail }> {
    const before = peer.received.length;
    const slug = t.tenant.slug;
    const res = await fetch(`${base}/t/${slug}/scim/v2/Users?sendMail=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify(
        t === jairo
          ? {
              schemas: [SCHEMA_USER, EXT],
              userName,
              displayName: '研究 花子',
              emails: [{ value: `${userName}@univ.example.ac.jp`, primary: true }],
              [EXT]: { role: '教員' },
            }
          : {
              schemas: [SCHEMA_USER, EXT],
              userName,
              displayName: '山田花子',
              emails: [{ value: `${userName}@corp.example.jp`, primary: true }],
              [EXT]: { role: '0', canComment: '1', remarks: '' },
            },
      ),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const mail = (await peer.waitFor(before + 1))[before]!;
    const url = new RegExp(`(http://127\\.0\\.0\\.1:\\d+/t/${slug}/register/[A-Za-z0-9_-]+)`).exec(
      mail.text ?? '',
    )![1]!;
    return { id, url, mail };
  }

  const statusOf = async (id: string) => {
    const res = await fetch(`${base}/t/univ/scim/v2/Users/${id}`, {
      headers: { authorization: `Bearer ${jairo.token}` },
    });
    return ((await res.json()) as Record<string, Record<string, string>>)[EXT]!.status;
  };

  async function typePasswords(page: Page, password: string): Promise<void> {
    await page.fill('#password', password);
    await page.fill('#confirm', password);
    await page.waitForFunction(
      () => document.getElementById('strength-label')!.textContent !== '',
      undefined,
      { timeout: 5000 },
    );
  }

  test('a weak password is refused, a strong one activates the account, and the URL works only once', async () => {
    const { id, url, mail } = await invite('hanako.kenkyu');
    expect(mail.subject).toBe('【テスト大学 学術機関リポジトリ】ユーザー登録のご案内');
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 760, height: 980 } });
    const page = await context.newPage();
    await page.goto(url);
    expect(await page.textContent('h1')).toBe('ユーザー登録');
    expect(await page.textContent('#userName')).toBe('hanako.kenkyu');
    await page.screenshot({ path: `${SHOTS}/reg-1-form.png`, fullPage: true });

    // Weak: the meter says so and the button stays disabled (seed 000)…
    await typePasswords(page, 'password1');
    expect(await page.textContent('#strength-label')).toBe('強度: とても弱い (0%)');
    expect(await page.isDisabled('#register-button')).toBe(true);
    await page.screenshot({ path: `${SHOTS}/reg-2-weak.png`, fullPage: true });
    // …and a form sent anyway (script bypassed) is refused by the server.
    await page.evaluate(() => (document.getElementById('register') as HTMLFormElement).submit());
    await page.waitForSelector('.field-error');
    expect(await page.textContent('#password-error')).toContain('パスワードの強度が［平均(50%)］以下です');
    await page.screenshot({ path: `${SHOTS}/reg-3-refused.png`, fullPage: true });
    expect(await statusOf(id)).toBe('waiting');

    await typePasswords(page, 'murasaki-Tsubame-42');
    await page.waitForFunction(
      () => !(document.getElementById('register-button') as HTMLButtonElement).disabled,
    );
    expect(await page.textContent('#strength-label')).toMatch(/強度: (強い \(75%\)|とても強い \(100%\))/);
    expect(await page.locator('#password-error').count()).toBe(0); // the old verdict is gone
    await page.screenshot({ path: `${SHOTS}/reg-4-strong.png`, fullPage: true });
    const mailsBefore = peer.received.length;
    await page.click('#register-button');
    await page.waitForSelector('h1.done');
    expect(await page.textContent('main')).toContain(
      'ユーザーID「hanako.kenkyu」と設定したパスワードで、JAIRO Cloudにログインしてご利用ください。',
    );
    // The tenant's login page, as a link the user can follow.
    expect(await page.getAttribute('a.login', 'href')).toBe(LOGIN);
    expect(await page.textContent('a.login')).toBe('JAIRO Cloudのログイン画面を開く');
    await page.screenshot({ path: `${SHOTS}/reg-5-done.png`, fullPage: true });
    expect(await statusOf(id)).toBe('1');
    const welcome = (await peer.waitFor(mailsBefore + 1))[mailsBefore]!;
    expect(welcome.subject).toBe('【テスト大学 学術機関リポジトリ】ユーザー登録が完了しました');
    expect(welcome.to).toMatchObject({ text: 'hanako.kenkyu@univ.example.ac.jp' });
    expect(welcome.text).toContain(`JAIRO Cloudのログイン画面：\n${LOGIN}`);

    await page.goto(url);
    expect(await page.textContent('h1')).toBe('このURLは使えません');
    expect(await page.textContent('main')).toContain('このURLはすでに使用されています。');
    await page.screenshot({ path: `${SHOTS}/reg-6-used.png`, fullPage: true });
    await context.close();
  });

  test('a mismatched confirmation keeps the button disabled, and a form sent anyway keeps what was typed and names the field', async () => {
    const { url } = await invite('taro.kakunin');
    for (const width of [320, 760]) {
      const context = await browser.newContext({ locale: 'ja-JP', viewport: { width, height: 980 } });
      const page = await context.newPage();
      await page.goto(url);
      await page.fill('#password', 'murasaki-Tsubame-42');
      await page.fill('#confirm', 'murasaki-Tsubame-43');
      await page.waitForFunction(() => document.getElementById('strength-label')!.textContent !== '');
      const mismatch =
        '［パスワード（確認）］が［パスワード］と一致しません。同じパスワードをもう一度入力してください。';
      expect(await page.textContent('#match')).toBe(mismatch);
      expect(await page.isDisabled('#register-button')).toBe(true);
      // Advice sentences end with 。 and need no space between them.
      expect(await page.textContent('#strength-feedback')).not.toMatch(/[^。] |。 /);
      await page.evaluate(() => (document.getElementById('register') as HTMLFormElement).submit());
      await page.waitForSelector('#confirm-error');
      expect(await page.textContent('#confirm-error')).toBe(mismatch);
      expect(await page.textContent('.errors a[href="#confirm"]')).toBe('パスワード（確認）');
      expect(await page.inputValue('#password')).toBe('murasaki-Tsubame-42');
      expect(await page.inputValue('#confirm')).toBe('murasaki-Tsubame-43');
      expect(await page.textContent('#match')).toBe(''); // said once, by the field's error
      expect(await page.isDisabled('#register-button')).toBe(true);
      await page.screenshot({ path: `${SHOTS}/reg-mismatch-ja-${width}.png`, fullPage: true });
      await context.close();
    }
  });

  test('eq: a password1-like password meets the two-class rule, and nothing on the page says it is weak', async () => {
    const { url } = await invite('yamada.hanako', eq);
    for (const [locale, width] of [
      ['ja-JP', 320],
      ['ja-JP', 760],
      ['en-US', 320],
      ['en-US', 760],
    ] as const) {
      const ja = locale === 'ja-JP';
      const context = await browser.newContext({ locale, viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(url);
      expect(await page.locator('#meter').count()).toBe(0);
      // One class short: the page says which rule, and the button waits.
      await page.fill('#password', 'password');
      await page.fill('#confirm', 'password');
      await page.waitForFunction(() => document.getElementById('verdict')!.textContent !== '');
      expect(await page.textContent('#verdict')).toBe(
        ja
          ? "'パスワード'には英小文字・英大文字・数字・記号のうち2種類以上を含めてください（現在1種類）。"
          : "'Password' must mix at least 2 of lower-case letters, upper-case letters, digits and symbols (it has 1).",
      );
      expect(await page.isDisabled('#register-button')).toBe(true);
      // Lower case and digits: two classes, accepted, and said so.
      await page.fill('#password', 'password1');
      await page.fill('#confirm', 'password1');
      await page.waitForFunction(
        (ok) => document.getElementById('verdict')!.textContent === ok,
        ja ? 'このパスワードで登録できます。' : 'This password can be registered.',
      );
      expect(await page.isDisabled('#register-button')).toBe(false);
      const text = (await page.textContent('main'))!;
      expect(text).not.toMatch(/強度|とても弱い|Strength|Very weak/);
      // Nothing runs off a narrow screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.screenshot({ path: `${SHOTS}/reg-eq-${ja ? 'ja' : 'en'}-${width}.png`, fullPage: true });
      await context.close();
    }
    // The form takes it; this tenant has no login URL, so the done page says who has it.
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 320, height: 700 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.fill('#password', 'password1');
    await page.fill('#confirm', 'password1');
    await page.waitForFunction(
      () => !(document.getElementById('register-button') as HTMLButtonElement).disabled,
    );
    await page.click('#register-button');
    await page.waitForSelector('h1.done');
    expect(await page.textContent('main')).toContain(
      'EQのログイン画面のURLは、管理者にお問い合わせください。',
    );
    expect(await page.locator('a').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/reg-eq-done-ja-320.png`, fullPage: true });
    await context.close();
  });

  test('an 8-day-old URL is refused with a page that says to ask the administrator', async () => {
    const { url } = await invite('jiro.kenkyu');
    h.clock.advance(8 * DAY);
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 760, height: 600 } });
    const page = await context.newPage();
    const res = await page.goto(url);
    expect(res?.status()).toBe(410);
    expect(await page.textContent('main')).toContain('有効期限（メールが届いてから7日間）が過ぎています。');
    expect(await page.textContent('main')).toContain('管理者に登録メールの再送を依頼してください。');
    await page.screenshot({ path: `${SHOTS}/reg-7-expired.png`, fullPage: true });
    await context.close();
  });

  test('an English browser gets the page in English', async () => {
    const { url } = await invite('english.reader');
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 760, height: 980 } });
    const page = await context.newPage();
    await page.goto(url);
    expect(await page.textContent('h1')).toBe('Complete your registration');
    await typePasswords(page, 'sakura123');
    expect(await page.textContent('#strength-label')).toBe('Strength: Weak (25%)');
    await page.screenshot({ path: `${SHOTS}/reg-8-english.png`, fullPage: true });
    await context.close();
  });
});
