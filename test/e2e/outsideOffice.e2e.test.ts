import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launch } from './browser';

// taskpane.html opened in a browser tab, outside Office, with the real Office.js from the
// @microsoft/office-js package served under its CDN URL (the page is the one shipped; the tests
// have no internet): the page explains itself instead of staying blank.
const SHOTS = 'test-results/screenshots';
const ADDIN = 'https://addin.test';
const CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
const OFFICE_JS = 'node_modules/@microsoft/office-js/dist';

let browser: Browser;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
}, 30_000);
afterAll(() => browser.close());

async function open(locale: string): Promise<{ page: Page; officeFiles: string[]; errors: string[] }> {
  const page = await browser.newPage({ locale, viewport: { width: 420, height: 900 } });
  const officeFiles: string[] = [];
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route(`${CDN}**`, async (route) => {
    const file = join(OFFICE_JS, route.request().url().slice(CDN.length).split(/[?#]/)[0]!);
    officeFiles.push(file);
    if (existsSync(file)) await route.fulfill({ path: file });
    else await route.fulfill({ status: 404, body: 'not found' });
  });
  await page.route(`${ADDIN}/**`, async (route) => {
    const file = join('dist-harness/addin', new URL(route.request().url()).pathname.slice(1));
    if (existsSync(file)) await route.fulfill({ path: file });
    else await route.fulfill({ status: 404, body: 'not found' });
  });
  await page.route(/^https?:\/\/(?!addin\.test|appsforoffice\.microsoft\.com)/, (route) => route.abort());
  await page.goto(`${ADDIN}/taskpane.html`);
  return { page, officeFiles, errors };
}

test('outside Office the pane says to open it in Excel, with the sideload steps, in both languages', async () => {
  const { page, officeFiles, errors } = await open('ja-JP');
  const heading = page.getByRole('heading', { name: 'Excel で開いてください' });
  await heading.waitFor({ timeout: 15_000 });
  await page.getByRole('heading', { name: 'Open this add-in in Excel' }).waitFor();
  // The real library loaded and answered: Office.onReady ran and reported no host.
  expect(officeFiles).toContain(join(OFFICE_JS, 'office.js'));
  expect(
    await page.evaluate(
      () => typeof (window as unknown as { Office?: { onReady?: unknown } }).Office?.onReady,
    ),
  ).toBe('function');
  const text = await page.locator('body').innerText();
  expect(text).toContain('Upload My Add-in');
  expect(text).toContain('マイ アドインのアップロード');
  expect(text).toContain('manifest.xml');
  expect(await page.locator('#root').innerHTML()).toBe('');
  expect(errors).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/outside-office.png`, fullPage: true });
  await page.close();
}, 30_000);
