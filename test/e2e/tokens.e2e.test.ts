import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ORIGIN, demoSetup, serveHarness } from './browser';

// Issue 12: the token life cycle in the add-in's settings (create, copy, list, revoke), in
// both languages, in Chromium against the real server.
const SHOTS = 'test-results/screenshots';
let browser: Browser;
let context: BrowserContext;
let page: Page;
let base = '';
let password = '';
let close: () => Promise<void>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ base, password, browser, close } = await demoSetup());
}, 60_000);
afterAll(() => close());

beforeEach(async () => {
  context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  page = await context.newPage();
  await serveHarness(page, base);
});
afterEach(() => context.close());

const scimStatus = async (token: string) =>
  (
    await fetch(`${base}/t/demo-eq/scim/v2/ServiceProviderConfig`, {
      headers: { authorization: `Bearer ${token}` },
    })
  ).status;

async function signIn(lang: string) {
  await page.goto(`${ORIGIN}/harness.html?lang=${lang}`);
  await page.fill('input[name=userName]', 'admin');
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
}

const cases = [
  {
    lang: 'ja-JP',
    section: 'API トークン',
    name: 'Entra ID',
    create: 'トークンを作成',
    created: 'トークン「Entra ID」を作成しました。',
    copy: 'コピー',
    copied: 'クリップボードにコピーしました。',
    done: '設定しました（トークンを閉じる）',
    active: '（有効）',
    revoke: '取り消す: Entra ID',
    confirm: '「Entra ID」を取り消す（すぐに接続できなくなります）',
    revoked: 'トークン「Entra ID」を取り消しました。このトークンではもう接続できません。',
    revokedState: '（取り消し済み）',
  },
  {
    lang: 'en-US',
    section: 'API tokens',
    name: 'Okta',
    create: 'Create token',
    created: 'Token "Okta" is made.',
    copy: 'Copy',
    copied: 'Copied to the clipboard.',
    done: 'Done (hide the token)',
    active: '(Active)',
    revoke: 'Revoke: Okta',
    confirm: 'Revoke "Okta" (it stops working at once)',
    revoked: 'Token "Okta" is revoked: it can no longer connect.',
    revokedState: '(Revoked)',
  },
];

describe('API tokens in the task pane', () => {
  test.each(cases)(
    '$lang: create, copy, list and revoke a token',
    async (c) => {
      await signIn(c.lang);
      const section = page.getByRole('region', { name: c.section });
      await section.scrollIntoViewIfNeeded();
      await section.locator('input[name=tokenName]').fill(c.name);
      await section.getByRole('button', { name: c.create }).click();
      await section.getByText(c.created).waitFor();
      const token = await section.locator('input[name=newToken]').inputValue();
      expect(token).toMatch(/^rsa_[A-Za-z0-9_-]{43}$/);
      await section.getByRole('button', { name: c.copy, exact: true }).click();
      await section.getByText(c.copied).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
      expect(await scimStatus(token)).toBe(200);
      await section.screenshot({ path: `${SHOTS}/tokens-${c.lang}-1-created.png` });

      await section.getByRole('button', { name: c.done }).click();
      expect(await section.locator('input[name=newToken]').count()).toBe(0);
      const item = section.getByRole('listitem').filter({ hasText: c.name });
      await item.getByText(c.active).waitFor();
      await item.getByRole('button', { name: c.revoke }).click();
      await item.getByRole('button', { name: c.confirm }).click();
      await section.getByText(c.revoked).waitFor();
      await item.getByText(c.revokedState).waitFor();
      expect(await scimStatus(token)).toBe(401);
      await section.screenshot({ path: `${SHOTS}/tokens-${c.lang}-2-revoked.png` });
    },
    60_000,
  );
});
