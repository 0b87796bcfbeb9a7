// The words the admin reads, checked in bulk: every Japanese text is Japanese in the seeds' own
// words (ログイン, not サインイン; no テナント / プロファイル), every English one is English.
import { readFileSync } from 'node:fs';
import { messages, reasons } from '../domain/messages';
import { renderMail, type MailKind } from '../server/mail/templates';
import { helpText } from './help/helpText';
import { strings } from './i18n';

/** Every text of a catalog, functions called with `1` for each argument (as text and number alike). */
function texts(o: unknown, path = ''): [string, string][] {
  if (typeof o === 'string') return [[path, o]];
  if (typeof o === 'function') {
    const args = Array.from({ length: (o as (...a: unknown[]) => unknown).length }, () => '1');
    const params = new Proxy({}, { get: () => '1' });
    const out = (o as (...a: unknown[]) => unknown)(
      ...(args.length === 1 && path.includes('messages') ? [params] : args),
    );
    return [[path, String(out)]];
  }
  if (o && typeof o === 'object')
    return Object.entries(o).flatMap(([k, v]) => texts(v, path ? `${path}.${k}` : k));
  return [];
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
/** Names and terms an admin sees as they are in Japanese text too. */
const ALLOWED = /\b(URL|ID|Excel|Office|SCIM|CSV|JAIRO Cloud|EQ|Bearer)\b/g;
const JARGON = /サインイン|テナント|プロファイル/;

function problemsOf(path: string, text: string, locale: 'ja' | 'en'): string[] {
  if (locale === 'en') return JAPANESE.test(text) || /[（）「」、。]/.test(text) ? [`${path}: ${text}`] : [];
  const found: string[] = [];
  if (!JAPANESE.test(text)) found.push(`${path} has no Japanese: ${text}`);
  // An example address (例: xxxx@xx.xx.xx, as the seed writes it) is not English.
  if (/[A-Za-z]{2,}/.test(text.replace(ALLOWED, '').replace(/\S+@\S+/g, '')))
    found.push(`${path} mixes languages: ${text}`);
  if (JARGON.test(text)) found.push(`${path} uses our jargon: ${text}`);
  // No space between Japanese and a particle (「… のいずれか」, 「デモ株式会社 の」).
  if (/[\u3000-\u9fff\uff00-\uffef] [のをにはがへで]/.test(text))
    found.push(`${path} has a stray space: ${text}`);
  return found;
}

describe('every message in its own language, in the seeds’ words', () => {
  test('the pane', () => {
    const found = [
      ...texts(strings.ja).flatMap(([p, t]) => problemsOf(p, t, 'ja')),
      ...texts(strings.en).flatMap(([p, t]) => problemsOf(p, t, 'en')),
    ];
    expect(found).toEqual([]);
  });

  test('the help page', () => {
    const { other: ja, ...jaRest } = helpText.ja;
    const { other: en, ...enRest } = helpText.en;
    // Each language's link to the other is written in the other language, on purpose.
    expect([ja, en]).toEqual(['English', '日本語']);
    const found = [
      ...texts(jaRest, 'help.ja')
        .filter(([p]) => !/\.(image|mark)$/.test(p))
        .flatMap(([p, t]) => problemsOf(p, t, 'ja')),
      ...texts(enRest, 'help.en')
        .filter(([p]) => !/\.(image|mark)$/.test(p))
        .flatMap(([p, t]) => problemsOf(p, t, 'en')),
    ];
    expect(found).toEqual([]);
  });

  test('the manifest: what Excel shows of the add-in in Japanese', () => {
    const manifest = readFileSync('manifest.xml', 'utf8');
    const ja = [...manifest.matchAll(/Locale="ja-JP" Value="([^"]*)"/g)].map((m) => m[1]!);
    expect(ja.length).toBeGreaterThan(3);
    expect(ja.flatMap((t, i) => problemsOf(`manifest.ja.${i}`, t, 'ja'))).toEqual([]);
  });

  test('the problems the check reports', () => {
    const found = Object.entries(messages).flatMap(([k, m]) => [
      ...texts({ ja: m.ja }, `messages.${k}`).flatMap(([p, t]) => problemsOf(p, t, 'ja')),
      ...texts({ en: m.en }, `messages.${k}`).flatMap(([p, t]) => problemsOf(p, t, 'en')),
    ]);
    const why = Object.entries(reasons).flatMap(([k, r]) => [
      ...problemsOf(`reasons.${k}`, r.ja, 'ja'),
      ...problemsOf(`reasons.${k}`, r.en, 'en'),
    ]);
    expect([...found, ...why]).toEqual([]);
  });

  test('Japanese mail subjects name the organization, never our product, and are Japanese', () => {
    const kinds: MailKind[] = ['invitation', 'registered', 'passwordSet', 'passwordUpdated'];
    for (const kind of kinds) {
      const mail = renderMail(kind, {
        locale: 'ja',
        timeZone: 'Asia/Tokyo',
        tenantName: 'デモ株式会社',
        serviceName: 'EQ',
        loginUrl: null,
        displayName: '山田花子',
        userName: 'hanako.yamada',
        url: 'https://example.jp/r/abc',
        expiresAt: new Date('2026-04-01T00:00:00Z'),
        password: 'pw',
        details: [],
      });
      expect(mail.subject).toMatch(/^【デモ株式会社】/);
      expect(mail.subject).not.toContain('Roster Sheet');
      // Japanese puts no space between a name and its particle: 「デモ株式会社のユーザーアカウント」.
      expect(mail.text).not.toMatch(/デモ株式会社 |[^\s]+ デモ株式会社/);
      expect(problemsOf(`mail.${kind}`, mail.subject, 'ja')).toEqual([]);
    }
  });

  test('the checker itself catches each fault', () => {
    expect(problemsOf('x', 'Sign in', 'ja')).toHaveLength(2);
    expect(problemsOf('x', 'サインインしてください', 'ja')).toHaveLength(1);
    expect(problemsOf('x', '名簿を pull しました', 'ja')).toHaveLength(1);
    expect(problemsOf('x', 'Excel の名簿を取得しました。', 'ja')).toEqual([]);
    expect(problemsOf('x', 'デモ株式会社 のユーザーアカウント', 'ja')).toHaveLength(1);
    expect(problemsOf('x', 'Pulled 名簿', 'en')).toHaveLength(1);
  });
});
