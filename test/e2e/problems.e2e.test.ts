import type { Page } from 'playwright-core';
import { demoSuite, eventually, paneShots, plainRows, SHOTS, signedInPane } from './browser';

const demo = demoSuite();
let page: Page;
afterEach(() => page.close());

const words = {
  'ja-JP': {
    sheet: '名簿',
    pull: '名簿を取得',
    pulled: /件のユーザーをシート「名簿」に取得しました。/,
    emails: "25件: 'メールアドレス'はメールアドレスの形式で入力してください（例: xxxx@xx.xx.xx）。",
    userId: /^1件: 'ユーザーID'は4～32文字で入力してください/,
    row: (n: number) => new RegExp(`^${n}行目でエラー: 'メールアドレス'`),
  },
  'en-US': {
    sheet: 'Roster',
    pull: 'Pull the roster',
    pulled: /users into the sheet "Roster"\./,
    emails: "25: 'Email' must be an email address (e.g. name@example.ac.jp).",
    userId: /^1: 'User ID' must be 4 to 32 characters/,
    row: (n: number) => new RegExp(`^Row ${n}: 'Email'`),
  },
} as const;

describe.each(Object.keys(words) as (keyof typeof words)[])('problems grouped by kind (%s)', (lang) => {
  const w = words[lang];

  test('25 bad emails are one group with its count; expanding it lists the rows; a row selects its cell', async () => {
    page = await signedInPane(demo, lang);
    await page.getByRole('button', { name: w.pull }).click();
    await page.getByText(w.pulled).waitFor();

    const rows = (await plainRows(page, 'admin', w.sheet)).slice(0, 26);
    await page.evaluate(
      async ({ sheet, rows }) => {
        const excel = (
          window as unknown as { fakeExcel: { type(s: string, a: string, t: string): Promise<void> } }
        ).fakeExcel;
        for (const r of rows.slice(0, 25)) await excel.type(sheet, `C${r}`, 'not-an-email');
        await excel.type(sheet, `B${rows[25]!}`, 'x'.repeat(40));
      },
      { sheet: w.sheet, rows },
    );
    const group = page.locator('summary', { hasText: w.emails });
    await group.waitFor();
    await page.locator('summary', { hasText: w.userId }).waitFor();
    // Collapsed: 26 problems are two lines, not 26.
    expect(await page.getByText(w.row(rows[0]!)).isVisible()).toBe(false);
    await paneShots(page, SHOTS, 'problems-grouped', lang);

    await group.click();
    const item = page.getByText(w.row(rows[3]!));
    await item.click();
    const selection = await eventually(
      () =>
        page.evaluate(
          () => (window as unknown as { fakeExcel: { selection?: unknown } }).fakeExcel.selection,
        ),
      (v) => v !== undefined,
    );
    expect(selection).toEqual({ sheet: w.sheet, row: rows[3]! - 1, col: 2 });
    await paneShots(page, SHOTS, 'problems-expanded', lang);
  }, 90_000);
});
