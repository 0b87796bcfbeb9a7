// Issue 15 in the browser: the problems filter, the light fill of unsent changes, the column
// guide and a new roster, in Japanese and English, at the pane's default width and at 320 px.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { buildApp } from '../../src/server/app';
import { createTenant, insertAccount } from '../../src/server/seed/bootstrap';
import { seedDemo } from '../../src/server/seed/demo';
import { fastHash, testDb } from '../server/harness';
import { ORIGIN, eventually, launch, paneShots, serveHarness } from './browser';

const SHOTS = 'test-results/screenshots';
const EMPTY_PASSWORD = 'Empty-Tenant-9x';
let browser: Browser;
let page: Page;
let base = '';
let password = '';
let close: () => Promise<void>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const { db, drop } = await testDb('pglite');
  const now = new Date();
  const demo = await seedDemo(db, now, fastHash.hashPassword);
  password = demo.find((d) => d.tenant === 'demo-eq')!.password;
  // An organization with only its administrator: where a new roster is made.
  const tenant = await createTenant(
    db,
    { slug: 'sheet-empty', name: '新設株式会社', profile: 'eq', userLimit: 100, passwordClasses: 2 },
    now,
  );
  await insertAccount(
    db,
    tenant,
    {
      userName: 'admin',
      displayName: '管理者',
      email: 'admin@sheet-empty.example.jp',
      password: EMPTY_PASSWORD,
      attrs: { role: '2', canComment: '1', status: '1', remarks: '' },
      passwordIssuer: 'admin',
    },
    fastHash.hashPassword,
    now,
  );
  const app = await buildApp({ db, ...fastHash });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launch();
  close = async () => {
    await browser.close();
    await app.close();
    await drop();
  };
}, 90_000);
afterAll(() => close());
afterEach(() => page.close());

const words = {
  'ja-JP': {
    sheet: '名簿',
    pull: '名簿を取得',
    pulled: /件のユーザーをシート「名簿」に取得しました。/,
    only: '問題のある行だけ表示',
    filtered: '問題のある1行だけを表示しています（「結果」列のフィルター）。',
    allShown: 'すべての行を表示しています。',
    notSent: '未送信（問題あり）',
    guide: '「列の説明」シートを作成',
    guideSheet: '列の説明',
    guideDone: /シート「列の説明」を作成しました。/,
    role: '0(一般ユーザー)/1(編集者)/2(管理者)',
    newRoster: '新しい名簿を作成',
    unsent: '送信していない変更が1件あります。送信するか破棄してから作成してください。',
    newDone: /シート「名簿」に新しい名簿を作成しました。/,
    example: '山田太郎',
    status: ['ステータス', '登録状態'],
  },
  'en-US': {
    sheet: 'Roster',
    pull: 'Pull the roster',
    pulled: /users into the sheet "Roster"\./,
    only: 'Show only rows with problems',
    filtered: 'Showing only the 1 row(s) with problems (a filter on the Result column).',
    allShown: 'Every row is shown.',
    notSent: 'Not sent (problems)',
    guide: 'Create the Column guide sheet',
    guideSheet: 'Column guide',
    guideDone: /Created the sheet "Column guide"/,
    role: '0(User)/1(Editor)/2(Administrator)',
    newRoster: 'Create a new roster',
    unsent: 'You have 1 unsent change(s). Submit or discard them first.',
    newDone: /Created a new roster in the sheet "Roster"\./,
    example: 'TaroYamada',
    status: ['Status', 'Registration'],
  },
} as const;

async function signIn(lang: string, tenant = 'demo-eq', pw = password): Promise<void> {
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await serveHarness(page, base);
  await page.goto(`${ORIGIN}/harness.html?lang=${lang}`);
  await page.fill('input[name=tenant]', tenant);
  await page.fill('input[name=userName]', 'admin');
  await page.fill('input[name=password]', pw);
  await page.click('button[type=submit]');
}

type Cell = { value: unknown; fill?: string };
type Data = { peek(r: number, c: number): Cell | undefined; maxRow(): number; hiddenRows: Set<number> };
/** What the page's window holds (page.evaluate runs in the page: no closures from here). */
type W = { fakeExcel: { sheets: Map<string, Data>; activeSheet: string; afterSync(): void } };

/** Types into a cell of the harness grid, as the admin does (Enter commits). */
async function type(address: string, text: string): Promise<void> {
  const input = page.locator(`input[data-cell="${address}"]`);
  await input.fill(text);
  await input.press('Enter');
}

describe.each(Object.keys(words) as (keyof typeof words)[])('sheet tools (%s)', (lang) => {
  const w = words[lang];

  test('unsent changes are shaded, problems are red; the filter shows only the rows with problems', async () => {
    await signIn(lang);
    await page.getByRole('button', { name: w.pull }).click();
    await page.getByText(w.pulled).waitFor();
    // The roster is sorted by user ID; the status columns are split.
    const head = await page.evaluate((s) => {
      const d = (window as unknown as W).fakeExcel.sheets.get(s)!;
      const ids = Array.from({ length: d.maxRow() }, (_, r) => String(d.peek(r + 1, 1)?.value ?? ''));
      return { ids, status: [String(d.peek(0, 8)?.value), String(d.peek(0, 9)?.value)] };
    }, w.sheet);
    expect(head.status).toEqual(w.status);
    const sorted = [...head.ids].sort(
      new Intl.Collator(lang.slice(0, 2), { numeric: true, sensitivity: 'base' }).compare,
    );
    expect(head.ids).toEqual(sorted);

    // Row 3 gets a change, row 4 a problem (rows 3 and 4 of the sorted roster are plain users).
    await type('F3', lang === 'ja-JP' ? '来月異動' : 'Moving next month');
    await type('C4', 'not-an-email');
    const fills = () =>
      page.evaluate((s) => {
        const d = (window as unknown as W).fakeExcel.sheets.get(s)!;
        return [d.peek(2, 5)?.fill ?? '', d.peek(3, 2)?.fill ?? '', String(d.peek(3, 10)?.value ?? '')];
      }, w.sheet);
    await eventually(fills, (f) => f[0] === '#DDEBF7' && f[1] === '#FFC7CE' && f[2] === w.notSent);
    await page.locator('input[data-cell="F3"]').scrollIntoViewIfNeeded();
    await paneShots(page, SHOTS, 'sheet-fill', lang);

    await page.getByRole('switch', { name: w.only }).click();
    await page.getByText(w.filtered, { exact: true }).waitFor();
    const hidden = await page.evaluate(
      (s) => (window as unknown as W).fakeExcel.sheets.get(s)!.hiddenRows.size,
      w.sheet,
    );
    const total = head.ids.length;
    expect(hidden).toBe(total - 1);
    await expect(page.locator('input[data-cell="C4"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('input[data-cell="F3"]').isVisible()).resolves.toBe(false);
    await paneShots(page, SHOTS, 'sheet-filter', lang);

    await page.getByRole('switch', { name: w.only }).click();
    await page.getByText(w.allShown, { exact: true }).waitFor();
    expect(
      await page.evaluate((s) => (window as unknown as W).fakeExcel.sheets.get(s)!.hiddenRows.size, w.sheet),
    ).toBe(0);

    // Edited back to the pulled value: the shade goes with the next check.
    const before = await page.evaluate(
      (s) => String((window as unknown as W).fakeExcel.sheets.get(s)!.peek(2, 5)?.value ?? ''),
      w.sheet,
    );
    expect(before).not.toBe('');
    await type('F3', '');
    await eventually(fills, (f) => f[0] === '');

    // A new roster is refused over unsent work (the bad email is still there).
    await page.getByRole('button', { name: w.newRoster }).click();
    await page.getByText(w.unsent).waitFor();
  }, 120_000);

  test('the column guide, and a new roster for an organization without users', async () => {
    await signIn(lang, 'sheet-empty', EMPTY_PASSWORD);
    await page.getByRole('button', { name: w.guide }).click();
    await page.getByText(w.guideDone).waitFor();
    const guide = await page.evaluate((s) => {
      const excel = (window as unknown as W).fakeExcel;
      excel.activeSheet = s;
      excel.afterSync();
      const d = excel.sheets.get(s)!;
      return Array.from({ length: d.maxRow() + 1 }, (_, r) => String(d.peek(r, 1)?.value ?? ''));
    }, w.guideSheet);
    expect(guide).toContain(w.role);
    await paneShots(page, SHOTS, 'sheet-guide', lang);

    await page.getByRole('button', { name: w.newRoster }).click();
    await page.getByText(w.newDone).waitFor();
    const example = await page.evaluate((s) => {
      const excel = (window as unknown as W).fakeExcel;
      excel.activeSheet = s;
      excel.afterSync();
      return String(excel.sheets.get(s)!.peek(1, 0)?.value ?? '');
    }, w.sheet);
    expect(example).toBe(w.example);
    await page.locator('input[data-cell="A2"]').waitFor();
    await paneShots(page, SHOTS, 'sheet-new', lang);
  }, 120_000);
});
