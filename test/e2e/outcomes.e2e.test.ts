import type { Page } from 'playwright-core';
import { demoSuite, paneShots, SHOTS, signedInPane } from './browser';

const demo = demoSuite();
let page: Page;
afterEach(() => page.close());

const words = {
  'ja-JP': {
    sheet: '名簿',
    pull: '名簿を取得',
    pulled: /件のユーザーをシート「名簿」に取得しました。/,
    review: '変更内容を確認',
    counts: '追加 50件・更新 0件・削除 0件・問題 3件',
    willNotSend:
      '3件は問題があるため送信されません（送信するのは47件）。理由は問題の一覧とシートの印を確認してください。',
    check: 'サーバーでチェック',
    checked:
      'サーバーでのチェックの結果: 送信できる 47件・問題があり送信されない 3件・競合 0件。理由は問題の一覧を確認してください。',
    noProblems: 'サーバーでのチェックで問題は見つかりませんでした',
    send: '送信',
    done: '送信しました。送信済み 47件・未送信 3件（問題あり）・失敗 0件・競合 0件（全50件）。',
    sent: '送信済み',
    receipt: '送信記録',
    because: '：',
    tally: '送信済み 47件・未送信 3件（問題あり）・失敗 0件・競合 0件（全50件）',
    notSent: '未送信（問題あり）',
    why: [/行目でエラー: 'メールアドレス'はメールアドレスの形式/, /行目でエラー: 'ユーザーID'は4～32文字/],
  },
  'en-US': {
    sheet: 'Roster',
    pull: 'Pull the roster',
    pulled: /users into the sheet "Roster"\./,
    review: 'Review the changes',
    counts: '50 to add, 0 to update, 0 to delete, 3 problem(s)',
    willNotSend:
      '3 row(s) have problems and will not be sent (47 will be). See why in the problems list and on the sheet.',
    check: 'Check with the server',
    checked:
      'Server check: 47 can be sent, 3 have problems and will not be sent, 0 conflict(s). See the problems list for why.',
    noProblems: 'The server found no problems',
    send: 'Submit',
    done: 'Submitted: 47 sent, 3 not sent (problems), 0 failed, 0 conflict(s), of 50 rows.',
    sent: 'Sent',
    receipt: 'Submission log',
    because: ': ',
    tally: '47 sent, 3 not sent (problems), 0 failed, 0 conflict(s), of 50 rows',
    notSent: 'Not sent (problems)',
    why: [/^Row \d+: .*Email/i, /^Row \d+: .*User ID/i],
  },
} as const;

describe.each(Object.keys(words) as (keyof typeof words)[])('every row has an outcome (%s)', (lang) => {
  const w = words[lang];
  const prefix = lang === 'ja-JP' ? 'bulkja' : 'bulken';

  test('50 new rows, 3 of them bad: review, server check, result column and summary all say 47 sent and 3 not, and why', async () => {
    page = await signedInPane(demo, lang);
    await page.getByRole('button', { name: w.pull }).click();
    await page.getByText(w.pulled).waitFor();

    // 50 users typed below the table, as the fake's admin types: the 10th has a bad email,
    // the 20th a too-short user ID, the 30th a role that is no choice.
    const first = await page.evaluate(
      async ({ sheet, prefix }) => {
        const excel = (
          window as unknown as {
            fakeExcel: {
              sheets: Map<string, { maxRow(): number }>;
              type(s: string, a: string, t: string): Promise<void>;
            };
          }
        ).fakeExcel;
        const start = excel.sheets.get(sheet)!.maxRow() + 2;
        for (let i = 0; i < 50; i++) {
          const r = start + i;
          const n = String(i + 1).padStart(2, '0');
          await excel.type(sheet, `A${r}`, `一括太郎${n}`);
          await excel.type(sheet, `B${r}`, i === 19 ? 'x' : `${prefix}.${n}`);
          await excel.type(sheet, `C${r}`, i === 9 ? 'not-an-email' : `${prefix}.${n}@demo-eq.example.jp`);
          await excel.type(sheet, `G${r}`, i === 29 ? '9' : '0');
          await excel.type(sheet, `H${r}`, '1');
        }
        return start;
      },
      { sheet: w.sheet, prefix },
    );
    const bad = [first + 9, first + 19, first + 29];

    await page.getByRole('button', { name: w.review }).click();
    await page.getByText(w.counts, { exact: true }).waitFor();
    await page.getByText(w.willNotSend, { exact: true }).waitFor();
    await page.getByText(w.willNotSend, { exact: true }).scrollIntoViewIfNeeded();
    await paneShots(page, SHOTS, 'outcome-review', lang);

    // The server check speaks of the problems it found as problems.
    await page.getByRole('button', { name: w.check }).click();
    await page.getByText(w.checked, { exact: true }).waitFor();
    await page.getByText(w.checked, { exact: true }).scrollIntoViewIfNeeded();
    expect(await page.getByText(w.noProblems).count()).toBe(0);
    await paneShots(page, SHOTS, 'outcome-check', lang);

    await page.getByRole('button', { name: w.send, exact: true }).click();
    await page.getByText(w.done, { exact: true }).waitFor();
    await page.getByText(w.done, { exact: true }).scrollIntoViewIfNeeded();
    const results = await page.evaluate(
      ({ sheet, first }) => {
        type Data = { peek(r: number, c: number): { value: unknown } | undefined };
        const data = (window as unknown as { fakeExcel: { sheets: Map<string, Data> } }).fakeExcel.sheets.get(
          sheet,
        )!;
        return Array.from({ length: 50 }, (_, i) => String(data.peek(first - 1 + i, 10)?.value ?? ''));
      },
      { sheet: w.sheet, first },
    );
    expect(results.filter((r) => r === w.sent)).toHaveLength(47);
    expect(bad.map((r) => results[r - first])).toEqual([w.notSent, w.notSent, w.notSent]);
    // Why: each held-back row is in the problems list.
    for (const re of w.why) expect(await page.getByRole('button', { name: re }).count()).toBeGreaterThan(0);
    await page.locator(`input[data-cell="K${bad[0]!}"]`).scrollIntoViewIfNeeded();
    await paneShots(page, SHOTS, 'outcome-done', lang);

    // The receipt: a summary line, then every row with what was done and its result.
    const log = await page.evaluate((name) => {
      type Data = { peek(r: number, c: number): { value: unknown } | undefined; maxRow(): number };
      const excel = (
        window as unknown as {
          fakeExcel: { sheets: Map<string, Data>; activeSheet: string; afterSync(): void };
        }
      ).fakeExcel;
      const data = excel.sheets.get(name)!;
      // Shown in the harness for the screenshot, as the admin would open the sheet.
      excel.activeSheet = name;
      excel.afterSync();
      return Array.from({ length: data.maxRow() + 1 }, (_, r) =>
        Array.from({ length: 7 }, (_, c) => String(data.peek(r, c)?.value ?? '')),
      );
    }, w.receipt);
    expect(log).toHaveLength(52);
    expect(log[1]![6]).toBe(w.tally);
    expect(log.slice(2).filter((l) => l[6] === w.sent)).toHaveLength(47);
    expect(log.slice(2).filter((l) => l[6]!.startsWith(`${w.notSent}${w.because}`))).toHaveLength(3);
    await paneShots(page, SHOTS, 'outcome-receipt', lang);
  }, 120_000);
});
