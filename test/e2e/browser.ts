import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath } from '../../scripts/browserDeps';
import { buildApp } from '../../src/server/app';
import { seedDemo } from '../../src/server/seed/demo';
import { fastHash, testDb } from '../server/harness';

/** Debian's Chromium (or CHROMIUM_PATH), with the flags this machine needs (no sandbox as root, no background traffic). */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const ORIGIN = 'https://addin.test';

/**
 * Serves the built harness at https://addin.test (an https origin, as Office requires) and
 * forwards /t/… to the real server, as the dev server's proxy does: nothing leaves 127.0.0.1.
 */
export async function serveHarness(page: Page, serverBase: string, dir = 'dist-harness'): Promise<void> {
  await page.route(`${ORIGIN}/t/**`, async (route) => {
    const req = route.request();
    const url = new URL(req.url());
    const res = await fetch(`${serverBase}${url.pathname}${url.search}`, {
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
  await page.route(new RegExp(`^${ORIGIN.replace(/\./g, '\\.')}/(?!t/)`), async (route) => {
    const file = join(dir, new URL(route.request().url()).pathname.slice(1));
    if (existsSync(file)) await route.fulfill({ path: file });
    else await route.fulfill({ status: 404, body: 'not found' });
  });
  // Anything else (fonts, CDNs) is refused: the test must not need the network.
  await page.route(/^https?:\/\/(?!addin\.test)/, (route) => route.abort());
}

/** Waits until `read()` gives a value `ok` accepts (the pane re-checks after a debounce). */
export async function eventually<T>(
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`still ${JSON.stringify(v)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Sheet rows (1-based) of users whose cells are all editable (no locked look: not synced, not
 * self-registered, no server-only status) and who are not `exceptUser`. Demo users come in a
 * random order, so tests pick rows this way instead of by number.
 */
export async function plainRows(page: Page, exceptUser: string, sheet = '名簿'): Promise<number[]> {
  return page.evaluate(
    ([except, name]) => {
      type Cell = { value: unknown; italic?: boolean };
      const data = (
        window as unknown as {
          fakeExcel: {
            sheets: Map<string, { peek(r: number, c: number): Cell | undefined; maxRow(): number }>;
          };
        }
      ).fakeExcel.sheets.get(name)!;
      const rows: number[] = [];
      for (let r = 1; r <= data.maxRow(); r++) {
        const cells = Array.from({ length: 9 }, (_, c) => data.peek(r, c));
        if (cells.some((c) => c?.italic) || cells[1]?.value === except) continue;
        rows.push(r + 1);
      }
      return rows;
    },
    [exceptUser, sheet] as const,
  );
}

/**
 * The real server on an in-memory PGlite with the demo tenants, and a browser: what every
 * browser test runs against. `close` stops and removes both.
 */
export async function demoSetup(): Promise<{
  base: string;
  password: string;
  browser: Browser;
  close: () => Promise<void>;
}> {
  const { db, drop } = await testDb('pglite');
  const demo = await seedDemo(db, new Date(), fastHash.hashPassword);
  const app = await buildApp({ db, ...fastHash });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launch();
  return {
    base,
    password: demo.find((d) => d.tenant === 'demo-eq')!.password,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
      await drop();
    },
  };
}

/**
 * Screenshots of the pane and grid at the pane's default width (360 px in the harness) and at
 * 320 px, the narrowest a task pane gets: `${dir}/${name}-${lang}-360.png` and `-320.png`.
 */
export async function paneShots(page: Page, dir: string, name: string, lang: string): Promise<void> {
  await page.screenshot({ path: `${dir}/${name}-${lang}-360.png` });
  const narrow = await page.addStyleTag({ content: '#pane { width: 320px !important; }' });
  await page.screenshot({ path: `${dir}/${name}-${lang}-320.png` });
  await narrow.evaluate((el) => (el as Element).remove());
}

/**
 * Text the pane does not show whole: an element that hides overflowing text (ellipsis, clip),
 * or that reaches past the pane's right edge. Empty when everything fits the pane's width.
 */
export function clippedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pane = document.querySelector('#pane')!;
    const right = pane.getBoundingClientRect().right;
    const found: string[] = [];
    for (const el of pane.querySelectorAll<HTMLElement>('*')) {
      const own = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      if (!own || el.getClientRects().length === 0) continue;
      const style = getComputedStyle(el);
      const hides = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
      if ((hides && el.scrollWidth > el.clientWidth + 1) || el.getBoundingClientRect().right > right + 1)
        found.push(own.slice(0, 60));
    }
    return found;
  });
}

/** Where the browser tests leave their screenshots. */
export const SHOTS = 'test-results/screenshots';

/** A test file's demo server and browser, set up once for the file (see demoSetup). */
export interface DemoSuite {
  base: string;
  password: string;
  browser: Browser;
}

/**
 * Registers the file's demo server and browser: started before its tests, stopped after them;
 * the fields are filled once `beforeAll` has run.
 */
export function demoSuite(): DemoSuite {
  const suite = {} as DemoSuite;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const setup = await demoSetup();
    Object.assign(suite, { base: setup.base, password: setup.password, browser: setup.browser });
    close = setup.close;
  }, 60_000);
  afterAll(() => close?.());
  return suite;
}

/** A new page (1400×900) on the harness in `lang`, not signed in yet. */
export async function harnessPage(demo: DemoSuite, lang: string): Promise<Page> {
  const page = await demo.browser.newPage({ viewport: { width: 1400, height: 900 } });
  await serveHarness(page, demo.base);
  await page.goto(`${ORIGIN}/harness.html?lang=${lang}`);
  return page;
}

/** The harness in `lang`, signed in as the demo eq tenant's administrator. */
export async function signedInPane(demo: DemoSuite, lang: string): Promise<Page> {
  const page = await harnessPage(demo, lang);
  await page.fill('input[name=userName]', 'admin');
  await page.fill('input[name=password]', demo.password);
  await page.click('button[type=submit]');
  return page;
}
