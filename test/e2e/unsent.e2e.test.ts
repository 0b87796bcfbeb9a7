import type { Page } from 'playwright-core';
import { demoSuite, paneShots, plainRows, SHOTS, signedInPane } from './browser';

const demo = demoSuite();
let page: Page;
afterEach(() => page.close());

const words = {
  'ja-JP': {
    sheet: '名簿',
    pull: '名簿を取得',
    pulled: '301件のユーザーをシート「名簿」に取得しました。',
    search: '検索結果を取得',
    ask: (n: number) => `送信していない変更が${n}件あります。破棄して取得しますか？`,
    cancel: 'キャンセル',
    discard: '破棄して取得',
  },
  'en-US': {
    sheet: 'Roster',
    pull: 'Pull the roster',
    pulled: 'Pulled 301 users into the sheet "Roster".',
    search: 'Pull the search result',
    ask: (n: number) => `You have ${n} unsent change(s). Discard them and pull?`,
    cancel: 'Cancel',
    discard: 'Discard and pull',
  },
} as const;

describe.each(Object.keys(words) as (keyof typeof words)[])(
  'unsent edits are never lost to a new pull or search (%s)',
  (lang) => {
    const w = words[lang];
    const cell = (address: string) => page.locator(`input[data-cell="${address}"]`);
    async function type(address: string, text: string) {
      await cell(address).fill(text);
      await cell(address).press('Enter');
    }

    test('pull and search ask first; cancel keeps every edit; discard pulls', async () => {
      page = await signedInPane(demo, lang);
      await page.getByRole('button', { name: w.pull }).click();
      await page.getByText(w.pulled).waitFor();

      const [r1, r2] = (await plainRows(page, 'admin', w.sheet)) as [number, number];
      const before = await cell(`F${r2}`).inputValue();
      await type(`F${r1}`, '2027年度 異動');
      await type(`F${r2}`, '確認中');

      // Pull: the dialog asks, and cancel (the default, focused) keeps both edits.
      await page.getByRole('button', { name: w.pull }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(w.ask(2)).waitFor();
      const cancel = dialog.getByRole('button', { name: w.cancel });
      expect(await cancel.evaluate((el) => el === document.activeElement)).toBe(true);
      await paneShots(page, SHOTS, 'unsent-pull', lang);
      await cancel.click();
      await dialog.waitFor({ state: 'detached' });
      expect(await cell(`F${r1}`).inputValue()).toBe('2027年度 異動');
      expect(await cell(`F${r2}`).inputValue()).toBe('確認中');

      // Search: the same question; Escape is cancel too.
      await page.fill('input[name=search]', 'demo');
      await page.getByRole('button', { name: w.search }).click();
      await dialog.getByText(w.ask(2)).waitFor();
      await paneShots(page, SHOTS, 'unsent-search', lang);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await cell(`F${r1}`).inputValue()).toBe('2027年度 異動');

      // Discarding pulls the server's roster again.
      await page.getByRole('button', { name: w.pull }).click();
      await dialog.getByRole('button', { name: w.discard }).click();
      await page.getByText(w.pulled).waitFor();
      const remarks = await page.evaluate((s) => {
        type Data = { peek(r: number, c: number): { value: unknown } | undefined; maxRow(): number };
        const data = (window as unknown as { fakeExcel: { sheets: Map<string, Data> } }).fakeExcel.sheets.get(
          s,
        )!;
        return Array.from({ length: data.maxRow() }, (_, r) => String(data.peek(r + 1, 5)?.value ?? ''));
      }, w.sheet);
      expect(remarks).toHaveLength(301);
      expect(remarks).not.toContain('確認中');
      expect(before).not.toBe('確認中');

      // With nothing unsent, a pull asks nothing.
      await page.getByRole('button', { name: w.pull }).click();
      await page.getByText(w.pulled).waitFor();
      expect(await page.getByRole('dialog').count()).toBe(0);
    }, 90_000);
  },
);
