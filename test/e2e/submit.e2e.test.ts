import type { Page } from 'playwright-core';
import { demoSuite, eventually, plainRows, SHOTS, signedInPane } from './browser';

const demo = demoSuite();
let page: Page;

beforeEach(async () => {
  page = await signedInPane(demo, 'ja-JP');
  await page.getByRole('button', { name: '名簿を取得' }).click();
  await page.getByText(/件のユーザーをシート「名簿」に取得しました。/).waitFor();
});
afterEach(() => page.close());

const cell = (address: string) => page.locator(`input[data-cell="${address}"]`);
const value = (address: string) => cell(address).inputValue();
async function type(address: string, text: string) {
  await cell(address).fill(text);
  await cell(address).press('Enter');
}
/** The last used sheet row (the grid shows two empty rows below it). */
async function lastRow(): Promise<number> {
  return page.evaluate(
    () =>
      (window as unknown as { fakeExcel: { sheets: Map<string, { maxRow(): number }> } }).fakeExcel.sheets
        .get('名簿')!
        .maxRow() + 1,
  );
}
/** The review's counts line, once it is there (its text, so a mismatch shows what it said). */
async function reviewCounts(): Promise<string> {
  const line = page.getByText(/^追加 \d+件・更新 \d+件・削除 \d+件・問題 \d+件$/);
  await line.waitFor();
  return line.innerText();
}

async function api(method: string, path: string, body?: unknown) {
  const session = await fetch(`${demo.base}/t/demo-eq/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userName: 'admin', password: demo.password }),
  });
  const { token } = (await session.json()) as { token: string };
  const res = await fetch(`${demo.base}/t/demo-eq/scim/v2${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return res.status === 204 ? undefined : ((await res.json()) as Record<string, unknown>);
}

describe('submitting from the pane, in Chromium, against the real server', () => {
  test('change 3 rows, add 2, delete 1, review, submit, see the results; a new pull shows the server agrees', async () => {
    const [r1, r2, r3, r4] = (await plainRows(page, 'admin')) as [number, number, number, number];
    await type(`F${r1}`, '2027年度 異動');
    // A change, whatever the role was (demo users come in a random order, some already editors).
    await type(`G${r2}`, (await value(`G${r2}`)) === '1' ? '0' : '1');
    await type(`A${r3}`, '名前を変更');
    const deleted = await value(`B${r4}`);
    await page.getByRole('button', { name: `delete row ${r4}`, exact: true }).click();
    const n = (await lastRow()) + 1;
    await type(`A${n}`, '新規一郎');
    await type(`B${n}`, 'ichiro.shinki');
    await type(`C${n}`, 'ichiro.shinki@demo-eq.example.jp');
    await type(`G${n}`, '0');
    await type(`H${n}`, '1');
    await type(`A${n + 1}`, '新規二郎');
    await type(`C${n + 1}`, 'jiro.shinki@demo-eq.example.jp');
    await type(`G${n + 1}`, '2');

    await page.getByRole('button', { name: '変更内容を確認' }).click();
    expect(await reviewCounts()).toBe('追加 2件・更新 3件・削除 1件・問題 0件');
    await page.screenshot({ path: `${SHOTS}/5-review.png` });
    await page.getByRole('button', { name: '送信', exact: true }).click();
    await page.getByText('送信しました。送信済み 6件・未送信 0件・失敗 0件・競合 0件（全6件）。').waitFor();
    expect(await value(`K${n}`)).toBe('送信済み');
    expect(await value(`B${n + 1}`)).toMatch(/^u\d{7}$/);
    // "Send the one-time URL now" is checked by default (seed 004): mailed users are 利用待ち.
    expect(await value(`J${n}`)).toBe('利用待ち');
    await page.screenshot({ path: `${SHOTS}/6-submitted.png` });

    const found = (await api('GET', `/Users?filter=${encodeURIComponent(`userName eq "${deleted}"`)}`))!;
    expect(found.totalResults).toBe(0);
    await page.getByRole('button', { name: '名簿を取得' }).click();
    await page.getByText('302件のユーザーをシート「名簿」に取得しました。').waitFor();
    await page.getByRole('button', { name: '変更内容を確認' }).click();
    expect(await reviewCounts()).toBe('追加 0件・更新 0件・削除 0件・問題 0件');
  }, 90_000);

  test('a row another administrator changed in between is shown as a conflict, not overwritten', async () => {
    const [row] = (await plainRows(page, 'admin')) as [number];
    const userName = await value(`B${row}`);
    const list = (await api('GET', `/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`))!;
    const id = (list.Resources as { id: string }[])[0]!.id;
    await api('PATCH', `/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        {
          op: 'replace',
          path: 'urn:ietf:params:scim:schemas:extension:rostersheet:2.0:User:remarks',
          value: '別の管理者が変更',
        },
      ],
    });
    await type(`F${row}`, '自分の変更');
    await page.getByRole('button', { name: '変更内容を確認' }).click();
    expect(await reviewCounts()).toBe('追加 0件・更新 1件・削除 0件・問題 0件');
    await page.getByRole('button', { name: '送信', exact: true }).click();
    await page.getByText('送信しました。送信済み 0件・未送信 0件・失敗 0件・競合 1件（全1件）。').waitFor();
    expect(await value(`K${row}`)).toBe('競合');
    await page
      .getByRole('list')
      .getByText(new RegExp(`^${row}行目でエラー: サーバー側で取得後に変更されたため`))
      .waitFor();
    await page.getByRole('button', { name: 'サーバーの値を見る' }).click();
    await page.getByText('備考: シート「自分の変更」／サーバー「別の管理者が変更」').waitFor();
    await page.screenshot({ path: `${SHOTS}/7-conflict.png` });
    const after = (await api('GET', `/Users/${id}`))!;
    expect(
      (after['urn:ietf:params:scim:schemas:extension:rostersheet:2.0:User'] as { remarks: string }).remarks,
    ).toBe('別の管理者が変更');
  }, 60_000);

  test('deleting 30 rows is stopped until the number is typed', async () => {
    // 30 rows in a run that does not hold the admin's own account (which may never be deleted).
    const adminRow = await page.evaluate(() => {
      type Data = { peek(r: number, c: number): { value: unknown } | undefined; maxRow(): number };
      const data = (window as unknown as { fakeExcel: { sheets: Map<string, Data> } }).fakeExcel.sheets.get(
        '名簿',
      )!;
      for (let r = 1; r <= data.maxRow(); r++) if (data.peek(r, 1)?.value === 'admin') return r + 1;
      return 0;
    });
    const start = adminRow > 0 && adminRow < 40 ? adminRow + 1 : 2;
    for (let i = 0; i < 30; i++) {
      await page.getByRole('button', { name: `delete row ${start}`, exact: true }).click();
    }
    await page.getByRole('button', { name: '変更内容を確認' }).click();
    expect(await reviewCounts()).toBe('追加 0件・更新 0件・削除 30件・問題 0件');
    const submit = page.getByRole('button', { name: '送信', exact: true });
    expect(await submit.isDisabled()).toBe(true);
    await page.fill('input[name=confirmDeletions]', '29');
    expect(await submit.isDisabled()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/8-deletion-guard.png` });
    await page.fill('input[name=confirmDeletions]', '30');
    await eventually(
      () => submit.isDisabled(),
      (d) => !d,
    );
    await submit.click();
    await page.getByText('送信しました。送信済み 30件・未送信 0件・失敗 0件・競合 0件（全30件）。').waitFor();
  }, 90_000);
});
