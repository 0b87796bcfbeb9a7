import type { Locale } from '../domain';

const ja = {
  title: 'API トークン',
  hint: 'Entra ID や Okta などからプロビジョニング（SCIM）で接続するためのトークンです。トークンは作成したときに一度だけ表示されます。',
  name: 'トークンの名前',
  namePlaceholder: '例: Entra ID',
  nameRequired: 'トークンの名前を入力してください。',
  expiry: '有効期限',
  expiries: { '30': '30日', '90': '90日', '365': '1年', never: '無期限' } as Record<string, string>,
  create: 'トークンを作成',
  created: (name: string) =>
    `トークン「${name}」を作成しました。この表示を閉じると二度と確認できません。今すぐコピーして、接続先に設定してください。`,
  tokenLabel: '新しいトークン',
  copy: 'コピー',
  copied: 'クリップボードにコピーしました。',
  copyFailed: 'コピーできませんでした。トークンを選択してコピーしてください。',
  done: '設定しました（トークンを閉じる）',
  list: '作成済みのトークン',
  load: 'トークンの一覧を表示',
  empty: 'トークンはありません。',
  line: (p: { created: string; by: string; expires: string | null; lastUsed: string | null }) =>
    `作成: ${p.created}（${p.by}）・有効期限: ${p.expires ?? '無期限'}・最終使用: ${p.lastUsed ?? '未使用'}`,
  state: (s: string) => `（${s}）`,
  active: '有効',
  revokedState: '取り消し済み',
  expired: '期限切れ',
  revoke: '取り消す',
  confirmRevoke: (name: string) => `「${name}」を取り消す（すぐに接続できなくなります）`,
  cancel: 'やめる',
  revoked: (name: string) => `トークン「${name}」を取り消しました。このトークンではもう接続できません。`,
};

export type TokenText = typeof ja;

const en: TokenText = {
  title: 'API tokens',
  hint: 'Tokens let Entra ID, Okta and other provisioning clients connect over SCIM. A token is shown once, when it is made.',
  name: 'Token name',
  namePlaceholder: 'e.g. Entra ID',
  nameRequired: 'Enter a name for the token.',
  expiry: 'Expires',
  expiries: { '30': 'In 30 days', '90': 'In 90 days', '365': 'In a year', never: 'Never' },
  create: 'Create token',
  created: (name: string) =>
    `Token "${name}" is made. Once you close this, it cannot be shown again: copy it now and paste it into the provisioning client.`,
  tokenLabel: 'New token',
  copy: 'Copy',
  copied: 'Copied to the clipboard.',
  copyFailed: 'Could not copy: select the token and copy it.',
  done: 'Done (hide the token)',
  list: 'Tokens',
  load: 'Show the tokens',
  empty: 'There are no tokens.',
  line: (p) =>
    `Created ${p.created} (${p.by}) · expires ${p.expires ?? 'never'} · last used ${p.lastUsed ?? 'never'}`,
  state: (s: string) => ` (${s})`,
  active: 'Active',
  revokedState: 'Revoked',
  expired: 'Expired',
  revoke: 'Revoke',
  confirmRevoke: (name: string) => `Revoke "${name}" (it stops working at once)`,
  cancel: 'Keep it',
  revoked: (name: string) => `Token "${name}" is revoked: it can no longer connect.`,
};

export const TOKEN_TEXT: Record<Locale, TokenText> = { ja, en };
