import type { Page } from 'playwright-core';
import { demoSuite, paneShots, plainRows, SHOTS, signedInPane } from './browser';

const demo = demoSuite();
let page: Page;
afterEach(() => page.close());

async function roleOnServer(userName: string): Promise<string> {
  const session = await fetch(`${demo.base}/t/demo-eq/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userName: 'admin', password: demo.password }),
  });
  const { token } = (await session.json()) as { token: string };
  const res = await fetch(
    `${demo.base}/t/demo-eq/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  const list = (await res.json()) as { Resources: Record<string, { role?: string }>[] };
  return list.Resources[0]!['urn:ietf:params:scim:schemas:extension:rostersheet:2.0:User']!.role ?? '';
}

const words = {
  'ja-JP': {
    sheet: '名簿',
    pull: '名簿を取得',
    pulled: /件のユーザーをシート「名簿」に取得しました。/,
    chosen: '2:管理者',
    typed: '管理者',
    plain: /^[01]:(一般ユーザー|編集者)$/,
    list: ['0:一般ユーザー', '1:編集者', '2:管理者'],
    review: '変更内容を確認',
    change: /^\d+行目: 権限 (一般ユーザー|編集者) → 管理者$/,
    send: '送信',
    done: '送信しました。送信済み 2件・未送信 0件・失敗 0件・競合 0件（全2件）。',
  },
  'en-US': {
    sheet: 'Roster',
    pull: 'Pull the roster',
    pulled: /users into the sheet "Roster"\./,
    chosen: '2:Administrator',
    typed: 'Administrator',
    plain: /^[01]:(User|Editor)$/,
    list: ['0:User', '1:Editor', '2:Administrator'],
    review: 'Review the changes',
    change: /^Row \d+: Role (User|Editor) → Administrator$/,
    send: 'Submit',
    done: 'Submitted: 2 sent, 0 not sent, 0 failed, 0 conflict(s), of 2 rows.',
  },
} as const;

describe.each(Object.keys(words) as (keyof typeof words)[])('words for codes, both ways (%s)', (lang) => {
  const w = words[lang];
  const cell = (address: string) => page.locator(`input[data-cell="${address}"]`);

  test('roles show as 2:管理者 with every choice in the drop-down; chosen as 2:管理者 or typed as 管理者, both reach the server as 2', async () => {
    page = await signedInPane(demo, lang);
    await page.getByRole('button', { name: w.pull }).click();
    await page.getByText(w.pulled).waitFor();

    // Plain users who are not administrators yet (the demo's order is random).
    const rows: number[] = [];
    for (const r of await plainRows(page, 'admin', w.sheet)) {
      if (w.plain.test(await cell(`G${r}`).inputValue())) rows.push(r);
      if (rows.length === 2) break;
    }
    const [r1, r2] = rows as [number, number];
    const list = await page.evaluate(
      ([sheet, row]) => {
        type Data = { peek(r: number, c: number): { validation?: unknown } | undefined };
        const data = (window as unknown as { fakeExcel: { sheets: Map<string, Data> } }).fakeExcel.sheets.get(
          sheet,
        )!;
        return data.peek(row - 1, 6)?.validation as { list?: { source: string } } | undefined;
      },
      [w.sheet, r1] as const,
    );
    expect(list?.list?.source.split(',')).toEqual(w.list);

    const u1 = await cell(`B${r1}`).inputValue();
    const u2 = await cell(`B${r2}`).inputValue();
    for (const [r, text] of [
      [r1, w.chosen],
      [r2, w.typed],
    ] as const) {
      await cell(`G${r}`).fill(text);
      await cell(`G${r}`).press('Enter');
    }
    await page.getByRole('button', { name: w.review }).click();
    await page.getByText(w.review).first().waitFor();
    const updates = page.locator('details').first();
    await updates.locator('summary').click();
    const items = await updates.locator('li').allInnerTexts();
    expect(items).toHaveLength(2);
    for (const item of items) expect(item).toMatch(w.change);
    await paneShots(page, SHOTS, 'choices-review', lang);

    await page.getByRole('button', { name: w.send, exact: true }).click();
    await page.getByText(w.done, { exact: true }).waitFor();
    expect(await roleOnServer(u1)).toBe('2');
    expect(await roleOnServer(u2)).toBe('2');
    // The sheet shows both in the seed's notation after the submission.
    expect(await cell(`G${r2}`).inputValue()).toBe(w.chosen);
    await paneShots(page, SHOTS, 'choices-sent', lang);
  }, 90_000);
});
