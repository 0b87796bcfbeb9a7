import type { Locale } from '../domain';

/** Japanese when Office's display language is Japanese (`ja`, `ja-JP`), English otherwise. */
export function localeOf(displayLanguage: string | undefined): Locale {
  return /^ja(?:-|$)/i.test(displayLanguage ?? '') ? 'ja' : 'en';
}

const ja = {
  title: '名簿管理',
  subtitle: 'ユーザーアカウントを Excel で一括管理',
  serverUrl: 'サーバーの URL',
  tenant: 'テナント',
  userName: 'ユーザーID',
  password: 'パスワード',
  signIn: 'サインイン',
  signingIn: 'サインインしています…',
  signOut: 'サインアウト',
  signedInAs: (name: string, id: string) => `${name}（${id}）としてサインイン中`,
  profile: 'プロファイル',
  tokenNote: 'サインイン情報はこのウィンドウのメモリにだけ保持され、ブックには保存されません。',
  errors: {
    required: (field: string) => `${field}を入力してください。`,
    network: 'サーバーに接続できません。URL を確認してください。',
    wrongPassword: 'ユーザーID またはパスワードが正しくありません。',
    notAdmin: 'このアカウントには名簿を管理する権限がありません。',
    tooMany: (s: number) =>
      `サインインの失敗が続いたため、${Math.ceil(s / 60)}分ほど待ってからやり直してください。`,
    noTenant: 'テナントが見つかりません。テナント名を確認してください。',
    other: (detail: string) => `サインインできませんでした: ${detail}`,
  },
};

export type Strings = typeof ja;

const en: Strings = {
  title: 'Roster Sheet',
  subtitle: 'Manage user accounts in bulk in Excel',
  serverUrl: 'Server URL',
  tenant: 'Tenant',
  userName: 'User ID',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  signOut: 'Sign out',
  signedInAs: (name: string, id: string) => `Signed in as ${name} (${id})`,
  profile: 'Profile',
  tokenNote: 'Your sign-in stays in this pane’s memory only; it is never saved in the workbook.',
  errors: {
    required: (field: string) => `Enter the ${field.toLowerCase()}.`,
    network: 'Cannot reach the server. Check the URL.',
    wrongPassword: 'The user ID or password is wrong.',
    notAdmin: 'This account may not manage the roster.',
    tooMany: (s: number) =>
      `Too many failed sign-ins: wait about ${Math.ceil(s / 60)} minute(s) and try again.`,
    noTenant: 'No such tenant. Check the tenant name.',
    other: (detail: string) => `Sign-in failed: ${detail}`,
  },
};

export const strings: Record<Locale, Strings> = { ja, en };
