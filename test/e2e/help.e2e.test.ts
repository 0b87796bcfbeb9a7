import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launch } from './browser';

// help.html as built (dist-harness/addin), in a browser: the walkthrough in the reader's
// language, every picture loaded, nothing wider than the window at a task pane's width.
const SHOTS = 'test-results/screenshots';
const ADDIN = 'https://addin.test';

let browser: Browser;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
}, 30_000);
afterAll(() => browser.close());

const cases = [
  {
    lang: 'ja',
    locale: 'ja-JP',
    title: '名簿管理の使い方',
    roles: '0(一般ユーザー)/1(編集者)/2(管理者)',
    steps: ['① 接続', '② 取得', '③ 編集・チェック', '④ 確認', '⑤ 送信'],
  },
  {
    lang: 'en',
    locale: 'en-US',
    title: 'Using Roster Sheet',
    roles: '0(User)/1(Editor)/2(Administrator)',
    steps: ['1 Connect', '2 Pull', '3 Edit & check', '4 Review', '5 Submit'],
  },
] as const;

test.each(cases)(
  'the help page walks through the five steps with pictures ($lang)',
  async (c) => {
    for (const width of [320, 900]) {
      const page = await browser.newPage({ locale: c.locale, viewport: { width, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.route(`${ADDIN}/**`, async (route) => {
        const file = join('dist-harness/addin', new URL(route.request().url()).pathname.slice(1));
        if (existsSync(file)) await route.fulfill({ path: file });
        else await route.fulfill({ status: 404, body: 'not found' });
      });
      await page.route(/^https?:\/\/(?!addin\.test)/, (route) => route.abort());
      // The browser's language decides; the page's own link switches to the other one.
      await page.goto(`${ADDIN}/help.html`);
      await page.getByRole('heading', { level: 1, name: c.title }).waitFor();
      expect(await page.locator('h2').allInnerTexts()).toEqual(expect.arrayContaining([...c.steps]));
      // The column reference: one table per service, with the choices in the seed's notation.
      expect(await page.locator('table').count()).toBe(2);
      await page.getByRole('cell', { name: c.roles, exact: true }).first().waitFor();
      for (const img of await page.locator('img').all()) {
        await img.scrollIntoViewIfNeeded();
        await page.waitForFunction((el) => (el as HTMLImageElement).complete, await img.elementHandle());
        expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
        expect(await img.getAttribute('alt')).toBeTruthy();
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${SHOTS}/help-${c.lang}-${width}.png` });
      expect(errors).toEqual([]);
      await page.close();
    }
  },
  60_000,
);
