import type { Page } from 'playwright-core';
import { demoSuite, eventually, ORIGIN, plainRows, serveHarness, SHOTS } from './browser';

const demo = demoSuite();
let page: Page;

beforeEach(async () => {
  page = await demo.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await serveHarness(page, demo.base);
});
afterEach(() => page.close());

const cell = (address: string) => page.locator(`input[data-cell="${address}"]`);
const td = (address: string) => page.locator(`td:has(input[data-cell="${address}"])`);

async function type(address: string, text: string) {
  await cell(address).fill(text);
  await cell(address).press('Enter');
}

/** Signs in to demo-eq in Japanese and pulls its 301 users. */
async function signInAndPull() {
  await page.goto(`${ORIGIN}/harness.html?lang=ja-JP`);
  await page.fill('input[name=userName]', 'admin');
  await page.fill('input[name=password]', demo.password);
  await page.click('button[type=submit]');
  await page.getByRole('button', { name: '名簿を取得' }).click();
  await page.getByText('301件のユーザーをシート「名簿」に取得しました。').waitFor();
}

describe('the task pane in Chromium, against the real server', () => {
  test('sign in, pull the demo roster, type a bad email and a too-long user ID, see both marked, fix one', async () => {
    await signInAndPull();
    await page.screenshot({ path: `${SHOTS}/1-pulled.png` });

    // Rows of plain users (demo users come in a random order; some have locked fields).
    const [a, b] = (await plainRows(page, 'admin')) as [number, number];
    await type(`C${a}`, 'not-an-email');
    await type(`B${b}`, 'x'.repeat(40));
    const list = page.getByRole('list');
    await list
      .getByText(
        `${a}行目でエラー: 'メールアドレス'はメールアドレスの形式で入力してください（例: xxxx@xx.xx.xx）。`,
      )
      .waitFor();
    await list
      .getByText(`${b}行目でエラー: 'ユーザーID'は4～32文字で入力してください（現在40文字）。`)
      .waitFor();
    expect(await td(`C${a}`).getAttribute('title')).toContain('【Roster Sheet】');
    expect(await td(`C${a}`).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(255, 199, 206)',
    );
    await page.screenshot({ path: `${SHOTS}/2-marked.png` });

    // A problem in the list selects its cell.
    await list
      .getByText(`${b}行目でエラー: 'ユーザーID'は4～32文字で入力してください（現在40文字）。`)
      .click();
    const selection = await eventually(
      () =>
        page.evaluate(
          () => (window as unknown as { fakeExcel: { selection?: unknown } }).fakeExcel.selection,
        ),
      (v) => v !== undefined,
    );
    expect(selection).toEqual({ sheet: '名簿', row: b - 1, col: 1 });

    // Fixing the email takes its mark away; the user ID stays marked.
    await type(`C${a}`, 'fixed.address@demo-eq.example.jp');
    await eventually(
      () => td(`C${a}`).getAttribute('title'),
      (v) => v === null,
    );
    expect(await list.getByText(new RegExp(`^${a}行目`)).count()).toBe(0);
    expect(await list.getByText(new RegExp(`^${b}行目`)).count()).toBeGreaterThan(0);
    expect(await td(`C${a}`).evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(
      'rgb(255, 199, 206)',
    );
    await page.screenshot({ path: `${SHOTS}/3-fixed.png` });
  }, 60_000);

  test('the pane is in English when Office is, and a wrong password says so', async () => {
    await page.goto(`${ORIGIN}/harness.html?lang=en-US`);
    await page.fill('input[name=userName]', 'admin');
    await page.fill('input[name=password]', 'not-the-password');
    await page.click('button[type=submit]');
    await page.getByText('The user ID or password is wrong.').waitFor();
    await page.screenshot({ path: `${SHOTS}/4-english-wrong-password.png` });
  }, 30_000);

  test('select a provisional user row and send the registration mail: the row shows 利用待ち', async () => {
    await signInAndPull();
    // Demo users left to the server's status without mail are 仮登録 (column J, 登録状態).
    const row = await page.evaluate(() => {
      const sheet = (
        window as unknown as {
          fakeExcel: {
            sheets: Map<
              string,
              { peek(r: number, c: number): { value: unknown } | undefined; maxRow(): number }
            >;
          };
        }
      ).fakeExcel.sheets.get('名簿')!;
      for (let r = 1; r <= sheet.maxRow(); r++) if (sheet.peek(r, 9)?.value === '仮登録') return r + 1;
      return 0;
    });
    expect(row).toBeGreaterThan(1);
    await page.evaluate(
      (r) =>
        (
          window as unknown as { fakeExcel: { selectRows(s: string, ...x: [number, number][]): void } }
        ).fakeExcel.selectRows('名簿', [r, r], [2, 2]),
      row,
    );
    await page.getByRole('button', { name: '選択した行のユーザーに登録メールを送信' }).click();
    await page.getByText('1件のユーザーに登録メールを送信しました（ステータス: 利用待ち）。').waitFor();
    await eventually(
      () => cell(`J${row}`).inputValue(),
      (v) => v === '利用待ち',
    );
    await page.getByRole('button', { name: 'メールの送信状況を確認' }).click();
    await page.getByText(/未送信・送信失敗のメールはありません。|送信待ち/).waitFor();
    await page.getByRole('region', { name: '登録メール' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/mail-1-sent.png` });
  }, 30_000);
});
