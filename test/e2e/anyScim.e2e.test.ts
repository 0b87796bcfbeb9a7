import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { Locale } from '../../src/domain';
import { strings } from '../../src/taskpane/i18n';
import { seedUsers, startThirdPartyScim, type ThirdPartyScim } from '../server/thirdPartyScim';
import { ORIGIN, launch, paneShots, serveHarness } from './browser';

/**
 * Issue 19 in Chromium: the pane connects to a SCIM 2.0 server this project did not write
 * (SCIMMY from npm, in-memory store, bearer token, no ETag, no Bulk) at its own https origin,
 * builds the sheet from its /Schemas, pulls 500 users, edits, adds and deletes rows, submits,
 * and every row gets its outcome; a user changed on the server after the pull is a conflict.
 */
const SHOTS = 'test-results/screenshots';
/** The service's origin as the pane sees it; the test forwards it to 127.0.0.1. */
const SCIM_ORIGIN = 'https://scim.test';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

let browser: Browser;
let page: Page;
let tp: ThirdPartyScim;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
}, 60_000);
afterAll(() => browser.close());
afterEach(async () => {
  await page.close();
  await tp.close();
});

const cell = (address: string) => page.locator(`input[data-cell="${address}"]`);
const value = (address: string) => cell(address).inputValue();
async function type(address: string, text: string) {
  await cell(address).fill(text);
  await cell(address).press('Enter');
}
/** The sheet's header row: column letter by header text. */
async function columns(sheet: string): Promise<Record<string, string>> {
  return page.evaluate((name) => {
    type Data = { peek(r: number, c: number): { value: unknown } | undefined; maxCol(): number };
    const data = (window as unknown as { fakeExcel: { sheets: Map<string, Data> } }).fakeExcel.sheets.get(
      name,
    )!;
    const out: Record<string, string> = {};
    for (let c = 0; c <= data.maxCol(); c++) {
      const letters = c < 26 ? String.fromCharCode(65 + c) : `A${String.fromCharCode(65 + c - 26)}`;
      out[String(data.peek(0, c)?.value ?? '')] = letters;
    }
    return out;
  }, sheet);
}

/** Every cell of a sheet as text, one line per row. */
async function sheetText(sheet: string): Promise<string> {
  return page.evaluate((name) => {
    type Data = {
      peek(r: number, c: number): { value: unknown } | undefined;
      maxRow(): number;
      maxCol(): number;
    };
    const data = (window as unknown as { fakeExcel: { sheets: Map<string, Data> } }).fakeExcel.sheets.get(
      name,
    );
    if (!data) return '';
    const lines: string[] = [];
    for (let r = 0; r <= data.maxRow(); r++)
      lines.push(
        Array.from({ length: data.maxCol() + 1 }, (_, c) => String(data.peek(r, c)?.value ?? '')).join('\t'),
      );
    return lines.join('\n');
  }, sheet);
}

async function open(lang: 'ja-JP' | 'en-US'): Promise<void> {
  tp = await startThirdPartyScim({ users: seedUsers(500) });
  page = await browser.newPage({ viewport: { width: 2300, height: 900 } });
  // The harness grid draws 500 rows again after each edit: on a loaded 2-core machine an action
  // waited more than Playwright's default 30 s for the page to answer.
  page.setDefaultTimeout(120_000);
  // No Roster server in this test: /t/** would go to a closed port, and is never asked for.
  await serveHarness(page, 'http://127.0.0.1:9');
  const target = new URL(tp.url).origin;
  // Registered last, so it runs before serveHarness's "anything else is refused" route.
  await page.route(`${SCIM_ORIGIN}/**`, async (route) => {
    const req = route.request();
    const url = new URL(req.url());
    const res = await fetch(`${target}${url.pathname}${url.search}`, {
      method: req.method(),
      headers: req.headers(),
      body: req.postData() ?? undefined,
    });
    await route.fulfill({
      status: res.status,
      headers: Object.fromEntries(res.headers),
      body: Buffer.from(await res.arrayBuffer()),
    });
  });
  await page.goto(`${ORIGIN}/harness.html?lang=${lang}&scim=${encodeURIComponent(`${SCIM_ORIGIN}/scim/v2`)}`);
}

describe.each([
  ['ja-JP', 'ja'],
  ['en-US', 'en'],
] as const)('another SCIM 2.0 service in Chromium (%s)', (lang, locale: Locale) => {
  const t = strings[locale];
  const sheetName = locale === 'ja' ? '名簿' : 'Roster';
  const result =
    locale === 'ja'
      ? { done: '送信済み', conflict: '競合', problems: '未送信（問題あり）' }
      : { done: 'Sent', conflict: 'Conflict', problems: 'Not sent (problems)' };

  test('connect with a token, pull 500 users, edit, add, delete, submit; a concurrent change is a conflict', async () => {
    await open(lang);
    await page.getByRole('radio', { name: t.scim.other }).check();
    // A wrong token is said in the form, and nothing else happens.
    await page.fill('input[name=scimToken]', 'wrong-token');
    await page.getByRole('button', { name: t.scim.connect }).click();
    await page.getByText(t.scim.unauthorized).waitFor();
    await page.fill('input[name=scimToken]', tp.token);
    await paneShots(page, SHOTS, 'scim-0-connect', locale);
    await page.getByRole('button', { name: t.scim.connect }).click();
    await page.getByText(t.scim.found('scim.test')).waitFor();
    await page.getByText(t.scim.filter(true, true)).waitFor();
    await page.getByRole('button', { name: t.roster.pull }).waitFor();
    // Only what the service offers: no as-of roster, no mail, no server check.
    expect(await page.getByRole('heading', { name: t.roster.asOf }).isVisible()).toBe(false);
    await paneShots(page, SHOTS, 'scim-1-connected', locale);

    await page.getByRole('button', { name: t.roster.pull }).click();
    await page.getByText(t.roster.pulled(500)).waitFor({ timeout: 30_000 });
    const col = await columns(sheetName);
    const [A, displayName, email, active, department, res] = [
      col[locale === 'ja' ? 'ユーザーID' : 'User ID']!,
      col[locale === 'ja' ? '表示名' : 'Display name']!,
      col[locale === 'ja' ? 'メールアドレス' : 'Email']!,
      col[locale === 'ja' ? '有効' : 'Active']!,
      col[locale === 'ja' ? '部署' : 'Department']!,
      col[locale === 'ja' ? '結果' : 'Result']!,
    ];
    expect(await value(`${A}2`)).toBe('user0001@example.com');
    expect(await value(`${A}501`)).toBe('user0500@example.com');
    await paneShots(page, SHOTS, 'scim-2-pulled', locale);

    // The harness redraws 500 rows per edit; the check runs once, at the review, not per keystroke.
    await page.getByRole('checkbox', { name: t.roster.autoValidate }).uncheck();
    // Edits: a name, a department, a deactivation, one conflict, a bad email (held back).
    await type(`${displayName}2`, 'Renamed One');
    await type(`${department}3`, 'Finance');
    await type(`${active}4`, 'false');
    await type(`${displayName}6`, 'Sheet Five');
    await type(`${email}7`, 'not-an-email');
    // Another administrator renames user0005 on the service after the pull.
    const five = [...tp.users.values()].find((u) => u.userName === 'user0005@example.com')!;
    tp.users.set(String(five.id), { ...five, displayName: 'Server Five' });
    // user0009 is deleted (the rows below move up); a new user is added below the last row.
    await page.getByRole('button', { name: 'delete row 10', exact: true }).click();
    expect(await value(`${A}10`)).toBe('user0010@example.com');
    await type(`${A}501`, 'new.person@example.com');
    await type(`${displayName}501`, 'New Person');
    await type(`${email}501`, 'new.person@example.com');
    await type(`${active}501`, 'true');

    await page.getByRole('button', { name: t.submit.review }).click();
    await page.getByText(t.submit.counts(1, 5, 1, 1)).waitFor();
    // No server check for a service that cannot check without writing.
    expect(await page.getByRole('button', { name: t.submit.check }).count()).toBe(0);
    await page.getByRole('button', { name: t.submit.send, exact: true }).click();
    await page.getByText(t.submit.done(t.submit.tally(5, 1, 0, 0, 1, 7))).waitFor({ timeout: 30_000 });
    // The grid back at its top, where the edited rows and their results are.
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      document.getElementById('grid')?.scrollTo(0, 0);
    });
    await paneShots(page, SHOTS, 'scim-3-submitted', locale);

    // Every row's outcome on the sheet.
    expect(await value(`${res}2`)).toBe(result.done);
    expect(await value(`${res}3`)).toBe(result.done);
    expect(await value(`${res}4`)).toBe(result.done);
    expect(await value(`${res}5`)).toBe('');
    expect(await value(`${res}6`)).toBe(result.conflict);
    expect(await value(`${res}7`)).toBe(result.problems);
    expect(await value(`${res}501`)).toBe(result.done);
    // And on the service: written, deleted, created; the other administrator's change stands.
    const byName = (n: string) => [...tp.users.values()].find((u) => u.userName === n);
    expect(byName('user0001@example.com')?.displayName).toBe('Renamed One');
    expect((byName('user0002@example.com')?.[ENTERPRISE] as { department?: string }).department).toBe(
      'Finance',
    );
    expect(byName('user0003@example.com')?.active).toBe(false);
    expect(byName('user0005@example.com')?.displayName).toBe('Server Five');
    expect(byName('user0006@example.com')?.emails).toEqual([
      { value: 'user0006@example.com', type: 'work', primary: true },
    ]);
    expect(byName('user0009@example.com')).toBeUndefined();
    expect(byName('new.person@example.com')).toMatchObject({ displayName: 'New Person', active: true });
    expect(tp.users.size).toBe(500);
    // The deletion has its line in the submission log.
    expect(await sheetText(locale === 'ja' ? '送信記録' : 'Submission log')).toContain(
      'user0009@example.com',
    );

    // The conflict, side by side.
    await page.getByRole('button', { name: t.submit.showConflict }).click();
    await page
      .getByText(
        `${locale === 'ja' ? '表示名' : 'Display name'}: ${t.submit.sheetSays}「Sheet Five」／${t.submit.serverSays}「Server Five」`,
      )
      .waitFor();
    await paneShots(page, SHOTS, 'scim-4-conflict', locale);
    // No request went to a Roster-only API.
    expect(tp.requests.filter((r) => r.includes('/api/') || r.includes('dryRun'))).toEqual([]);
  }, 600_000);
});
