import type { Locale } from './types';

/** Parameters a message may use; `h` is the column header in the message's language. */
export interface MessageParams {
  h: string;
  v?: string;
  c?: string;
  n?: number;
  min?: number;
  max?: number;
  k?: number;
  list?: string;
  rows?: string;
  reason?: string;
  other?: string;
}

type Catalog = Record<Locale, (p: MessageParams) => string>;

const q = (s: string | undefined): string => s ?? '';

/**
 * Every message the rules can produce, in the seed's style: the row prefix is added by
 * {@link formatProblem}, the body names the column in quotes (`'メールアドレス'は必須です。`).
 */
export const messages = {
  required: {
    ja: (p) => `'${p.h}'は必須です。`,
    en: (p) => `'${p.h}' is required.`,
  },
  requiredWhen: {
    ja: (p) => `'${q(p.other)}'が「${q(p.v)}」の場合、'${p.h}'は必須です。`,
    en: (p) => `'${p.h}' is required when '${q(p.other)}' is ${q(p.v)}.`,
  },
  missingColumn: {
    ja: (p) => `'${p.h}'の列がありません。更新では、値が空欄でもこの列が必要です。`,
    en: (p) => `The '${p.h}' column is missing; an update needs it even where the value is blank.`,
  },
  tooLong: {
    ja: (p) => `'${p.h}'は${p.max}文字以内で入力してください（現在${p.n}文字）。`,
    en: (p) => `'${p.h}' must be at most ${p.max} characters (it has ${p.n}).`,
  },
  tooShort: {
    ja: (p) => `'${p.h}'は${p.min}文字以上で入力してください（現在${p.n}文字）。`,
    en: (p) => `'${p.h}' must be at least ${p.min} characters (it has ${p.n}).`,
  },
  lengthRange: {
    ja: (p) => `'${p.h}'は${p.min}～${p.max}文字で入力してください（現在${p.n}文字）。`,
    en: (p) => `'${p.h}' must be ${p.min} to ${p.max} characters (it has ${p.n}).`,
  },
  whitespace: {
    ja: (p) => `'${p.h}'に空白文字（${q(p.c)}）は使用できません。`,
    en: (p) => `'${p.h}' must not contain whitespace (${q(p.c)}).`,
  },
  atSign: {
    ja: (p) => `'${p.h}'に「@」（アットマーク）は使用できません。`,
    en: (p) => `'${p.h}' must not contain '@'.`,
  },
  fullWidth: {
    ja: (p) => `'${p.h}'に全角文字（「${q(p.c)}」）は使用できません。半角で入力してください。`,
    en: (p) => `'${p.h}' must not contain full-width characters ('${q(p.c)}'); use half-width characters.`,
  },
  identifierChars: {
    ja: (p) => `'${p.h}'には半角英数字と「-」「_」「.」のみ使用できます（「${q(p.c)}」は使用できません）。`,
    en: (p) =>
      `'${p.h}' may contain only letters A-Z a-z, digits and '-', '_', '.' ('${q(p.c)}' is not allowed).`,
  },
  emailFormat: {
    ja: (p) => `'${p.h}'はメールアドレスの形式で入力してください（例: xxxx@xx.xx.xx）。`,
    en: (p) => `'${p.h}' must be an email address (e.g. name@example.ac.jp).`,
  },
  passwordChars: {
    ja: (p) =>
      `'${p.h}'には半角英数字と記号 !"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~ のみ使用できます（「${q(p.c)}」は使用できません）。`,
    en: (p) =>
      `'${p.h}' may contain only ASCII letters, digits and the symbols !"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~ ('${q(p.c)}' is not allowed).`,
  },
  passwordClasses: {
    ja: (p) =>
      `'${p.h}'には英小文字・英大文字・数字・記号のうち${p.n}種類以上を含めてください（現在${p.k}種類）。`,
    en: (p) =>
      `'${p.h}' must mix at least ${p.n} of lower-case letters, upper-case letters, digits and symbols (it has ${p.k}).`,
  },
  passwordForbidden: {
    ja: (p) =>
      `ワンタイムURLを発行してユーザーがパスワードを設定する登録では、'${p.h}'は空欄にしてください。`,
    en: (p) => `'${p.h}' must be empty when users are invited to set their own password.`,
  },
  idList: {
    ja: (p) => `'${p.h}'は半角数字で入力し、複数の場合は半角スペース1つで区切ってください（「${q(p.v)}」）。`,
    en: (p) => `'${p.h}' must be numbers separated by single half-width spaces ('${q(p.v)}').`,
  },
  oneOf: {
    ja: (p) => `'${p.h}'には${q(p.list)}のいずれかを入力してください（「${q(p.v)}」は指定できません）。`,
    en: (p) => `'${p.h}' must be one of ${q(p.list)} ('${q(p.v)}' is not allowed).`,
  },
  rejectedValue: {
    ja: (p) => `'${p.h}'に「${q(p.v)}」は指定できません。${q(p.reason)}。`,
    en: (p) => `'${p.h}' cannot be '${q(p.v)}': ${q(p.reason)}.`,
  },
  serverOnlyValue: {
    ja: (p) => `'${p.h}'の「${q(p.v)}」はサーバーが設定する値のため、指定できません。`,
    en: (p) => `'${p.h}' cannot be set to '${q(p.v)}': only the server sets it.`,
  },
  exponent: {
    ja: (p) =>
      `'${p.h}'の「${q(p.v)}」はExcelにより指数表記に変換された値です。セルの書式を「文字列」にして、元の値を入力し直してください。`,
    en: (p) =>
      `'${p.h}' holds '${q(p.v)}', a number Excel has turned into exponent notation; format the cell as Text and type the original value again.`,
  },
  duplicate: {
    ja: (p) => `'${p.h}'の「${q(p.v)}」は${q(p.rows)}と重複しています。`,
    en: (p) => `'${p.h}' '${q(p.v)}' is also in ${q(p.rows)}.`,
  },
  modeNotSupported: {
    ja: (p) => `このサービスでは「${q(p.v)}」の操作はできません（'${p.h}'）。`,
    en: (p) => `This service does not support '${q(p.v)}' ('${p.h}').`,
  },
  selfRegisteredPassword: {
    ja: (p) => `本人登録ユーザーの'${p.h}'は管理者が設定できません。`,
    en: (p) => `An administrator cannot set the '${p.h}' of a self-registered user.`,
  },
  readOnly: {
    ja: (p) => `'${p.h}'は変更できません（${q(p.reason)}）。`,
    en: (p) => `'${p.h}' cannot be changed (${q(p.reason)}).`,
  },
  ownRole: {
    ja: (p) => `操作しているご自身のアカウントの'${p.h}'は変更できません。`,
    en: (p) => `You cannot change the '${p.h}' of your own account.`,
  },
  ownDeletion: {
    ja: (p) => `操作しているご自身のアカウント（${q(p.v)}）は削除できません。`,
    en: (p) => `You cannot delete your own account (${q(p.v)}).`,
  },
  unknownId: {
    ja: () =>
      `この行のユーザーは取得した名簿にありません。別のシートから行をコピーした場合は、新しいユーザーとして追加するか名簿を取得し直してください。`,
    en: () =>
      `This row's user is not in the pulled roster; if it was copied from another sheet, add it as a new user or pull the roster again.`,
  },
  duplicateId: {
    ja: (p) =>
      `同じユーザーの行が${q(p.rows)}にもあります。行をコピーして追加する場合は、新しい行として入力し直してください。`,
    en: (p) =>
      `The same user is also in ${q(p.rows)}; to add a copy as a new user, enter it again as a new row.`,
  },
  // Rules only the server can judge (its database), in the same style.
  taken: {
    ja: (p) => `'${p.h}'の「${q(p.v)}」は既に他のユーザーが使用しています。`,
    en: (p) => `'${p.h}' '${q(p.v)}' is already used by another user.`,
  },
  unknownGroup: {
    ja: (p) => `'${p.h}'の「${q(p.v)}」は存在しないグループIDです。`,
    en: (p) => `'${p.h}' '${q(p.v)}' is not an existing group.`,
  },
  contractLimit: {
    ja: (p) => `ご契約のユーザー数（${p.n}件）を超えるため、登録できません。`,
    en: (p) => `The contracted number of users (${p.n}) would be exceeded.`,
  },
} satisfies Record<string, Catalog>;

export type MessageKey = keyof typeof messages;

/** Reasons used in `readOnly` messages. */
export const reasons = {
  immutable: { ja: '作成後は変更できない項目です', en: 'it cannot change once the user exists' },
  serverManaged: { ja: 'サーバーが設定する項目です', en: 'the server sets it' },
  directorySynced: {
    ja: '管理画面とユーザー情報を同期しているユーザーです',
    en: 'the user is synced with the management console',
  },
  selfRegistered: { ja: '本人登録ユーザーです', en: 'the user registered themselves' },
} satisfies Record<string, Record<Locale, string>>;

/** The row prefix of the seed: `3行目でエラー: ` / `Row 3: `; deleted rows have no row. */
export function rowPrefix(rowNumber: number | null, locale: Locale): string {
  if (rowNumber === null) return locale === 'ja' ? '削除する行でエラー: ' : 'Deleted row: ';
  return locale === 'ja' ? `${rowNumber}行目でエラー: ` : `Row ${rowNumber}: `;
}

/** A problem's message without its row prefix, for answers about one resource (SCIM errors). */
export function withoutRowPrefix(message: string, rowNumber: number | null, locale: Locale): string {
  const prefix = rowPrefix(rowNumber, locale);
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/** A whole problem message: row prefix plus body. */
export function formatProblem(
  rowNumber: number | null,
  locale: Locale,
  key: MessageKey,
  params: MessageParams,
): string {
  const body: (p: MessageParams) => string = messages[key][locale];
  return rowPrefix(rowNumber, locale) + body(params);
}

/**
 * A list of row numbers for a message, capped so a value repeated 10,000 times stays readable;
 * `hidden` rows beyond the list are counted as "and N more".
 */
export function listRows(rows: readonly number[], locale: Locale, cap = 5, hidden = 0): string {
  const shown = rows.slice(0, cap).join(', ');
  const more = rows.length - Math.min(rows.length, cap) + hidden;
  if (locale === 'ja') return more > 0 ? `${shown}行目ほか${more}行` : `${shown}行目`;
  const noun = rows.length + hidden > 1 ? 'rows' : 'row';
  return more > 0 ? `${noun} ${shown} and ${more} more` : `${noun} ${shown}`;
}
