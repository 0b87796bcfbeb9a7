import { profileById, type Locale } from '../../domain';
import { serviceName } from '../tenants';
import { escapeHtml, htmlDocument } from './registrationPage';

/** What `/` shows: where the add-in is, the tenants' SCIM bases, and where to read more. */
export interface HomeView {
  locale: Locale;
  nonce: string;
  /** The origin the request came to (or PUBLIC_URL), for absolute URLs people copy. */
  origin: string;
  /** Where the add-in's pages are: the dev server in development, '' for this server. */
  addinBase: string;
  /** Whether the add-in's pages are served at all (built pane here, or a dev server). */
  addinServed: boolean;
  /** Whether the browser harness is served (development). */
  harness: boolean;
  tenants: readonly { slug: string; name: string; profile: string }[];
}

const TEXT = {
  ja: {
    title: 'Roster サーバー',
    lead: 'Roster Sheet（Excel でユーザーアカウントを一括管理するアドイン）のサーバーです。組織ごとの名簿を保持し、その組織のサービス（JAIRO Cloud、EQ）の規則どおりに登録内容を確かめ、すべての変更履歴を残します。',
    addin: 'Excel アドイン',
    manifest: 'マニフェスト（manifest.xml）',
    manifestHow:
      'Excel に読み込むには：Excel on the web は［挿入］＞［アドイン］＞［マイ アドインのアップロード］、Windows / Mac は npx office-addin-debugging start manifest.xml desktop。',
    pane: '作業ウィンドウ（Excel の外で開くと使い方を表示します）',
    harness: 'ブラウザー版（Excel なしで作業ウィンドウを試せます）',
    notBuilt:
      'アドインのページはまだビルドされていません。npm run build を実行するか、開発中は npm start を使ってください。',
    tenants: '組織と SCIM の接続先',
    noTenants: '組織はまだ登録されていません。',
    scimNote:
      'SCIM の呼び出しにはトークンが必要です：Authorization: Bearer ＜トークン＞（npm run server:token -- --tenant ＜組織ID＞ で発行、または管理者で POST /t/＜組織ID＞/api/session）。',
    docs: '運用者向けの説明',
    health: '稼働確認（/healthz）',
    service: (name: string) => `（${name}）`,
    other: 'English',
    otherLang: 'en',
  },
  en: {
    title: 'Roster server',
    lead: 'The server of Roster Sheet, the Excel add-in for managing user accounts in bulk. It holds the roster, enforces every rule of the tenant’s profile, and keeps the history of every change.',
    addin: 'The Excel add-in',
    manifest: 'Manifest (manifest.xml)',
    manifestHow:
      'To load it in Excel: on the web, Insert > Add-ins > Upload My Add-in; on Windows or Mac, npx office-addin-debugging start manifest.xml desktop.',
    pane: 'Task pane (outside Excel it explains how to open it)',
    harness: 'Browser harness (try the pane without Excel)',
    notBuilt: 'The add-in’s pages are not built yet: run npm run build, or npm start while developing.',
    tenants: 'Tenants and SCIM',
    noTenants: 'No tenants yet.',
    scimNote:
      'SCIM calls need a token: Authorization: Bearer <token> (npm run server:token -- --tenant <slug>, or an administrator’s POST /t/<slug>/api/session).',
    docs: 'Notes for operators',
    health: 'Health check (/healthz)',
    service: (name: string) => ` (${name})`,
    other: '日本語',
    otherLang: 'ja',
  },
} as const;

/** The service a tenant's users know (JAIRO Cloud, EQ), from its profile's id. */
function serviceOf(profileId: string): string {
  const profile = profileById(profileId);
  return profile ? serviceName(profile) : profileId;
}

const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;

export function homePage(v: HomeView): string {
  const t = TEXT[v.locale];
  const addin = v.addinServed
    ? [
        `<ul>`,
        `<li>${link(`${v.addinBase}/manifest.xml`, t.manifest)}<br><span class="hint">${escapeHtml(t.manifestHow)}</span></li>`,
        `<li>${link(`${v.addinBase}/taskpane.html`, t.pane)}</li>`,
        v.harness ? `<li>${link(`${v.addinBase}/harness.html`, t.harness)}</li>` : '',
        `</ul>`,
      ].join('\n')
    : `<p>${escapeHtml(t.notBuilt)}</p>`;
  const tenants =
    v.tenants.length === 0
      ? `<p>${escapeHtml(t.noTenants)}</p>`
      : `<dl>${v.tenants
          .map(
            (x) =>
              `<dt>${escapeHtml(x.slug)}${t.service(serviceOf(x.profile))}</dt><dd>${escapeHtml(x.name)}<br>` +
              `SCIM: <code>${escapeHtml(`${v.origin}/t/${x.slug}/scim/v2`)}</code></dd>`,
          )
          .join('\n')}</dl>`;
  const body = [
    `<p class="tenant">${link(`/?lang=${t.otherLang}`, t.other)}</p>`,
    `<h1>${escapeHtml(t.title)}</h1>`,
    `<p>${escapeHtml(t.lead)}</p>`,
    `<h2>${escapeHtml(t.addin)}</h2>`,
    addin,
    `<h2>${escapeHtml(t.tenants)}</h2>`,
    tenants,
    `<p class="hint">${escapeHtml(t.scimNote)}</p>`,
    `<p>${link('/docs/operations', t.docs)} · ${link('/healthz', t.health)}</p>`,
  ].join('\n');
  return htmlDocument({ lang: v.locale, title: t.title, nonce: v.nonce, body });
}
