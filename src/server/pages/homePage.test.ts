import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, type Harness } from '../../../test/server/harness';

// `/` says what this server is and links to what a person needs; every link on it answers.
let h: Harness;
const pane = mkdtempSync(join(tmpdir(), 'roster-pane-'));
mkdirSync(join(pane, 'assets'));
writeFileSync(join(pane, 'taskpane.html'), '<!doctype html><title>pane</title>');
writeFileSync(join(pane, 'manifest.xml'), '<OfficeApp/>');
writeFileSync(join(pane, 'taskpane.0123abcd.js'), 'void 0;');
writeFileSync(join(pane, 'assets', 'icon-32.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));

afterAll(async () => {
  await h?.close();
  rmSync(pane, { recursive: true, force: true });
});

const get = (url: string, lang = 'en') =>
  h.app.inject({ method: 'GET', url, headers: { 'accept-language': lang } });
const links = (html: string) =>
  [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

describe('the home page of a server that serves the built pane', () => {
  beforeAll(async () => {
    h = await startHarness({ home: { paneDir: pane } });
    await h.tenant({ slug: 'demo-eq' });
    await h.tenant({ slug: 'demo-jairo', profile: 'jairo' });
  }, 30_000);

  test('in English: what it is, the manifest, each tenant SCIM base with the token note', async () => {
    const r = await get('/');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    expect(r.body).toContain('<html lang="en">');
    expect(r.body).toContain('Roster server');
    expect(r.body).toContain('<code>http://localhost:80/t/demo-eq/scim/v2</code>');
    expect(r.body).toContain('/t/demo-jairo/scim/v2');
    expect(r.body).toContain('Authorization: Bearer');
    expect(links(r.body)).toEqual(expect.arrayContaining(['/manifest.xml', '/taskpane.html', '/?lang=ja']));
  });

  test('in Japanese for a browser that prefers it', async () => {
    const r = await get('/', 'ja,en;q=0.5');
    expect(r.body).toContain('<html lang="ja">');
    expect(r.body).toContain('Roster サーバー');
    expect(r.body).toContain('トークン');
    expect(links(r.body)).toContain('/?lang=en');
    expect((await get('/?lang=ja')).body).toContain('<html lang="ja">');
  });

  test('in Japanese in the words the administrators know: the organization and its service', async () => {
    const r = await get('/', 'ja');
    expect(r.body).not.toMatch(/サインイン|テナント|プロファイル/);
    expect(r.body).toContain('<dt>demo-eq（EQ）</dt>');
    expect(r.body).toContain('<dt>demo-jairo（JAIRO Cloud）</dt>');
    expect((await get('/', 'en')).body).toContain('<dt>demo-jairo (JAIRO Cloud)</dt>');
  });

  test('every link on the page answers 200 (SCIM bases are text: they need a token)', async () => {
    for (const lang of ['en', 'ja']) {
      for (const link of links((await get('/', lang)).body)) {
        const r = await get(link);
        expect([link, r.statusCode]).toEqual([link, 200]);
      }
    }
  });

  test('the built pane is served with its types, and nothing outside it', async () => {
    expect((await get('/taskpane.html')).headers['content-type']).toBe('text/html; charset=utf-8');
    expect((await get('/manifest.xml')).headers['content-type']).toBe('application/xml; charset=utf-8');
    expect((await get('/taskpane.0123abcd.js')).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await get('/assets/icon-32.png')).headers['content-type']).toBe('image/png');
    expect((await get('/assets/../../package.json')).statusCode).toBe(404);
  });
});

describe('the home page in development', () => {
  beforeAll(async () => {
    await h?.close();
    h = await startHarness({ home: { paneDir: join(pane, 'none'), addinDevUrl: 'https://localhost:3000' } });
  }, 30_000);

  test('links the dev server manifest, pane and browser harness', async () => {
    const r = await get('/');
    expect(r.statusCode).toBe(200);
    expect(links(r.body)).toEqual(
      expect.arrayContaining([
        'https://localhost:3000/manifest.xml',
        'https://localhost:3000/taskpane.html',
        'https://localhost:3000/harness.html',
      ]),
    );
    expect(r.body).toContain('No tenants yet');
  });
});
